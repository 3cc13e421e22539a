/**
 * The deadline day (issue 20 §3): the last two hours before the batas pengisian of semester 1, when
 * most employees of the city record their realisation with an evidence file at once, their
 * supervisors look at it and rate them, and citizens keep rating the units that serve them. The four
 * services run as separate processes (as `kinerja start` runs them, on the PostgreSQL log transport,
 * `--replicas 2`: two processes each behind HAProxy) on a fresh database of the DATABASE_URL server,
 * dropped afterwards; every request goes through HTTP.
 *
 *   npm run bench -- deadline [--employees 20000] [--replicas 1] [--rates 25,50,100,200,400,800]
 *                             [--step-seconds 30] [--file-kb 100] [--seed-concurrency 16] [--pool 10]
 *
 * Seeding (timed apart): the demo city's organisation by CSV import per agency (city-seed.ts), the
 * evaluation calendars (S1's batas pengisian 2026-07-10, as work-planning's realisation deadline:
 * ten days after the period, end of day WIB), every SKP of 2026 drafted, submitted and approved top
 * down, `--seed-concurrency` requests in flight; then until the other services have consumed it all.
 *
 * Load: the simulated clock is put at 22:00 WIB on the deadline day, and moved through the last two
 * hours step by step. Each step offers a fixed rate for `--step-seconds` (open loop: requests are
 * sent on schedule whether or not earlier ones have answered, at most 2,000 in flight), then waits
 * for its answers. The requests, one in five a citizen's:
 *   upload       POST work-planning /skps/:id/evidence-files (the file's bytes, application/pdf, as
 *                the console's Realisasi page sends them), 90 % of the employees in random order;
 *   realisation  POST work-planning /skps/:id/realisations citing the uploaded file, once it is stored;
 *   review       GET evaluation .../evaluation-context by the pejabat penilai, once recorded (staff);
 *   rating       POST evaluation /periods/:agency:2026:S1/employees/:nip/evaluation by them, after it;
 *   citizen      POST feedback-intake /public/feedback to a unit serving citizens (a new address each).
 * Per step: achieved rate (answers / time until the last answer), p50/p99 and errors per kind; CPU of
 * every service process, of the PostgreSQL backends of the bench's database (pg_stat_activity, their
 * /proc/<pid>/stat), of the rest of the PostgreSQL server, of this process and of the machine; the
 * backends' wait events; and the log transport's lag (messages not yet consumed, the oldest's age).
 * A step is held when it achieves ≥ 90 % of the offered rate with p99 ≤ 1 s in every kind and no error.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { LocalIssuer } from '@kinerja/platform';
import { parseArgs, stringOption } from '../src/args';
import { vacuumWithoutAutovacuum } from '../src/database';
import { dropDatabase, freshDatabase, positiveInt } from '../src/demo';
import { CityAgency, CityEmployee, generateCity, mulberry32 } from '../src/demo/city';
import { admin, CITY_ADMIN, cityMembers, LEADS, planCityYear, registerCityOrganisation, setCityClock, skpId } from '../src/demo/city-seed';
import { inParallel } from '@kinerja/domain';
import { CityApi, Identity } from '../src/demo/http';
import { launchSystem, RunningSystem, SystemService } from '../src/demo/system';
import { runBench } from '@kinerja/testing';

const args = parseArgs(process.argv.slice(2));
const EMPLOYEES = positiveInt(args, 'employees', 20_000);
const REPLICAS = positiveInt(args, 'replicas', 1);
const STEP_SECONDS = positiveInt(args, 'step-seconds', 30);
const FILE_KB = positiveInt(args, 'file-kb', 100);
const SEED_WIDTH = positiveInt(args, 'seed-concurrency', 16);
const POOL = positiveInt(args, 'pool', 10);
const RATES = (stringOption(args, 'rates') ?? '25,50,100,200,400,800').split(',').map((s) => {
  const n = Number(s.trim());
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--rates: ${s} is not a positive number`);
  return n;
});
const YEAR = 2026;
const PERIOD = `${YEAR}-S1`;
/** work-planning's realisation deadline of 2026-S1 (REALISATION_DEADLINE_DAYS 10: 2026-07-10, end of day WIB). */
const DEADLINE = Date.parse('2026-07-10T23:59:59.999+07:00');
const WINDOW_MS = 2 * 3600_000;
const MAX_IN_FLIGHT = 2000;
const REQUEST_TIMEOUT_MS = 30_000;
const SUBMITTING = 0.9;
const CITIZEN_EVERY = 5;
const TARGET_P99_MS = 1000;
const IDLE_SECONDS = 15;

const log = (line: string) => process.stdout.write(`[deadline bench] ${line}\n`);
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const percentile = (sorted: number[], p: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((sorted.length * p) / 100) - 1)]);
const ms = (n: number) => (Number.isFinite(n) ? (n >= 100 ? n.toFixed(0) : n.toFixed(1)) : 'n/a');
const sleep = (n: number) => new Promise((r) => setTimeout(r, n));

