/**
 * `npm run bench -- console [--employees 2000] [--seed 1] [--runs 20]`: the console in Debian's
 * chromium against the four services and the web service on the PostgreSQL log, with the demo city
 * of `--employees` and its whole year (`kinerja console-fixture --employees`, the scenario of
 * `kinerja demo`; 2,000 by default, as the issue's budget is stated; a few hundred is enough to try it
 * on a shared machine), or `--small`: the browser tests' small city (a minute instead of the year).
 * `--keep FILE` keeps the played city's database and `--reuse FILE` times it again without playing.
 * Prints the first load's JavaScript (gzipped, as fetched by the sign-in page) and p50/p95 of the
 * time from navigation to the page's data shown, for Beranda, the team board, the SKP editor and the
 * rating page, signed in as a Kepala Seksi with staff (and, for Beranda, one of the staff); and for
 * HR, Monitoring Kurva of the largest agency and the city dashboard, as a BKPSDM admin.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { gzipSync } from 'node:zlib';
import { chromium, expect, type Page } from '@playwright/test';
import { runBench } from '@kinerja/testing';

const ROOT = resolve(__dirname, '../../..');

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : undefined;
}

const at = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

interface Fixture {
  webUrl: string;
  /** Who signs in, where the rating page is (the small city's people when absent). */
  people: { agencyId: string; supervisor: string; pegawai: string; cityAdmin?: string; largestAgency?: string };
  year: number;
  stop(): Promise<void>;
}

