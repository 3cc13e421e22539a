import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(__dirname, '../../..');
const BUDGET_BYTES = 300 * 1024;

/** The JavaScript a browser fetches before the first page shows: the entry and what index.html preloads. */
async function firstLoadScripts(dist: string): Promise<string[]> {
  const html = await readFile(join(dist, 'index.html'), 'utf8');
  return [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="([^"]+\.js)"/g)].map((m) => m[1]);
}

describe('the console build', () => {
  it('keeps the first load within 300 KB of gzipped JavaScript, with pages in chunks of their own', async () => {
    const out = await mkdtemp(join(tmpdir(), 'kinerja-console-'));
    try {
      await promisify(execFile)(
        process.execPath,
        [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(ROOT, 'services/web/console/vite.config.mts'), '--outDir', out, '--emptyOutDir', '--logLevel', 'error'],
        // Jest runs with NODE_ENV=test, which would bundle React's development build.
        { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production' } },
      );
      const scripts = await firstLoadScripts(out);
      expect(scripts.length).toBeGreaterThan(0);
      let gzipped = 0;
      for (const src of scripts) gzipped += gzipSync(await readFile(join(out, src))).length;
      process.stdout.write(`console first load: ${scripts.length} script(s), ${(gzipped / 1024).toFixed(1)} KB gzipped (budget 300 KB)\n`);
      expect(gzipped).toBeLessThanOrEqual(BUDGET_BYTES);
      const assets = await promisify(execFile)('ls', [join(out, 'assets')]);
      for (const page of ['SignIn', 'Beranda', 'SkpEditor', 'TeamBoard', 'Realisasi', 'Penilaian', 'Keberatan', 'PohonKinerja', 'AnggotaTim']) expect(assets.stdout).toMatch(new RegExp(`^${page}-[\\w-]+\\.js$`, 'm'));
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