// ------------------------------------------------------------------------------------------ load

const KINDS = ['upload', 'realisation', 'review', 'rating', 'citizen'] as const;
type Kind = (typeof KINDS)[number];

interface Op {
  kind: Kind;
  service: SystemService;
  method: 'GET' | 'POST';
  path: string;
  token: string | null;
  body?: () => Buffer | string;
  contentType?: string;
  forwardedFor?: string;
  /** What follows once this one is answered as expected. */
  then?: () => Op[];
}

interface Outcome {
  kind: Kind;
  ms: number;
  status: number | 'timeout' | 'network';
  code?: string;
  ok: boolean;
  at: number;
  resent?: boolean;
}

/** The deadline's requests in the order a crowd would make them (see the header). */
class Workload {
  private readonly followUps: Op[] = [];
  private next = 0;
  private slot = 0;
  private citizen = 0;
  constructor(
    private readonly starts: (() => Op)[],
    private readonly citizens: (n: number) => Op,
  ) {}

  take(): Op | null {
    if (this.slot++ % CITIZEN_EVERY === CITIZEN_EVERY - 1 && this.remaining() > 0) return this.citizens(this.citizen++);
    const op = this.followUps.shift() ?? (this.next < this.starts.length ? this.starts[this.next++]() : null);
    return op;
  }

  add(ops: Op[]): void {
    this.followUps.push(...ops);
  }

  /** Employees' requests not yet sent (follow-ups waiting, and those not started). */
  remaining(): number {
    return this.followUps.length + this.starts.length - this.next;
  }
}

/**
 * Sends `op` once; a connection the service closed as it was being reused (keep-alive's race, which
 * a busy machine makes likely) is sent again once, as browsers do, and counted (`resent`).
 */
async function send(base: Record<string, string>, op: Op): Promise<Outcome> {
  const first = await sendOnce(base, op);
  if (first.status !== 'network' || first.code !== 'UND_ERR_SOCKET') return first;
  return { ...(await sendOnce(base, op)), resent: true };
}

async function sendOnce(base: Record<string, string>, op: Op): Promise<Outcome> {
  const headers: Record<string, string> = {};
  if (op.token) headers.authorization = `Bearer ${op.token}`;
  if (op.forwardedFor) headers['x-forwarded-for'] = op.forwardedFor;
  const body = op.body?.();
  if (body !== undefined) headers['content-type'] = op.contentType ?? 'application/json';
  const started = performance.now();
  try {
    const res = await fetch(`${base[op.service]}${op.path}`, { method: op.method, headers, body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const text = await res.text();
    const elapsed = performance.now() - started;
    let code: string | undefined;
    if (res.status >= 300) {
      try {
        code = (JSON.parse(text) as { code?: string }).code;
      } catch {
        // not JSON: HAProxy's own answer (no replica available, or one that failed under the request)
        code = text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 60);
      }
    }
    // 202: stored, the service's own read model not yet showing it (a loaded machine): the command happened.
    return { kind: op.kind, ms: elapsed, status: res.status, code, ok: res.status === 200 || res.status === 201 || res.status === 202, at: performance.now() };
  } catch (error) {
    const timeout = (error as Error).name === 'TimeoutError';
    return { kind: op.kind, ms: performance.now() - started, status: timeout ? 'timeout' : 'network', code: timeout ? undefined : String((error as { cause?: { code?: string } }).cause?.code ?? ''), ok: false, at: performance.now() };
  }
}

// ------------------------------------------------------------------------------------------ sampling

const TICKS = 100; // USER_HZ on Linux
function cpuTicks(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime
  } catch {
    return undefined;
  }
}
function machineTicks(): { busy: number; total: number } {
  const [cpu] = readFileSync('/proc/stat', 'utf8').split('\n');
  const v = cpu.trim().split(/\s+/).slice(1).map(Number);
  const idle = v[3] + (v[4] ?? 0);
  const total = v.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}
/** Every PostgreSQL process on this machine (the server is local), by pid. */
function postgresPids(): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') out.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

interface CpuSnapshot {
  at: number;
  processes: Map<string, number>;
  pg: Map<number, number>;
  machine: { busy: number; total: number };
  bench: NodeJS.CpuUsage;
}

/** CPU counters, the backends' wait events (every second) and the transport's lag (every 2 s). */
class Sampler {
  private timer: NodeJS.Timeout | undefined;
  private busy = false;
  private ticks = 0;
  backends = new Set<number>();
  waits = new Map<string, number>();
  /** Statements seen running, by their first characters. */
  queries = new Map<string, number>();
  activeSamples = 0;
  activeSum = 0;
  lagMax = { messages: 0, seconds: 0 };

  constructor(
    private readonly system: RunningSystem,
    private readonly db: Client,
  ) {}