async function startFixture(args: string[]): Promise<Fixture> {
  const child = spawn(process.execPath, [join(ROOT, 'libs/cli/bin/kinerja.js'), 'console-fixture', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const ready = await new Promise<{ webUrl: string; people?: Fixture['people'] }>((ok, fail) => {
    child.once('exit', (code) => fail(new Error(`console-fixture exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => line.startsWith('{') && ok(JSON.parse(line)));
  });
  return {
    webUrl: ready.webUrl,
    // The small city: the Kepala Seksi Surveilans and her epidemiolog; the demo city's year is 2026.
    people: ready.people ?? { agencyId: 'DINKES', supervisor: '198003032005011003', pegawai: '199003152015031002' },
    year: ready.people ? 2026 : new Date().getFullYear(),
    stop: async () => {
      if (child.exitCode !== null) return;
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

/** The API requests of one navigation and the time each took (request sent → response ended), slowest first. */
async function requestsOf(page: Page, url: string, shown: (page: Page) => Promise<void>): Promise<{ path: string; ms: number; startMs: number }[]> {
  const seen: { path: string; ms: number; startMs: number }[] = [];
  const started = performance.now();
  const onFinished = (request: import('@playwright/test').Request) => {
    const { pathname, search } = new URL(request.url());
    if (!pathname.startsWith('/api/')) return;
    const t = request.timing();
    seen.push({ path: pathname + search, ms: t.responseEnd, startMs: t.startTime + t.requestStart - (performance.timeOrigin + started) });
  };
  page.on('requestfinished', onFinished);
  await page.goto(url);
  await shown(page);
  await page.waitForLoadState('networkidle');
  page.off('requestfinished', onFinished);
  return seen.sort((a, b) => b.ms - a.ms);
}

async function main(): Promise<void> {
  const runs = Number(option('runs') ?? 20);
  const small = process.argv.includes('--small');
  const employees = option('employees') ?? '2000';
  // --keep FILE: the played city's database is kept for --reuse FILE (a city of 20,000 plays for over an hour).
  const keep = (['keep', 'reuse'] as const).flatMap((name) => (option(name) ? [`--${name}`, resolve(option(name)!)] : []));
  const fixture = await startFixture(small ? [] : ['--employees', employees, '--seed', option('seed') ?? '1', ...keep]);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  try {
    const base = fixture.webUrl;
    const { agencyId, supervisor, pegawai } = fixture.people;
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

    // Data shown: the SKP card answered (a link to the SKP, or the button to draft one) and the deadlines listed.
    const berandaShown = async (p: Page) => {
      await expect(p.locator('section[aria-labelledby="skp-saya"]').locator('a.button, button')).toBeVisible();
      await expect(p.locator('section[aria-labelledby="tenggat"]').locator('ul.due, p.none-due')).toBeVisible();
    };
    const staff = await browser.newPage();
    await signIn(staff, base, pegawai, 'Pegawai');
    const beranda = await timed(staff, `${base}/`, berandaShown, runs);
    const kasi = await browser.newPage();
    await signIn(kasi, base, supervisor, 'Pejabat penilai');
    const board = await timed(kasi, `${base}/tim`, (p) => expect(p.locator('section.column').first()).toBeVisible(), runs);
    const editor = await timed(kasi, `${base}/skp/${supervisor}-${fixture.year}-01-01`, (p) => expect(p.locator('.table-wrap table tbody td').first()).toBeVisible(), runs);
    const rating = await timed(kasi, `${base}/penilaian/${agencyId}:${fixture.year}:S1/${pegawai}`, (p) => expect(p.getByRole('heading', { name: 'Fakta dan saran' })).toBeVisible(), runs);

    // HR: a BKPSDM admin opens Monitoring Kurva of the largest agency (the small city: Disdukcapil) and the city dashboard.
    const hr = await browser.newPage();
    await signIn(hr, base, fixture.people.cityAdmin ?? '198109092006041006', 'Admin kota (BKPSDM)');
    const largest = fixture.people.largestAgency ?? 'DISDUKCAPIL';
    const kurva = await timed(hr, `${base}/monitoring-kurva?instansi=${largest}&tahun=${fixture.year}`, (p) => expect(p.getByRole('table', { name: 'Kurva per unit' })).toBeVisible(), runs);
    const dasborShown = async (p: Page) => {
      await expect(p.locator('section[aria-labelledby="skp"] table')).toBeVisible();
      await expect(p.locator('section[aria-labelledby="tren"] li')).toHaveCount(5);
      await expect(p.locator('section[aria-labelledby="sla"] h2 ~ *').first()).toBeVisible();
      await expect(p.locator('section[aria-labelledby="ikm"] h2 ~ *').first()).toBeVisible();
    };
    const dasbor = await timed(hr, `${base}/dasbor?tahun=${fixture.year}`, dasborShown, runs);
    const dasborRequests = await requestsOf(hr, `${base}/dasbor?tahun=${fixture.year}`, dasborShown);

    process.stdout.write(`city: ${small ? 'the browser tests\' small city' : `the demo city of ${employees} employees after its year`}\n`);
    process.stdout.write(`first load (sign-in page): ${scripts} script(s), ${(js / 1024).toFixed(1)} KB of gzipped JavaScript (budget 300 KB)\n`);
    process.stdout.write(`navigation → data shown, ${runs} runs each (budget p95 ≤ 1000 ms):\n`);
    for (const [name, times] of [['Beranda', beranda], ['team board', board], ['SKP editor', editor], ['rating page', rating]] as const) {
      process.stdout.write(`  ${name.padEnd(12)} p50 ${at(times, 0.5).toFixed(0)} ms   p95 ${at(times, 0.95).toFixed(0)} ms\n`);
    }
    process.stdout.write(`HR pages, navigation → data shown, ${runs} runs each (budget p95 ≤ 1500 ms):\n`);
    for (const [name, times] of [[`Monitoring Kurva (${largest})`, kurva], ['city dashboard', dasbor]] as const) {
      process.stdout.write(`  ${name.padEnd(28)} p50 ${at(times, 0.5).toFixed(0)} ms   p95 ${at(times, 0.95).toFixed(0)} ms\n`);
    }
    process.stdout.write(`the city dashboard's API requests in one more load (slowest first; sent at ms after navigation, took ms):\n`);
    for (const r of dasborRequests) process.stdout.write(`  ${r.path.padEnd(60)} at ${r.startMs.toFixed(0).padStart(5)}   ${r.ms.toFixed(0).padStart(5)} ms\n`);
  } finally {
    await browser.close();
    await fixture.stop();
  }
}

runBench(main);
