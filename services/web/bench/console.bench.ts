/**
 * `npm run bench -- console [--runs 20]`: the console in Debian's chromium against the services on
 * the PostgreSQL log (`kinerja console-fixture`, its small city). Prints the first load's
 * JavaScript (gzipped, as fetched by the sign-in page) and p50/p95 of the time from navigation to
 * the page's data shown, for Beranda, the team board, the SKP editor and the rating page.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { gzipSync } from 'node:zlib';
import { chromium, expect, type Page } from '@playwright/test';

const ROOT = resolve(__dirname, '../../..');
const PEGAWAI = '199003152015031002';
const KASI = '198003032005011003';

const at = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

async function startFixture(): Promise<{ webUrl: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [join(ROOT, 'libs/cli/bin/kinerja.js'), 'console-fixture'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const { webUrl } = await new Promise<{ webUrl: string }>((ok, fail) => {
    child.once('exit', (code) => fail(new Error(`console-fixture exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => line.startsWith('{') && ok(JSON.parse(line)));
  });
  return {
    webUrl,
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function signIn(page: Page, base: string, nip: string, role: string): Promise<void> {
  await page.goto(`${base}/masuk`);
  await page.getByLabel('Cari pegawai (nama atau NIP)').fill(nip);
  await page.getByRole('button', { name: 'Cari', exact: true }).click();
  await expect(page.locator('.people li')).toHaveCount(1);
  await page.locator('.people button').click();
  await page.getByRole('radio', { name: role }).check();
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Keluar' })).toBeVisible();
}

async function timed(page: Page, url: string, shown: (page: Page) => Promise<void>, runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await page.goto(url);
    await shown(page);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

async function main(): Promise<void> {
  const runsAt = process.argv.indexOf('--runs');
  const runs = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 20;
  const fixture = await startFixture();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  try {
    const base = fixture.webUrl;
    const first = await browser.newPage();
    let js = 0;
    let scripts = 0;
    first.on('response', (res) => {
      if (!res.url().endsWith('.js')) return;
      scripts++;
      void res.body().then((body) => (js += gzipSync(body).length));
    });
    await first.goto(`${base}/masuk`);
    await expect(first.getByRole('heading', { name: 'Masuk ke Kinerja' })).toBeVisible();
    await first.waitForLoadState('networkidle');
    await first.close();

    const year = new Date().getFullYear();
    const pegawai = await browser.newPage();
    await signIn(pegawai, base, PEGAWAI, 'Pegawai');
    const beranda = await timed(pegawai, `${base}/`, (p) => expect(p.getByRole('button', { name: `Susun SKP ${year}` })).toBeVisible(), runs);
    const kasi = await browser.newPage();
    await signIn(kasi, base, KASI, 'Pejabat penilai');
    const board = await timed(kasi, `${base}/tim`, (p) => expect(p.locator('section.column').first()).toBeVisible(), runs);
    const editor = await timed(kasi, `${base}/skp/${KASI}-${year}-01-01`, (p) => expect(p.getByRole('cell', { name: /Tersedianya data surveilans/ })).toBeVisible(), runs);
    const rating = await timed(kasi, `${base}/penilaian/DINKES:${year}:S1/${PEGAWAI}`, (p) => expect(p.getByRole('heading', { name: 'Fakta dan saran' })).toBeVisible(), runs);

    process.stdout.write(`first load (sign-in page): ${scripts} script(s), ${(js / 1024).toFixed(1)} KB of gzipped JavaScript (budget 300 KB)\n`);
    process.stdout.write(`navigation → data shown, ${runs} runs each (budget p95 ≤ 1000 ms):\n`);
    for (const [name, times] of [['Beranda', beranda], ['team board', board], ['SKP editor', editor], ['rating page', rating]] as const) {
      process.stdout.write(`  ${name.padEnd(12)} p50 ${at(times, 0.5).toFixed(0)} ms   p95 ${at(times, 0.95).toFixed(0)} ms\n`);
    }
  } finally {
    await browser.close();
    await fixture.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