  snapshot(): CpuSnapshot {
    const processes = new Map<string, number>();
    for (const p of this.system.processes()) {
      const t = cpuTicks(p.pid);
      if (t !== undefined) processes.set(p.name, t);
    }
    const pg = new Map<number, number>();
    for (const pid of postgresPids()) {
      const t = cpuTicks(pid);
      if (t !== undefined) pg.set(pid, t);
    }
    return { at: performance.now(), processes, pg, machine: machineTicks(), bench: process.cpuUsage() };
  }

  reset(): void {
    this.waits.clear();
    this.queries.clear();
    this.activeSamples = 0;
    this.activeSum = 0;
    this.lagMax = { messages: 0, seconds: 0 };
  }

  start(): void {
    this.timer = setInterval(() => void this.sample(), 1000);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async sample(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const { rows } = await this.db.query<{ pid: number; state: string | null; wait: string | null; query: string }>(
        `SELECT pid, state, wait_event_type || ':' || wait_event AS wait, left(regexp_replace(query, '\\s+', ' ', 'g'), 90) AS query
           FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
      );
      let active = 0;
      for (const r of rows) {
        this.backends.add(r.pid);
        if (r.state !== 'active') continue;
        active++;
        const key = r.wait ?? 'CPU';
        this.waits.set(key, (this.waits.get(key) ?? 0) + 1);
        this.queries.set(r.query, (this.queries.get(r.query) ?? 0) + 1);
      }
      this.activeSamples++;
      this.activeSum += active;
      if (this.ticks++ % 2 === 0) {
        const lag = await transportLag(this.db);
        this.lagMax = { messages: Math.max(this.lagMax.messages, lag.messages), seconds: Math.max(this.lagMax.seconds, lag.seconds) };
      }
    } catch {
      // a sample missed: the next one counts
    } finally {
      this.busy = false;
    }
  }
}

/** The PostgreSQL log's consumers: messages produced and not yet consumed, and the oldest of them's age. */
async function transportLag(db: Client): Promise<{ messages: number; seconds: number; groups: Record<string, number> }> {
  const { rows: schemas } = await db.query<{ s: string }>(`SELECT table_schema AS s FROM information_schema.tables WHERE table_name = 'consumer_offsets'`);
  const groups: Record<string, number> = {};
  let messages = 0;
  let seconds = 0;
  for (const { s } of schemas) {
    const q = `"${s.replace(/"/g, '""')}"`;
    const { rows } = await db.query<{ group_id: string; behind: string; oldest: number | null }>(
      `WITH g AS (SELECT DISTINCT group_id, topic FROM ${q}.consumer_offsets),
            x AS (SELECT g.group_id, p.topic, p.partition, p.next_offset AS head, coalesce(o.next_offset, 0) AS pos
                    FROM g JOIN ${q}.partitions p ON p.topic = g.topic
                    LEFT JOIN ${q}.consumer_offsets o ON o.group_id = g.group_id AND o.topic = p.topic AND o.partition = p.partition)
       SELECT x.group_id, sum(x.head - x.pos)::text AS behind, max(extract(epoch FROM clock_timestamp() - m."timestamp"))::float AS oldest
         FROM x LEFT JOIN ${q}.messages m ON m.topic = x.topic AND m.partition = x.partition AND m."offset" = x.pos AND x.pos < x.head
        GROUP BY x.group_id`,
    );
    for (const r of rows) {
      groups[r.group_id] = (groups[r.group_id] ?? 0) + Number(r.behind);
      messages += Number(r.behind);
      seconds = Math.max(seconds, r.oldest ?? 0);
    }
  }
  return { messages, seconds, groups };
}

interface CpuUse {
  /** Cores used (1.0 = one core busy all the time), by process name. */
  processes: Record<string, number>;
  pgBackends: number;
  pgOther: number;
  bench: number;
  machine: number;
}

function cpuBetween(a: CpuSnapshot, b: CpuSnapshot, backends: Set<number>): CpuUse {
  const seconds = (b.at - a.at) / 1000;
  const cores = (ticks: number) => ticks / TICKS / seconds;
  const processes: Record<string, number> = {};
  for (const [name, t] of b.processes) processes[name] = cores(t - (a.processes.get(name) ?? t));
  let pgBackends = 0;
  let pgOther = 0;
  for (const [pid, t] of b.pg) {
    const used = t - (a.pg.get(pid) ?? 0);
    if (backends.has(pid)) pgBackends += used;
    else if (a.pg.has(pid)) pgOther += used;
  }
  const bench = (b.bench.user - a.bench.user + b.bench.system - a.bench.system) / 1e6 / seconds;
  const machine = ((b.machine.busy - a.machine.busy) / (b.machine.total - a.machine.total)) * cpus().length;
  return { processes, pgBackends: cores(pgBackends), pgOther: cores(pgOther), bench, machine };
}

