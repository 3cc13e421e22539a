/**
 * Rebuild only (issue 20 §2): the demo city's events replayed into every service's read models,
 * seeded once and rebuilt as often as asked, so the rebuild path can be measured without running the
 * whole `city` bench each time.
 *
 *   npm run bench -- rebuild [--size 2000] [--runs 2] [--services work-planning,evaluation]
 *                            [--database kinerja_bench_rebuild_2000] [--keep]
 *
 * The database (on the DATABASE_URL server) is seeded with the city scenario on pg-log when it does
 * not hold the city yet; then the four services are stopped and the live read models' checksums
 * kept. Each run is `kinerja rebuild`'s core (catch-up, checksums, rebuild from the first event,
 * checksums) per service, and its tables are compared with the live checksums, not only with the run
 * before; where the server runs without autovacuum, VACUUM ANALYZE comes before each run. Without --keep
 * the database is dropped at the end.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { LocalIssuer } from '@kinerja/platform';
import { vacuumWithoutAutovacuum } from '../src/database';
import { freshDatabase } from '../src/demo';
import { CityApi } from '../src/demo/http';
import { runCityScenario, SCENARIO_START } from '../src/demo/scenario';
import { launchSystem, SYSTEM_SERVICES, SystemService } from '../src/demo/system';
import { rebuildService, TableChecksum } from '../src/rebuild';
import { runBench } from '@kinerja/testing';

const TARGET = 20_000;
const log = (line: string) => process.stdout.write(`[rebuild bench] ${line}\n`);

function option(name: string, fallback: string): string {
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === `--${name}` && argv[i + 1] !== undefined) return argv[i + 1];
    if (argv[i].startsWith(`--${name}=`)) return argv[i].slice(name.length + 3);
  }
  return fallback;
}
const SIZE = Number(option('size', '2000'));
const RUNS = Math.max(1, Number(option('runs', '2')));
const SERVICES = option('services', SYSTEM_SERVICES.join(','))
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean) as SystemService[];
const DATABASE = option('database', `kinerja_bench_rebuild_${SIZE}`);
const KEEP = process.argv.includes('--keep');
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');

const SERVICE_SCHEMA: Record<SystemService, string> = {
  'work-planning': 'work_planning',
  'feedback-intake': 'feedback_intake',
  evaluation: 'evaluation',
  'career-decisions': 'career_decisions',
};

function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The live checksums are stored beside the city, so a kept database keeps its reference. */
async function liveChecksums(url: string): Promise<Map<string, TableChecksum> | null> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ exists: boolean }>(`SELECT to_regclass('public.bench_live_checksums') IS NOT NULL AS exists`);
    if (!rows[0].exists) return null;
    const { rows: stored } = await client.query<{ qualified: string; rows: number; md5: string }>('SELECT qualified, rows, md5 FROM public.bench_live_checksums');
    return new Map(stored.map((r) => [r.qualified, { rows: r.rows, md5: r.md5 }]));
  } finally {
    await client.end();
  }
}

async function databaseExists(serverUrl: string, name: string): Promise<boolean> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return rows.length > 0;
  } finally {
    await client.end();
  }
}

async function seed(serverUrl: string): Promise<string> {
  const url = await freshDatabase(serverUrl, DATABASE);
  const keyDir = await mkdtemp(join(tmpdir(), 'kinerja-rebuild-bench-'));
  log(`seeding ${DATABASE}: the city of ${SIZE} on pg-log (load average ${load()})`);
  const system = await launchSystem({ databaseUrl: url, transport: 'pg-log', keyDir, clockStart: SCENARIO_START });
  // Ended by a signal while seeding: the services stop too (the next run seeds again, as the city has no checksums yet).
  const interrupted = (signal: NodeJS.Signals) => {
    log(`${signal}: stopping the services`);
    void system.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const api = new CityApi(system.urls, await LocalIssuer.open(keyDir));
    const started = Date.now();
    const outcome = await runCityScenario(api, { employees: SIZE, seed: 1, log: (line) => log(`  ${line}`) });
    log(`seeded: ${outcome.commands} requests in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    await system.stop();
    await rm(keyDir, { recursive: true, force: true });
  }
  // The live read models: caught up (as `kinerja rebuild` does first) and checksummed.
  const pool = new Pool({ connectionString: url, max: 2 });
  try {
    await pool.query('CREATE TABLE public.bench_live_checksums (qualified text PRIMARY KEY, rows int NOT NULL, md5 text NOT NULL)');
    for (const service of SYSTEM_SERVICES) {
      const report = await rebuildService(service, url);
      for (const [table, t] of Object.entries(report.tables)) {
        await pool.query('INSERT INTO public.bench_live_checksums VALUES ($1, $2, $3)', [`${report.schema}.${table}`, t.before.rows, t.before.md5]);
      }
      log(`  live checksums of ${service} kept (${Object.keys(report.tables).length} tables; a first rebuild ran at ${report.eventsPerSecond} ev/s, ${report.ok ? 'equal' : 'DIFFERS'})`);
    }
  } finally {
    await pool.end();
  }
  return url;
}

async function main(): Promise<number> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('DATABASE_URL is required (npm run bench -- rebuild provides one)');
  let url = databaseUrl(serverUrl, DATABASE);
  const reference = (await databaseExists(serverUrl, DATABASE)) ? await liveChecksums(url) : null;
  if (reference === null) url = await seed(serverUrl);
  const live = (await liveChecksums(url))!;
  let failed = false;
  const results: string[] = [];
  try {
    for (let run = 1; run <= RUNS; run++) {
      // Each rebuild leaves the old rows dead; where no autovacuum clears them, the next run's
      // DELETE and inserts would wade through every earlier run's (18 ms for 977 rows).
      await vacuumWithoutAutovacuum(url, log);
      for (const service of SERVICES) {
        const loadBefore = load();
        const report = await rebuildService(service, url);
        const differing = Object.entries(report.tables)
          .filter(([table, t]) => {
            const l = live.get(`${SERVICE_SCHEMA[service]}.${table}`);
            return !t.equal || !l || l.rows !== t.after.rows || l.md5 !== t.after.md5;
          })
          .map(([table]) => table);
        const ok = report.ok && differing.length === 0;
        failed ||= !ok;
        const line = `run ${run} ${service}: ${report.events} events in ${report.rebuildMs} ms = ${report.eventsPerSecond} ev/s, ${Object.keys(report.tables).length} tables ${ok ? 'equal to the live read models' : `DIFFER (${differing.join(', ')})`} — target ≥ ${TARGET}: ${report.eventsPerSecond >= TARGET ? 'ok' : 'MISSED'} (load average ${loadBefore} on ${cpus().length} cores)`;
        log(line);
        results.push(line);
      }
    }
  } finally {
    if (!KEEP) {
      const admin = new Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`).finally(() => admin.end());
    }
  }
  log('summary:');
  for (const line of results) log(`  ${line}`);
  return failed ? 1 : 0;
}

runBench(main);
