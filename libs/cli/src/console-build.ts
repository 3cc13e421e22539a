import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './paths';

export const CONSOLE_ROOT = join(REPO_ROOT, 'services/web/console');
const BUILT_INDEX = join(CONSOLE_ROOT, 'dist/index.html');

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** The console needs building when it was never built or a source is newer than the build. */
export function consoleBuildStale(): boolean {
  if (!existsSync(BUILT_INDEX)) return true;
  const sources = ['src', 'index.html', 'vite.config.mts', 'tsconfig.json'].map((p) => join(CONSOLE_ROOT, p)).filter((p) => existsSync(p));
  return Math.max(...sources.map(newestMtime)) > statSync(BUILT_INDEX).mtimeMs;
}

/** `vite build` of the console (services/web/console → dist/), which the web service serves. */
export function buildConsole(log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(CONSOLE_ROOT, 'vite.config.mts'), '--logLevel', 'warn'], {
      cwd: REPO_ROOT,
      // A production build whatever the caller's NODE_ENV (Jest sets `test`, which would bundle React's development build).
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) {
        log('console built (services/web/console/dist)');
        resolve();
      } else reject(new Error(`vite build of the console exited with ${code}`));
    });
  });
}

export async function ensureConsoleBuilt(log: (line: string) => void): Promise<void> {
  if (!consoleBuildStale()) return;
  log('building the console (its build is missing or older than its sources) ...');
  await buildConsole(log);
}