// ------------------------------------------------------------------------------------------ the run

interface StepResult {
  offered: number;
  sent: number;
  achieved: number;
  seconds: number;
  kinds: Record<Kind, { n: number; p50: number; p99: number; errors: number; errorCodes: Record<string, number> }>;
  errors: number;
  resent: number;
  held: boolean;
  cpu: CpuUse;
  activeBackends: number;
  topWaits: string;
  lag: { messages: number; seconds: number };
  clock: string;
  load: string;
}

async function main(): Promise<number> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('DATABASE_URL is required (npm run bench -- deadline provides one)');
  const dbName = `kinerja_bench_deadline_${EMPLOYEES}_r${REPLICAS}`;
  const databaseUrl = await freshDatabase(serverUrl, dbName);
  const keyDir = await mkdtemp(join(tmpdir(), 'kinerja-deadline-bench-'));
  const issuer = await LocalIssuer.open(keyDir);
  let system: RunningSystem | undefined;
  const db = new Client({ connectionString: databaseUrl });
  let cleaned: Promise<void> | undefined;
  const cleanup = () =>
    (cleaned ??= (async () => {
      await db.end().catch(() => undefined);
      if (system) await system.stop().catch(() => undefined);
      system = undefined;
      await rm(keyDir, { recursive: true, force: true });
      await dropDatabase(serverUrl, dbName);
    })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => {
      log(`${signal}: stopping the services and dropping the bench database`);
      void cleanup().finally(() => process.exit(130));
    });

  try {
    log(`${EMPLOYEES} employees, ${REPLICAS} replica(s) per service, pg-log, database ${dbName}; ${cpus().length} cores, load average ${load()}`);
    const errors: string[] = [];
    system = await launchSystem({
      databaseUrl,
      transport: 'pg-log',
      keyDir,
      clockStart: `${YEAR}-01-05T02:00:00.000Z`,
      replicas: REPLICAS,
      env: {
        // As `kinerja start` runs them: the services' own pool size and scheduler intervals.
        DB_POOL_SIZE: String(POOL),
        SCHEDULER_INTERVAL_MS: undefined,
        SLA_SCHEDULER_INTERVAL_MS: undefined,
        SAGA_INTERVAL_MS: undefined,
      },
      output: (service, line) => {
        if (/"level":(50|60)|\[supervisor\]/.test(line)) errors.push(`${service} | ${line.slice(0, 400)}`);
        if (process.env.KINERJA_DEMO_LOGS) process.stdout.write(`${service} | ${line}\n`);
      },
    });
    await db.connect();
    const api = new CityApi(system.urls, issuer, system.replicaUrls);

    // ---------------------------------------------------------------- seeding
    const city = generateCity({ employees: EMPLOYEES, seed: 1 });
    const { everyone, who } = cityMembers(city);
    const seedStarted = Date.now();
    const seeding: string[] = [];
    const timed = async (name: string, work: () => Promise<void>) => {
      const t0 = Date.now();
      const calls = api.calls;
      await work();
      const line = `${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s, ${api.calls - calls} requests`;
      seeding.push(line);
      log(`  seeding ${line} (load ${load()})`);
    };
    log(`seeding ${everyone.length + 1} employees in ${city.agencies.length} agencies`);
    await timed('organisation (CSV import per agency)', () => registerCityOrganisation(api, city, { width: 3 }));
    await timed('evaluation calendars (S1 batas pengisian 2026-07-10)', async () => {
      for (const a of city.agencies)
        await api.post('evaluation', `/agencies/${a.agencyId}/evaluation-calendars`, admin(a), { year: YEAR, cadence: 'SEMESTER', fillDeadlines: { S1: '2026-07-10' } }, { expect: [201, 409] });
    });
    const serving = city.agencies.flatMap((a) => a.units.filter((u) => u.servesCitizens).map((u) => ({ a, u, staff: a.employees.filter((e) => e.unitId === u.unitId) })));
    await timed('the public directory (units serving citizens)', () =>
      inParallel(serving, SEED_WIDTH, async ({ a, u }) => {
        await api.put('feedback-intake', `/directory/units/${encodeURIComponent(u.unitId)}`, admin(a), { agencyId: a.agencyId, name: u.name }, { expect: [200, 201] });
      }),
    );
    await timed(`SKPs ${YEAR} drafted, submitted, approved top down (${SEED_WIDTH} in flight)`, () => planCityYear(api, city, YEAR, { width: SEED_WIDTH }));
    await timed('until feedback-intake and evaluation have consumed everything', async () => {
      for (;;) {
        const lag = await transportLag(db);
        if (lag.messages === 0) break;
        await sleep(1000);
      }
      // The last staff member's reporting chain as evaluation knows it, as a check.
      const { e, a } = everyone[everyone.length - 1];
      await api.eventually(
        () => api.get('evaluation', `/organisation/agencies/${a.agencyId}/employees/${e.nip}/reporting-chain?date=${YEAR}-06-30`, CITY_ADMIN),
        (chain) => chain.pejabatPenilaiId === e.atasanNip,
        'the organisation in evaluation',
      );
    });
    const seedSeconds = (Date.now() - seedStarted) / 1000;
    log(`seeding: ${seedSeconds.toFixed(1)} s in all, ${api.calls} requests (${(api.calls / seedSeconds).toFixed(1)}/s); load ${load()}`);
    await vacuumWithoutAutovacuum(databaseUrl, log);

    // ---------------------------------------------------------------- the deadline's requests
    const tokens = new Map<string, string>();
    const tokenOf = async (id: Identity) => {
      const key = `${id.role}/${id.sub}/${id.agencyId ?? ''}`;
      if (!tokens.has(key)) tokens.set(key, await issuer.issueToken({ sub: id.sub, role: id.role, ...(id.agencyId ? { agencyId: id.agencyId } : {}), expiresIn: '24h' }));
      return tokens.get(key)!;
    };
    const random = mulberry32(2026);
    const order = everyone.map((m) => ({ m, r: random() })).sort((x, y) => x.r - y.r).map((x) => x.m);
    const submitters = order.slice(0, Math.round(order.length * SUBMITTING));
    for (const { e } of submitters) {
      await tokenOf(who(e.nip));
      if (!LEADS.has(e.kind)) await tokenOf(who(e.atasanNip));
    }
    const template = Buffer.alloc(FILE_KB * 1024);
    for (let i = 0; i < template.length; i++) template[i] = Math.floor(random() * 256);
    const fileOf = (e: CityEmployee) => {
      const file = Buffer.from(template);
      file.write(`%PDF-1.4\n% Laporan ${PERIOD} ${e.nip} ${e.jabatan}\n`, 0, 'latin1');
      return file;
    };
    const json = (body: unknown) => () => JSON.stringify(body);
    const rate = (e: CityEmployee, a: CityAgency): Op[] => {
      if (LEADS.has(e.kind)) return [];
      const rater = tokens.get(keyOf(who(e.atasanNip)))!;
      const period = `${a.agencyId}:${YEAR}:S1`;
      const rating: Op = {
        kind: 'rating',
        service: 'evaluation',
        method: 'POST',
        path: `/periods/${period}/employees/${e.nip}/evaluation`,
        token: rater,
        body: json({
          ratingHasil: e.performance === 'HIGH' ? 'DI_ATAS' : e.performance === 'LOW' ? 'DI_BAWAH' : 'SESUAI',
          ratingPerilaku: 'SESUAI',
          justification: 'Evaluasi periodik semester 1: realisasi dan bukti dukung telah diperiksa.',
        }),
      };
      return [{ kind: 'review', service: 'evaluation', method: 'GET', path: `/periods/${period}/employees/${e.nip}/evaluation-context`, token: rater, then: () => [rating] }];
    };
    const starts = submitters.map(({ e, a }) => () => {
      const file = fileOf(e);
      const sha256 = createHash('sha256').update(file).digest('hex');
      const me = tokens.get(keyOf(who(e.nip)))!;
      const id = skpId(e.nip, YEAR);
      const realisation: Op = {
        kind: 'realisation',
        service: 'work-planning',
        method: 'POST',
        path: `/skps/${id}/realisations`,
        token: me,
        body: json({ periodId: PERIOD, ikiId: 'I1', value: e.performance === 'HIGH' ? 7 : e.performance === 'LOW' ? 4 : 6, occurredOn: `${YEAR}-06-30`, evidence: [{ kind: 'FILE', sha256 }] }),
        then: () => rate(e, a),
      };
      const upload: Op = {
        kind: 'upload',
        service: 'work-planning',
        method: 'POST',
        path: `/skps/${id}/evidence-files?fileName=${encodeURIComponent(`laporan-${PERIOD}-${e.nip}.pdf`)}`,
        token: me,
        body: () => file,
        contentType: 'application/pdf',
        then: () => [realisation],
      };
      return upload;
    });
    const citizenRandom = mulberry32(17);
    const citizens = (n: number): Op => {
      const { u, staff } = serving[Math.floor(citizenRandom() * serving.length)];
      const served = staff[Math.floor(citizenRandom() * staff.length)];
      return {
        kind: 'citizen',
        service: 'feedback-intake',
        method: 'POST',
        path: '/public/feedback',
        token: null,
        forwardedFor: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
        body: json({
          unitId: u.unitId,
          rating: 1 + Math.min(3, Math.floor(citizenRandom() * 4.6)),
          comment: n % 2 === 0 ? 'Pelayanan cepat dan ramah.' : 'Antrean agak lama, petugas membantu.',
          channel: n % 3 === 0 ? 'KIOSK' : 'WEB_FORM',
          ...(n % 4 === 0 && served ? { employeeId: served.nip } : {}),
        }),
      };
    };
    const workload = new Workload(starts, citizens);
    log(`load: ${submitters.length} of ${everyone.length} employees submit (${Math.round(template.length / 1024)} KB evidence each); steps ${RATES.join(', ')} requests/s, ${STEP_SECONDS} s each; load ${load()}`);

    const sampler = new Sampler(system, db);
    sampler.start();
    // The system idle for a while first: what its background work (log consumers, projections,
    // schedulers) costs without a request, so that each step's CPU per request is its own.
    await setCityClock(api, new Date(DEADLINE + 1 - WINDOW_MS).toISOString());
    await sleep(2000);
    sampler.reset();
    const idleFrom = sampler.snapshot();
    await sleep(IDLE_SECONDS * 1000);
    const idle = cpuBetween(idleFrom, sampler.snapshot(), sampler.backends);
    const idleQueries = [...sampler.queries.entries()].sort((x, y) => y[1] - x[1]).slice(0, 3);
    log(`idle for ${IDLE_SECONDS} s: CPU (cores) ${cpuLine(idle)}`);
    log(`    statements running when sampled (each second): ${idleQueries.map(([q, n]) => `${n}× "${q}"`).join('; ') || 'none'}`);
    const results: StepResult[] = [];
    const stepClock = WINDOW_MS / RATES.length;
    for (const [index, offered] of RATES.entries()) {
      if (workload.remaining() === 0) {
        log(`step ${offered}/s: the workload is exhausted (every submitter's requests sent)`);
        break;
      }
      const clock = new Date(DEADLINE + 1 - WINDOW_MS + index * stepClock).toISOString();
      // The first step's time was set before the idle baseline; the clock has run on since.
      if (index > 0) await setCityClock(api, clock).catch((error: Error) => log(`  clock not moved to ${clock}: ${error.message.slice(0, 160)}`));
      sampler.reset();
      const before = sampler.snapshot();
      const outcomes: Outcome[] = [];
      const started = performance.now();
      const pending = new Set<Promise<void>>();
      let sent = 0;
      const due = STEP_SECONDS * offered;
      while (sent < due) {
        const target = started + (sent / offered) * 1000;
        const wait = target - performance.now();
        if (wait > 1) await sleep(Math.min(wait, 20));
        if (performance.now() < target) continue;
        if (pending.size >= MAX_IN_FLIGHT) {
          await Promise.race(pending);
          continue;
        }
        const op = workload.take();
        if (!op) break;
        sent++;
        const p = send(system.urls, op).then((o) => {
          outcomes.push(o);
          if (o.ok && op.then) workload.add(op.then());
          pending.delete(p);
        });
        pending.add(p);
      }
      const sentSeconds = (performance.now() - started) / 1000;
      await Promise.all(pending);
      const after = sampler.snapshot();
      const lastAnswer = outcomes.reduce((m, o) => Math.max(m, o.at), started);
      const seconds = (lastAnswer - started) / 1000;
      const kinds = {} as StepResult['kinds'];
      for (const kind of KINDS) {
        const mine = outcomes.filter((o) => o.kind === kind);
        const sorted = mine.map((o) => o.ms).sort((x, y) => x - y);
        const errorCodes: Record<string, number> = {};
        for (const o of mine.filter((x) => !x.ok)) errorCodes[`${o.status}${o.code ? ` ${o.code}` : ''}`] = (errorCodes[`${o.status}${o.code ? ` ${o.code}` : ''}`] ?? 0) + 1;
        kinds[kind] = { n: mine.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), errors: mine.filter((o) => !o.ok).length, errorCodes };
      }
      const errorCount = outcomes.filter((o) => !o.ok).length;
      const achieved = outcomes.length / seconds;
      const held = achieved >= 0.9 * offered && errorCount === 0 && KINDS.every((k) => kinds[k].n === 0 || kinds[k].p99 <= TARGET_P99_MS);
      const waits = [...sampler.waits.entries()].sort((x, y) => y[1] - x[1]);
      const totalWaits = waits.reduce((n, [, c]) => n + c, 0);
      const result: StepResult = {
        offered,
        sent: sent / sentSeconds,
        achieved,
        seconds,
        kinds,
        errors: errorCount,
        resent: outcomes.filter((o) => o.resent).length,
        held,
        cpu: cpuBetween(before, after, sampler.backends),
        activeBackends: sampler.activeSamples ? sampler.activeSum / sampler.activeSamples : NaN,
        topWaits: waits.slice(0, 3).map(([w, c]) => `${w} ${Math.round((c / Math.max(totalWaits, 1)) * 100)}%`).join(', '),
        lag: sampler.lagMax,
        clock,
        load: load(),
      };
      results.push(result);
      report(result, idle);
      const p99Max = Math.max(...KINDS.map((k) => (kinds[k].n ? kinds[k].p99 : 0)));
      if (achieved < 0.8 * offered || p99Max > 5_000 || errorCount > 0.05 * outcomes.length) {
        log(`step ${offered}/s is past saturation: no higher step`);
        break;
      }
      // The next step starts on a drained log, so that one step's backlog does not count in the next.
      const drainStart = Date.now();
      while ((await transportLag(db)).messages > 0 && Date.now() - drainStart < 120_000) await sleep(500);
    }
    sampler.stop();
    summarise(results, { seedSeconds, seeding, employees: everyone.length + 1, submitters: submitters.length, restarts: system, idle });
    if (errors.length > 0) log(`${errors.length} error line(s) from the services, first: ${errors[0]}`);
    return 0;
  } finally {
    await cleanup();
  }
}

