/**
 * The demo city as a benchmark (issue 8 §5): the whole year of `kinerja demo` through the public HTTP
 * APIs of the four services (separate processes, simulated clock), at each size × transport, on a
 * fresh database of the DATABASE_URL server (dropped afterwards).
 *
 *   npm run bench -- city [--sizes 2000,20000] [--modes pg-log,kafka] [--probes 120]
 *   (or BENCH_CITY_SIZES, BENCH_CITY_MODES, BENCH_CITY_PROBES; kafka needs KAFKA_BROKERS)
 *
 * Measured per run:
 *   commands/s   the scenario's requests per second, overall and per phase;
 *   lag          after the scenario, with the clock where it stopped (2027-03-03): the time from
 *                sending a command until another service's read model shows it through its HTTP
 *                API, polled every 10 ms, BENCH_CITY_PROBES samples per path:
 *                  wp→fi  POST work-planning /agencies/:a/units → feedback-intake GET /directory/units/:id
 *                  wp→ev  POST work-planning /agencies/:a/assignments (a new employee on a new post)
 *                         → evaluation GET .../reporting-chain names the pejabat penilai
 *                  ev→cd  POST evaluation /periods/:a:2027:ANNUAL/employees/:nip/evaluation (PredicateSet.v1)
 *                         → career-decisions GET /employees/:nip/performance-record has 2027;
 *   RSS          VmRSS of each service process sampled every second, and VmHWM at the end;
 *   rebuild      `kinerja rebuild`'s core (catch-up, checksums, rebuild from the first event,
 *                checksums) per service, with the services stopped (a quiet system);
 *   audit        auditVerify over each service's whole event store (hash chains, Merkle root).
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditVerify, loadCityKey } from '@kinerja/audit';
import { LocalIssuer } from '@kinerja/platform';
import { SERVICE_EVENT_SCHEMAS } from '../src/audit/services';
import { dropDatabase, freshDatabase } from '../src/demo';
import { inParallel } from '@kinerja/domain';
import { CityApi, Identity } from '../src/demo/http';
import { runCityScenario, ScenarioOutcome, SCENARIO_START } from '../src/demo/scenario';
import { launchSystem, RunningSystem, SYSTEM_SERVICES, SystemService } from '../src/demo/system';
import { rebuildService } from '../src/rebuild';
import { runBench } from '@kinerja/testing';

const TARGET_REBUILD_EVENTS_PER_SECOND = 20_000;
const TARGET_LAG_P99_MS = 500;
const TARGET_RSS_MB = 250;
const POLL_MS = 10;

const log = (line: string) => process.stdout.write(`[city bench] ${line}\n`);

function option(name: string, envName: string, fallback: string): string {
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === `--${name}` && argv[i + 1] !== undefined) return argv[i + 1];
    if (argv[i].startsWith(`--${name}=`)) return argv[i].slice(name.length + 3);
  }
  return process.env[envName] ?? fallback;
}
const list = (text: string) => text.split(',').map((s) => s.trim()).filter(Boolean);

const SIZES = list(option('sizes', 'BENCH_CITY_SIZES', '2000,20000')).map((s) => {
  const n = Number(s);
  if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`sizes: ${s} is not a positive whole number`);
  return n;
});
const MODES = list(option('modes', 'BENCH_CITY_MODES', 'pg-log,kafka')).map((m) => {
  if (m !== 'pg-log' && m !== 'kafka') throw new Error(`modes: ${m} is neither pg-log nor kafka`);
  return m;
});
const PROBES = Number(option('probes', 'BENCH_CITY_PROBES', '120'));

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((sorted.length * p) / 100) - 1)];
};
const mark = (ok: boolean) => (ok ? 'ok' : 'MISSED');
const f0 = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : n === Infinity ? 'timeout' : 'n/a');
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : 'n/a');

/** VmRSS (sampled) and VmHWM (at the end) of each service process, in MB. */
class RssSampler {
  readonly maxRss = new Map<SystemService, number>();
  private timer: NodeJS.Timeout | undefined;
  constructor(private readonly system: RunningSystem) {}

