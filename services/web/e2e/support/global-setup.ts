import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = resolve(__dirname, '../../../..');

/**
 * `kinerja console-fixture`: the services and the web service on a fresh database with the
 * console's small city. Its URL goes to the tests as KINERJA_WEB_URL; the returned function stops
 * it (and drops its database) after the run.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const child = spawn(process.execPath, [join(ROOT, 'libs/cli/bin/kinerja.js'), 'console-fixture'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = await new Promise<{ webUrl: string; database: string; auditKeyFile?: string }>((resolveReady, reject) => {
    // A guard for a fixture that hangs; on a busy shared machine its services take minutes to start.
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error('console-fixture was not ready within 15 minutes'));
    }, 900_000);
    child.once('exit', (code) => reject(new Error(`console-fixture exited with ${code} before it was ready`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      clearTimeout(timer);
      resolveReady(JSON.parse(line));
    });
  });
  process.env.KINERJA_WEB_URL = ready.webUrl;
  // The city's key of the run (it signs the documents' verification answers).
  if (ready.auditKeyFile) process.env.KINERJA_AUDIT_KEY_FILE = ready.auditKeyFile;
  // The fixture's database, for journeys that act on the system itself (end a session, hold a read model).
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${ready.database}`;
    process.env.KINERJA_FIXTURE_DATABASE_URL = url.toString();
  }
  return async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
}