const keyOf = (id: Identity) => `${id.role}/${id.sub}/${id.agencyId ?? ''}`;

const short = (name: string) =>
  name.replace('work-planning', 'wp').replace('feedback-intake', 'fi').replace('evaluation', 'ev').replace('career-decisions', 'cd');

function cpuLine(cpu: CpuUse): string {
  const procs = Object.entries(cpu.processes).map(([n, c]) => `${short(n)} ${c.toFixed(2)}`);
  return `${procs.join(', ')}, pg backends ${cpu.pgBackends.toFixed(2)}, bench ${cpu.bench.toFixed(2)}; machine ${cpu.machine.toFixed(2)} of ${cpus().length} (other processes ${othersOf(cpu).toFixed(2)}, of which PostgreSQL's other processes ${cpu.pgOther.toFixed(2)})`;
}

/** CPU of the machine's other processes (other runs on the shared machine, PostgreSQL's background), in cores. */
function othersOf(cpu: CpuUse): number {
  const ours = Object.values(cpu.processes).reduce((n, c) => n + c, 0) + cpu.pgBackends + cpu.bench;
  return Math.max(0, cpu.machine - ours);
}

/**
 * What saturates: the machine when its cores are all busy (with how much of it is ours), and the
 * busiest of ours, in cores (a Node process saturates at one).
 */