  static read(pid: number | undefined, field: 'VmRSS' | 'VmHWM'): number {
    if (pid === undefined) return NaN;
    try {
      const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return match ? Number(match[1]) / 1024 : NaN;
    } catch {
      return NaN;
    }
  }

  start(): void {
    const sample = () => {
      for (const s of SYSTEM_SERVICES) {
        const mb = RssSampler.read(this.system.pid(s), 'VmRSS');
        if (Number.isFinite(mb)) this.maxRss.set(s, Math.max(this.maxRss.get(s) ?? 0, mb));
      }
    };
    sample();
    this.timer = setInterval(sample, 1000);
    this.timer.unref();
  }

  stop(): Record<SystemService, { maxRssMb: number; hwmMb: number; restarts: number }> {
    if (this.timer) clearInterval(this.timer);
    const out = {} as Record<SystemService, { maxRssMb: number; hwmMb: number; restarts: number }>;
    for (const s of SYSTEM_SERVICES) {
      out[s] = { maxRssMb: this.maxRss.get(s) ?? NaN, hwmMb: RssSampler.read(this.system.pid(s), 'VmHWM'), restarts: this.system.restarts(s) };
    }
    return out;
  }
}

/** Polls `visible` every 10 ms; the time from `send` starting until it holds, in ms (Infinity: never within the timeout). */
async function timeUntilVisible(send: () => Promise<unknown>, visible: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<number> {
  const started = performance.now();
  await send();
  for (;;) {
    if (await visible().catch(() => false)) return performance.now() - started;
    if (performance.now() - started > timeoutMs) {
      log(`  ${what}: not visible within ${timeoutMs} ms (counted as a timeout)`);
      return Infinity;
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

type LagPath = 'wp→fi' | 'wp→ev' | 'ev→cd';

/** The lag probes, after the scenario, with the clock where it stopped (2027-03-03). */
async function probeLag(api: CityApi, outcome: ScenarioOutcome, samples: number): Promise<Record<LagPath, number[]>> {
  const CITY_ADMIN: Identity = { role: 'ADMIN_CITY', sub: 'bkpsdm.admin' };
  const LEADS = new Set(['JPT_PRATAMA', 'ADMINISTRATOR', 'PENGAWAS']);
  const { city } = outcome;
  const byNip = new Map(city.agencies.flatMap((a) => a.employees.map((e) => [e.nip, { e, a }] as const)));
  const person = (nip: string): Identity => {
    const { e, a } = byNip.get(nip)!;
    return { role: LEADS.has(e.kind) ? 'SUPERVISOR' : 'EMPLOYEE', sub: e.nip, agencyId: a.agencyId };
  };
  const first = city.agencies[0];
  const adminOf = (agencyId: string): Identity => ({ role: 'ADMIN_OPD', sub: `admin.${agencyId.toLowerCase()}`, agencyId });
  const anchor = first.employees.find((e) => !LEADS.has(e.kind))!;
  const lags: Record<LagPath, number[]> = { 'wp→fi': [], 'wp→ev': [], 'ev→cd': [] };
  const width = 2;
  const runId = Date.now().toString(36).slice(-4).toUpperCase();

  // work-planning → feedback-intake: a new unit in the directory.
  await inParallel(Array.from({ length: samples }, (_, i) => i), width, async (i) => {
    const unitId = `${first.agencyId}.PRB${runId}${i}`;
    lags['wp→fi'].push(
      await timeUntilVisible(
        () => api.post('work-planning', `/agencies/${first.agencyId}/units`, adminOf(first.agencyId), { unitId, name: `Unit uji ${i}`, parentUnitId: anchor.unitId }),
        async () => (await api.get('feedback-intake', `/directory/units/${encodeURIComponent(unitId)}`, CITY_ADMIN, { expect: [200, 404] }))?.unitId === unitId,
        `unit ${unitId} in feedback-intake`,
      ),
    );
  });

  // work-planning → evaluation: a new employee on a new post beside `anchor`, reporting to anchor's
  // pejabat penilai; the assignment is timed until evaluation names that pejabat penilai.
  const atasanPost = (await api.get('work-planning', `/employees/${anchor.atasanNip}/supervisor?date=2027-03-03`, CITY_ADMIN)).positions[0].positionId as string;
  await inParallel(Array.from({ length: samples }, (_, i) => i), width, async (i) => {
    const nip = `19990101202701${1 + (i % 2)}${String(i + 1).padStart(3, '0')}`;
    const positionId = `${first.agencyId}.PRB${runId}${i}`;
    await api.post('work-planning', '/employees', CITY_ADMIN, { nip, name: `Pegawai Uji ${i}`, status: 'PNS', agencyId: first.agencyId });
    await api.post('work-planning', `/agencies/${first.agencyId}/positions`, adminOf(first.agencyId), {
      positionId, name: `Pelaksana uji ${i}`, kind: 'PELAKSANA', unitId: anchor.unitId, parentPositionId: atasanPost, establishedOn: '2027-01-01',
    });
    lags['wp→ev'].push(
      await timeUntilVisible(
        () => api.post('work-planning', `/agencies/${first.agencyId}/assignments`, adminOf(first.agencyId), { nip, positionId, type: 'DEFINITIVE', from: '2027-01-01' }),
        async () => (await api.get('evaluation', `/organisation/agencies/${first.agencyId}/employees/${nip}/reporting-chain?date=2027-03-03`, CITY_ADMIN)).pejabatPenilaiId === anchor.atasanNip,
        `the assignment of ${nip} in evaluation`,
      ),
    );
  });

  // evaluation → career-decisions: annual 2027 ratings of staff (PredicateSet.v1) in the performance record.
  for (const a of city.agencies)
    await api.post('evaluation', `/agencies/${a.agencyId}/evaluation-calendars`, adminOf(a.agencyId), { year: 2027, cadence: 'SEMESTER' }, { expect: [201, 409] });
  const staff = city.agencies
    .flatMap((a) => a.employees.filter((e) => !LEADS.has(e.kind) && e.nip !== outcome.objection.nip).map((e) => ({ e, a })))
    .slice(0, samples);
  await inParallel(staff, width, async ({ e, a }) => {
    lags['ev→cd'].push(
      await timeUntilVisible(
        () => api.post('evaluation', `/periods/${a.agencyId}:2027:ANNUAL/employees/${e.nip}/evaluation`, person(e.atasanNip), {
          ratingHasil: 'SESUAI', ratingPerilaku: 'SESUAI', justification: 'Penilaian uji keterlambatan (bench).',
        }),
        async () => Boolean((await api.get('career-decisions', `/employees/${e.nip}/performance-record`, person(e.nip), { expect: [200, 404] }))?.years?.['2027']),
        `the 2027 predicate of ${e.nip} in career-decisions`,
      ),
    );
  });
  return lags;
}

interface RunResult {
  size: number;
  mode: string;
  ok: boolean;
  line: string;
}

async function runOnce(serverUrl: string, size: number, mode: 'pg-log' | 'kafka'): Promise<RunResult> {
  const dbName = `kinerja_bench_city_${mode.replace('-', '_')}_${size}`;
  const databaseUrl = await freshDatabase(serverUrl, dbName);
  const keyDir = await mkdtemp(join(tmpdir(), 'kinerja-city-bench-'));
  const issuer = await LocalIssuer.open(keyDir);
  const topicPrefix = mode === 'kafka' ? `bench${Date.now().toString(36)}.` : '';
  log(`--- ${size} employees, ${mode}${topicPrefix ? ` (topic prefix ${topicPrefix})` : ''}, database ${dbName}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores`);
  const errors: string[] = [];
  let system: RunningSystem | undefined;
  let cleaned: Promise<void> | undefined;
  const cleanup = () =>
    (cleaned ??= (async () => {
      if (system) await system.stop().catch(() => undefined);
      system = undefined;
      await rm(keyDir, { recursive: true, force: true });
      await dropDatabase(serverUrl, dbName);
    })());
  interrupted = cleanup;
  try {
    system = await launchSystem({
      databaseUrl,
      transport: mode,
      kafkaBrokers: process.env.KAFKA_BROKERS,
      topicPrefix,
      keyDir,
      clockStart: SCENARIO_START,
      output: (service, line) => {
        if (/"level":(50|60)|\[supervisor\]/.test(line)) errors.push(`${service} | ${line.slice(0, 400)}`);
        if (process.env.KINERJA_DEMO_LOGS) process.stdout.write(`${service} | ${line}\n`);
      },
    });
    const rss = new RssSampler(system);
    rss.start();
    const api = new CityApi(system.urls, issuer);
    const started = Date.now();
    const outcome = await runCityScenario(api, { employees: size, seed: 1, log: (line) => log(`  ${line}`) });
    const scenarioSeconds = (Date.now() - started) / 1000;
    const commandsPerSecond = outcome.commands / scenarioSeconds;
    const latencies = api.latencies;
    log(`scenario: ${outcome.commands} requests in ${scenarioSeconds.toFixed(1)} s = ${commandsPerSecond.toFixed(1)} requests/s (request latency p50 ${f1(percentile(latencies, 50))} ms, p99 ${f1(percentile(latencies, 99))} ms; ${api.notYetVisible} answered 202 not yet visible)`);
    for (const p of outcome.phases) log(`  ${(p.calls / Math.max(p.seconds, 0.001)).toFixed(1).padStart(7)} req/s  ${String(p.calls).padStart(7)} req  ${p.seconds.toFixed(1).padStart(7)} s  ${p.name}`);

    log(`lag probes: ${PROBES} per path, polled every ${POLL_MS} ms`);
    const lags = await probeLag(api, outcome, PROBES);
    const lagSummary: Record<string, { p50: number; p99: number; n: number }> = {};
    for (const [path, values] of Object.entries(lags)) {
      lagSummary[path] = { p50: percentile(values, 50), p99: percentile(values, 99), n: values.length };
      log(`  lag ${path}: p50 ${f0(lagSummary[path].p50)} ms, p99 ${f0(lagSummary[path].p99)} ms (n=${values.length}, max ${f0(Math.max(...values))} ms, timeouts ${values.filter((v) => v === Infinity).length}) — target p99 ≤ ${TARGET_LAG_P99_MS} ms: ${mark(lagSummary[path].p99 <= TARGET_LAG_P99_MS)}`);
    }

    const memory = rss.stop();
    for (const s of SYSTEM_SERVICES) {
      const m = memory[s];
      const peak = Math.max(m.hwmMb, m.maxRssMb);
      log(`  RSS ${s}: peak (VmHWM) ${f0(m.hwmMb)} MB, max sampled VmRSS ${f0(m.maxRssMb)} MB, restarts ${m.restarts} — target ≤ ${TARGET_RSS_MB} MB: ${mark(peak <= TARGET_RSS_MB)}`);
    }
    await system.stop();
    system = undefined;

    // Rebuild: the services are stopped, so nothing writes meanwhile (README of libs/cli).
    const rebuilds: Record<string, { eventsPerSecond: number; events: number; ms: number; ok: boolean }> = {};
    for (const s of SYSTEM_SERVICES) {
      try {
        const r = await rebuildService(s, databaseUrl);
        rebuilds[s] = { eventsPerSecond: r.eventsPerSecond, events: r.events, ms: r.rebuildMs, ok: r.ok };
        const differing = Object.entries(r.tables).filter(([, t]) => !t.equal).map(([table]) => table);
        log(`  rebuild ${s}: ${r.events} events in ${r.rebuildMs} ms = ${r.eventsPerSecond} ev/s, ${Object.keys(r.tables).length} tables, checksums ${r.ok ? 'equal' : `DIFFER (${[...differing, ...r.unknownReadModels].join(', ')})`} — target ≥ ${TARGET_REBUILD_EVENTS_PER_SECOND} ev/s: ${mark(r.eventsPerSecond >= TARGET_REBUILD_EVENTS_PER_SECOND)}`);
      } catch (error) {
        rebuilds[s] = { eventsPerSecond: NaN, events: NaN, ms: NaN, ok: false };
        log(`  rebuild ${s}: FAILED ${(error as Error).message.slice(0, 300)}`);
      }
    }

    // Audit verify of each service's whole store, timed one store at a time.
    const key = loadCityKey(join(keyDir, 'city-ed25519.pem'), true);
    const audits: Record<string, { seconds: number; events: number; ok: boolean }> = {};
    for (const s of SYSTEM_SERVICES) {
      const t0 = performance.now();
      const digest = await auditVerify({ databaseUrl, schemas: { [s]: SERVICE_EVENT_SCHEMAS[s] }, key });
      const d = digest.services[s];
      audits[s] = { seconds: (performance.now() - t0) / 1000, events: d?.events ?? NaN, ok: d?.ok ?? false };
      log(`  audit verify ${s}: ${audits[s].events} events, ${d?.streams ?? 'n/a'} streams in ${audits[s].seconds.toFixed(2)} s, ${audits[s].ok ? 'ok' : 'BREAKS'}`);
    }
    const auditTotal = Object.values(audits).reduce((n, a) => n + a.seconds, 0);

    const short: Record<SystemService, string> = { 'work-planning': 'wp', 'feedback-intake': 'fi', evaluation: 'ev', 'career-decisions': 'cd' };
    const line = [
      `RESULT city employees=${size} mode=${mode}`,
      `requests=${outcome.commands} seconds=${scenarioSeconds.toFixed(0)} commandsPerSecond=${commandsPerSecond.toFixed(1)} notYetVisible=${api.notYetVisible}`,
      ...Object.entries(lagSummary).map(([p, l]) => `lag[${p}]=${f0(l.p50)}/${f0(l.p99)}ms`),
      ...SYSTEM_SERVICES.map((s) => `rebuild[${short[s]}]=${f0(rebuilds[s].eventsPerSecond)}ev/s${rebuilds[s].ok ? '' : '(DIFFERS)'}`),
      `auditVerify=${auditTotal.toFixed(2)}s`,
      ...SYSTEM_SERVICES.map((s) => `rss[${short[s]}]=${f0(Math.max(memory[s].hwmMb, memory[s].maxRssMb))}MB`),
    ].join(' ');
    log(line);
    if (errors.length > 0) log(`${errors.length} error line(s) from the services, first: ${errors[0]}`);
    return { size, mode, ok: Object.values(rebuilds).every((r) => r.ok) && Object.values(audits).every((a) => a.ok), line };
  } finally {
    await cleanup();
    interrupted = null;
  }
}

/** What a Ctrl-C (or SIGTERM) must undo of the run in progress: the services, the database. */
let interrupted: (() => Promise<void>) | null = null;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    log(`${signal}: stopping the services and dropping the bench database`);
    void (interrupted ?? (async () => undefined))().finally(() => process.exit(130));
  });
}

async function main(): Promise<number> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('DATABASE_URL is required (npm run bench -- city provides one)');
  const results: RunResult[] = [];
  let failed = false;
  for (const size of SIZES) {
    for (const mode of MODES) {
      if (mode === 'kafka' && !process.env.KAFKA_BROKERS) {
        log(`--- ${size} employees, kafka: skipped (no KAFKA_BROKERS)`);
        continue;
      }
      try {
        const result = await runOnce(serverUrl, size, mode);
        results.push(result);
        failed ||= !result.ok;
      } catch (error) {
        failed = true;
        log(`--- ${size} employees, ${mode}: FAILED ${(error as Error).stack ?? String(error)}`);
      }
    }
  }
  log('summary:');
  for (const r of results) log(`  ${r.line}`);
  return failed ? 1 : 0;
}

runBench(main);