function busiest(cpu: CpuUse): string {
  const all: [string, number][] = [...Object.entries(cpu.processes).map(([n, c]) => [n, c] as [string, number]), ['PostgreSQL backends', cpu.pgBackends], ['bench (load generator)', cpu.bench]];
  all.sort((a, b) => b[1] - a[1]);
  const top = all
    .slice(0, 3)
    .map(([n, c]) => `${n} ${(c * 100).toFixed(0)} % of a core`)
    .join(', ');
  const cores = cpus().length;
  const ours = cpu.machine - othersOf(cpu);
  const machine = `machine ${cpu.machine.toFixed(2)} of ${cores} cores busy (ours ${ours.toFixed(2)}, other processes ${othersOf(cpu).toFixed(2)})`;
  return cpu.machine >= 0.95 * cores ? `the machine's CPU: ${machine}; busiest of ours: ${top}` : `${top}; ${machine}`;
}

/**
 * Less dependent on the machine's other load: the CPU each answered request cost (ms), per process
 * and in all, over what the same process used idle (`idle`); and the rate at which, at that cost,
 * the first part would saturate were the machine ours alone: a Node process at one core (less its
 * idle use), or all of ours together (services, PostgreSQL backends, the load generator) at every core.
 */
function projection(r: StepResult, idle: CpuUse): { perRequestMs: Record<string, number>; ceiling: number; by: string } {
  const answered = r.achieved * r.seconds;
  const perRequest = (cores: number, idleCores: number) => (Math.max(0, cores - idleCores) * r.seconds * 1000) / answered;
  const perRequestMs: Record<string, number> = {};
  for (const [name, cores] of Object.entries(r.cpu.processes)) perRequestMs[short(name)] = perRequest(cores, idle.processes[name] ?? 0);
  perRequestMs['pg backends'] = perRequest(r.cpu.pgBackends, idle.pgBackends);
  perRequestMs.bench = perRequest(r.cpu.bench, idle.bench);
  const ours = Object.values(perRequestMs).reduce((n, v) => n + v, 0);
  const idleOurs = Object.values(idle.processes).reduce((n, c) => n + c, 0) + idle.pgBackends + idle.bench;
  let ceiling = ((cpus().length - idleOurs) * 1000) / ours;
  let by = `all ${cpus().length} cores (${ours.toFixed(1)} ms of CPU a request, ${idleOurs.toFixed(2)} cores idle use)`;
  for (const name of Object.keys(r.cpu.processes)) {
    const cost = perRequestMs[short(name)];
    const at = ((1 - (idle.processes[name] ?? 0)) * 1000) / cost;
    if (at < ceiling) {
      ceiling = at;
      by = `${name} at one core (${cost.toFixed(1)} ms a request)`;
    }
  }
  return { perRequestMs, ceiling, by };
}

function report(r: StepResult, idle: CpuUse): void {
  log(
    `step ${r.offered}/s (clock ${r.clock.slice(11, 16)} UTC): sent ${r.sent.toFixed(1)}/s, achieved ${r.achieved.toFixed(1)}/s over ${r.seconds.toFixed(1)} s, ${r.errors} errors, ${r.resent} resent after a closed connection — ${r.held ? 'HELD' : 'not held'}; load ${r.load}`,
  );
  for (const kind of KINDS) {
    const k = r.kinds[kind];
    if (k.n === 0) continue;
    const codes = Object.entries(k.errorCodes).map(([c, n]) => `${c} ×${n}`).join(', ');
    log(`    ${kind.padEnd(11)} n=${String(k.n).padStart(6)}  p50 ${ms(k.p50).padStart(6)} ms  p99 ${ms(k.p99).padStart(6)} ms  errors ${k.errors}${codes ? ` (${codes})` : ''}`);
  }
  log(`    CPU (cores): ${cpuLine(r.cpu)}`);
  const p = projection(r, idle);
  log(
    `    CPU per answered request above idle (ms): ${Object.entries(p.perRequestMs).map(([n, v]) => `${n} ${v.toFixed(1)}`).join(', ')}; were the machine idle, ~${p.ceiling.toFixed(0)} requests/s would saturate ${p.by}`,
  );
  log(`    PostgreSQL: ${r.activeBackends.toFixed(1)} backends active on average; waits ${r.topWaits || 'none sampled'}; log lag max ${r.lag.messages} messages, oldest ${r.lag.seconds.toFixed(1)} s`);
}

function summarise(
  results: StepResult[],
  info: { seedSeconds: number; seeding: string[]; employees: number; submitters: number; restarts: RunningSystem; idle: CpuUse },
): void {
  log('summary:');
  log(`  seeding ${info.employees} employees: ${info.seedSeconds.toFixed(0)} s (${info.seeding.join('; ')})`);
  const held = results.filter((r) => r.held);
  const best = held.length ? held[held.length - 1] : undefined;
  const firstMiss = results.find((r) => !r.held);
  log(`  highest rate held (≥ 90 % achieved, p99 ≤ ${TARGET_P99_MS} ms in every kind, no error): ${best ? `${best.offered}/s (achieved ${best.achieved.toFixed(1)}/s)` : 'none'}`);
  if (firstMiss) log(`  first step not held: ${firstMiss.offered}/s; what saturates there: ${busiest(firstMiss.cpu)}`);
  else if (results.length) log(`  every step held; busiest at the last: ${busiest(results[results.length - 1].cpu)}`);
  // The highest step answered without errors (the cost of a request that fails early says little).
  const costed = [...results].reverse().find((r) => r.errors === 0) ?? results[results.length - 1];
  if (costed) {
    const p = projection(costed, info.idle);
    log(`  projected from the CPU per request at ${costed.offered}/s: were the machine ours alone, ~${p.ceiling.toFixed(0)} requests/s would saturate ${p.by}`);
  }
  const restarts = (['work-planning', 'feedback-intake', 'evaluation', 'career-decisions'] as const).map((s) => `${short(s)} ${info.restarts.restarts(s)}`).join(', ');
  log(`  restarts: ${restarts}`);
  log('  markdown:');
  const head = `| offered/s | achieved/s | ${KINDS.map((k) => `${k} p50/p99 ms`).join(' | ')} | errors | CPU cores wp / fi / ev / cd / PG backends / bench / machine (others) | log lag max | held |`;
  log(`  ${head}`);
  log(`  |${head.split('|').slice(1, -1).map(() => '---').join('|')}|`);
  for (const r of results) {
    const svc = (s: string) =>
      Object.entries(r.cpu.processes)
        .filter(([n]) => n === s || n.startsWith(`${s}/`))
        .map(([, c]) => c.toFixed(2))
        .join('+') || 'n/a';
    log(
      `  | ${r.offered} | ${r.achieved.toFixed(1)} | ${KINDS.map((k) => (r.kinds[k].n ? `${ms(r.kinds[k].p50)} / ${ms(r.kinds[k].p99)}` : '–')).join(' | ')} | ${r.errors} | ${['work-planning', 'feedback-intake', 'evaluation', 'career-decisions'].map(svc).join(' / ')} / ${r.cpu.pgBackends.toFixed(2)} / ${r.cpu.bench.toFixed(2)} / ${r.cpu.machine.toFixed(2)} (${othersOf(r.cpu).toFixed(2)}) | ${r.lag.messages} msgs, ${r.lag.seconds.toFixed(1)} s | ${r.held ? 'yes' : 'no'} |`,
    );
  }
  log(`RESULT deadline employees=${info.employees} replicas=${REPLICAS} seedSeconds=${info.seedSeconds.toFixed(0)} heldRate=${best?.offered ?? 0} load="${load()}"`);
}

runBench(main);
