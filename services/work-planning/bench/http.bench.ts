/**
 * HTTP benchmark (issue 20 §1): the services' real endpoints over HTTP with a bearer token, against
 * a floor measured in the same run: a bare `node:http` + `pg` server that checks the same bearer
 * token (the platform's own JWT verifier, the same key) and runs the very same SQL as the endpoint.
 *
 *   npm run bench -- http [--employees 20000] [--requests 3000] [--concurrency 16] [--skp-agencies 4]
 *                         [--profile <dir>] [--show-sql] [--explain]
 *
 * Setup (bench/setup.ts, shared with work-planning.bench.ts): the organisation imported by CSV, the
 * SKP cascade of the first agencies approved and their staff SKPs submitted.
 *
 * How the floor gets the endpoint's SQL (the machinery is libs/testing/src/http-bench.ts): every
 * `pg` query of the service's process passes through `Client.prototype.query`, wrapped there; a
 * request carrying the header `x-bench-capture` runs in an AsyncLocalStorage context, so the wrapper
 * records the statements (text and parameters, in order) that this request issued: the guards'
 * look-ups, the event store's reads and append, the read models' queries. For each endpoint one
 * request is captured; the statements become a template in which the request's inputs (NIP, SKP id,
 * date, search text, agency, period, unit, rater) and the event ids (UUIDs) are placeholders. The
 * floor fills the template with its own request's inputs and sends the statements one after the
 * other (ours runs some of them in parallel on two), each on a pooled connection with the session
 * settings of the one the endpoint sent it on, and prepared under the same name: a statement of the
 * generic-plan pool (`genericPlanQuery`) runs with a generic plan on the floor's side too. `--show-sql` prints
 * the captured templates. The projection runner's and relay's statements run outside any request
 * context and are not captured; for commands the floor neither waits for the read models (ours
 * does: read-your-writes) nor folds streams or decides.
 * `--explain` prints the execution time of each captured read statement (EXPLAIN ANALYZE).
 *
 * Commands write: the submitted staff SKPs are split, every other one approved by ours and the
 * rest by the floor (whose replayed append_batch appends the same events, with fresh ids, on its
 * own SKPs' streams; counted afterwards), so neither meets the other's writes. Realisations then go
 * to the SKPs each side approved.
 *
 * Rating (the evaluation service) comes last: once work-planning's endpoints are measured,
 * evaluation starts in a process of its own on the same database (services/evaluation/bench/
 * http-host.ts, forked and driven over IPC, its floor in that process; keberatan scheduler and
 * notifications off). It learns the organisation and the realisations from work-planning's public
 * events on the PostgreSQL log, as in production (waited for: the last staff member's pejabat
 * penilai as evaluation sees it, then its consumer and read models caught up); each agency with
 * SKPs gets a semester calendar for the year, S1's batas pengisian on 31 December so that no rating
 * is late. Measured: what the pejabat penilai reads first (`context`, GET
 * /periods/<agency>:<year>:S1/employees/:nip/evaluation-context) and the periodic rating (`rate`,
 * POST .../evaluation: both ratings and a justification), every staff member by their Kasi, split
 * as for approve: ours rates its half, the floor the other (appended EvaluationSubmitted counted).
 *
 * The load generator runs in a worker thread (its own event loop) with keep-alive connections;
 * a service and its floor share a main thread, as the service does in production (one process per
 * service): work-planning's this process's, evaluation's its own.
 *
 * Each side's CPU per request is measured too (CpuMeter, from /proc): that main thread's and that
 * of the PostgreSQL backends of the bench database, for commands until the read models (and, for
 * rate, evaluation's consumer) have caught up. Unlike requests per second it hardly depends on what
 * else the machine runs; cores / CPU per request is the rate a quiet machine would reach (network
 * stack and load generator aside). And the statements each side's process sent to PostgreSQL per
 * request (BenchHost.statements: the requests', the projections', the relay's), since every round
 * trip costs CPU on both ends: ~100 µs together on the project's machines.
 */
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  BenchHost,
  CaptureRequest,
  CpuMeter,
  CpuUse,
  Figure,
  figure,
  forkHost,
  InputTable,
  Inputs,
  LoadRequest,
  LoadResult,
  localHost,
  profiled,
  Route,
  runBench,
  runLoad,
  showCpu,
  showFigure,
  waitUntil,
} from '@kinerja/testing';
import { realisationStream } from '../src/realisations/realisation.events';
import { skpStream } from '../src/skps/skp.events';
import { callerOf, loadOrganisation, prepareStaffSkps, seconds, skpIdOf, StaffSkp, startBenchService } from './setup';

// ---------------------------------------------------------------------------------------------
// options

function option(name: string, fallback: number): number;
function option(name: string, fallback: string | undefined): string | undefined;
function option(name: string, fallback: number | string | undefined): number | string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  const raw = i >= 0 ? process.argv[i + 1] : undefined;
  if (raw === undefined) return fallback;
  if (typeof fallback !== 'number') return raw;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer`);
  return n;
}
const EMPLOYEES = option('employees', 20_000);
const REQUESTS = option('requests', 3_000);
const CONCURRENCY = option('concurrency', 16);
const SKP_AGENCIES = option('skp-agencies', 4);
const PROFILE_DIR = option('profile', undefined);
const SHOW_SQL = process.argv.includes('--show-sql');
const EXPLAIN = process.argv.includes('--explain');
const POOL_SIZE = Number(process.env.DB_POOL_SIZE ?? 10);
/** The evaluation service's process (see the header). */
const EVALUATION_HOST = join(__dirname, '../../evaluation/bench/http-host.ts');

const log = (message: string) => process.stdout.write(`[http bench] ${message}\n`);
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

/** The request whose statements the floor replays, and its inputs (the template's placeholders). */
interface Capture {
  request: CaptureRequest;
  inputs: Inputs;
}
interface Read {
  /** The name of the host's route. */
  name: string;
  capture(): Promise<Capture>;
  requests(): Promise<LoadRequest[]>;
}
interface Command {
  name: string;
  capture(): Promise<Capture>;
  requests(targets: StaffSkp[]): Promise<LoadRequest[]>;
  /** Where a request appends, to count afterwards: the event store's table, the stream of a target, the event type. */
  appends: { table: string; stream(s: StaffSkp): string; type: string };
}
/** Reads or commands of this process's service: each with its route, named after it. */
const served = <T extends { name: string }>(entries: (Omit<T, 'name'> & { route: Route })[]) => entries.map((e) => ({ ...e, name: e.route.name }) as unknown as T & { route: Route });

interface Row {
  name: string;
  ours: Figure;
  floor: Figure;
  oursCpu: CpuUse;
  floorCpu: CpuUse;
  /** PostgreSQL statements (round trips) the host's process sent per request, background work included. */
  oursStatements: number;
  floorStatements: number;
}

async function main(): Promise<void> {
  const service = await startBenchService('kinerja_bench_http');
  const { token } = service;
  const rows: Row[] = [];
  try {
    // Through PostgreSQL's Unix socket (a host that is a directory: postgresql://postgres@%2Fvar%2Frun%2Fpostgresql/postgres)
    // every query costs both sides less CPU than through TCP on 127.0.0.1 (CpuMeter shows by how much).
    const socket = decodeURIComponent(new URL(service.databaseUrl).hostname).startsWith('/');
    log(`${cpus().length} CPUs, load ${load()}; PostgreSQL through ${socket ? 'its Unix socket' : 'TCP'}; loading ${EMPLOYEES} employees`);
    const organisation = await loadOrganisation(service, EMPLOYEES, log);
    const { employees } = organisation;
    log(`loaded ${employees.length} employees in ${organisation.agencies.length} agencies: ${seconds(organisation.ms)} s, ${organisation.events} events`);
    const today = new Date().toISOString().slice(0, 10);
    const year = Number(today.slice(0, 4));
    const t0 = Date.now();
    const staff = await prepareStaffSkps(service, organisation, { agencies: SKP_AGENCIES, year, concurrency: CONCURRENCY });
    await service.caughtUp();
    log(`prepared ${staff.length} submitted staff SKPs in ${SKP_AGENCIES} agencies: ${seconds(Date.now() - t0)} s`);

    const auditor = await token('AUDITOR', 'auditor.bench');
    const city = await token('ADMIN_CITY', 'bkpsdm.bench');
    const employee = (nip: string) => token('EMPLOYEE', nip);
    const kasis = [...new Set(staff.map((s) => s.kasi))];

    // staff[0] is the template of every command; the others alternate between ours and the floor.
    const [templateSkp, ...measuredStaff] = staff;
    const oursStaff = measuredStaff.filter((_, i) => i % 2 === 0);
    const floorStaff = measuredStaff.filter((_, i) => i % 2 === 1);
    // REQUESTS requests, one for every staff member in turn (a prime stride through them).
    const perStaff = (count: number, request: (s: StaffSkp) => Promise<LoadRequest>) =>
      Promise.all(Array.from({ length: count }, (_, i) => request(measuredStaff[(i * 7919) % measuredStaff.length])));

    /** `work`'s CPU (CpuMeter) and the statements the host sent meanwhile, per request. */
    const measured = async <T>(host: BenchHost, meter: CpuMeter, count: number, work: () => Promise<T>) => {
      const before = await host.statements();
      const { result, cpu } = await meter.measure(work, count);
      return { result, cpu, statements: ((await host.statements()) - before) / count };
    };

    const measureRead = async (host: BenchHost, floor: string, meter: CpuMeter, r: Read) => {
      const requests = await r.requests();
      const warm = requests.slice(0, Math.min(300, requests.length));
      await runLoad(floor, warm, CONCURRENCY);
      await runLoad(host.base, warm, CONCURRENCY);
      log(`${r.name}: measuring (load ${load()})`);
      const f = await measured(host, meter, requests.length, () => profiled(host, PROFILE_DIR, `${r.name}-floor`, () => runLoad(floor, requests, CONCURRENCY)));
      const o = await measured(host, meter, requests.length, () => profiled(host, PROFILE_DIR, `${r.name}-ours`, () => runLoad(host.base, requests, CONCURRENCY)));
      report({ name: r.name, ours: figure(o.result), floor: figure(f.result), oursCpu: o.cpu, floorCpu: f.cpu, oursStatements: o.statements, floorStatements: f.statements });
    };

    const measureCommand = async (host: BenchHost, floor: string, meter: CpuMeter, db: Client, c: Command) => {
      log(`${c.name}: measuring (load ${load()}) on ${oursStaff.length} staff members (ours) and ${floorStaff.length} (floor)`);
      // CPU until the read models have caught up with the writes: their work is the command's too.
      const [floorRequests, oursRequests] = [await c.requests(floorStaff), await c.requests(oursStaff)];
      const until = async (run: () => Promise<LoadResult>) => {
        const result = await run();
        await host.caughtUp();
        return result;
      };
      const fm = await measured(host, meter, floorRequests.length, () => until(() => profiled(host, PROFILE_DIR, `${c.name}-floor`, () => runLoad(floor, floorRequests, CONCURRENCY))));
      const om = await measured(host, meter, oursRequests.length, () => until(() => profiled(host, PROFILE_DIR, `${c.name}-ours`, () => runLoad(host.base, oursRequests, CONCURRENCY))));
      // Both sides must have appended on every stream they were given.
      const appended = async (targets: StaffSkp[]) =>
        (
          await db.query(
            `SELECT count(DISTINCT stream)::int AS n FROM ${c.appends.table} WHERE stream = ANY($1) AND recorded_at > now() - interval '10 minutes' AND type = $2`,
            [targets.map(c.appends.stream), c.appends.type],
          )
        ).rows[0].n as number;
      const [nf, no] = [await appended(floorStaff), await appended(oursStaff)];
      log(`${c.name}: events appended on ${no}/${oursStaff.length} streams by ours, ${nf}/${floorStaff.length} by the floor`);
      report({ name: c.name, ours: figure(om.result), floor: figure(fm.result), oursCpu: om.cpu, floorCpu: fm.cpu, oursStatements: om.statements, floorStatements: fm.statements });
    };

    const report = (row: Row) => {
      rows.push(row);
      log(`${row.name}: ours ${showFigure(row.ours)}; floor ${showFigure(row.floor)}; ours/floor ${(row.ours.rate / row.floor.rate).toFixed(2)}`);
      log(`${row.name}: ours ${showCpu(row.oursCpu)}; floor ${showCpu(row.floorCpu)}`);
      log(`${row.name}: PostgreSQL statements a request, background work included: ours ${row.oursStatements.toFixed(1)}, floor ${row.floorStatements.toFixed(1)}`);
    };

    /**
     * Captures the reads, then the commands in order (approve before realise: the template SKP must
     * be approved to take a realisation), starts the host's floor, measures.
     */
    const measure = async (host: BenchHost, reads: Read[], commands: Command[], table?: InputTable) => {
      for (const x of [...reads, ...commands]) {
        const { request, inputs } = await x.capture();
        for (const line of await host.capture(x.name, request, inputs, { showSql: SHOW_SQL, explain: EXPLAIN })) log(line);
      }
      await host.caughtUp();
      const floor = await host.startFloor(table);
      const db = new Client({ connectionString: service.databaseUrl });
      await db.connect();
      const meter = new CpuMeter(db, host.pid);
      try {
        for (const r of reads) await measureRead(host, floor, meter, r);
        for (const c of commands) await measureCommand(host, floor, meter, db, c);
      } finally {
        await db.end();
      }
    };

    // ---- work-planning: reads ----
    const skpOf = (nip: string) => skpIdOf(nip, year);
    const dateOf = (i: number) => (i % 2 === 0 ? today : `202${4 + (i % 2)}-0${1 + (i % 9)}-15`);
    const lastNames = [...new Set(employees.map((e) => e.name.split(/[ ,]+/)[1]).filter(Boolean))];
    const get = (path: string, auth: string, inputs: Inputs): Capture => ({ request: { method: 'GET', path, token: auth }, inputs });
    const reads = served<Read>([
      {
        route: {
          name: 'supervisor',
          method: 'GET',
          pattern: /^\/employees\/([^/]+)\/supervisor$/,
          inputs: (m, url) => ({ nip: m[1], date: url.searchParams.get('date')! }),
        },
        capture: async () => get(`/employees/${employees[1].nip}/supervisor?date=${today}`, auditor, { nip: employees[1].nip, date: today }),
        requests: async () => Array.from({ length: REQUESTS }, (_, i) => ({ method: 'GET', path: `/employees/${employees[(i * 7919) % employees.length].nip}/supervisor?date=${dateOf(i)}`, token: auditor })),
      },
      {
        route: { name: 'skp', method: 'GET', pattern: /^\/skps\/(([0-9]+)-[0-9]{4}-01-01)$/, inputs: (m) => ({ skpId: m[1], nip: m[2] }) },
        capture: async () => get(`/skps/${skpOf(templateSkp.nip)}`, await employee(templateSkp.nip), { skpId: skpOf(templateSkp.nip), nip: templateSkp.nip }),
        requests: () => perStaff(REQUESTS, async (s) => ({ method: 'GET', path: `/skps/${skpOf(s.nip)}`, token: await employee(s.nip) })),
      },
      {
        route: { name: 'team', method: 'GET', pattern: /^\/supervisors\/([^/]+)\/team$/, inputs: (m) => ({ nip: m[1], date: today }) },
        capture: async () => get(`/supervisors/${templateSkp.kasi}/team`, await employee(templateSkp.kasi), { nip: templateSkp.kasi, date: today }),
        // A quarter as many: each answer is a whole team.
        requests: async () =>
          Promise.all(
            Array.from({ length: Math.ceil(REQUESTS / 4) }, async (_, i) => {
              const k = kasis[(i * 7919) % kasis.length];
              return { method: 'GET', path: `/supervisors/${k}/team`, token: await employee(k) };
            }),
          ),
      },
      {
        route: { name: 'search', method: 'GET', pattern: /^\/employees$/, inputs: (_m, url) => ({ q: url.searchParams.get('q')!, date: today }) },
        capture: async () => get(`/employees?q=${encodeURIComponent(lastNames[0])}&limit=20`, city, { q: lastNames[0], date: today }),
        requests: async () =>
          Array.from({ length: REQUESTS }, (_, i) => ({ method: 'GET', path: `/employees?q=${encodeURIComponent(lastNames[i % lastNames.length])}&limit=20`, token: city })),
      },
      {
        // The city dashboard's SKP completion: every agency of the city in one answer.
        route: { name: 'completion', method: 'GET', pattern: /^\/skp-completion$/, inputs: () => ({}) },
        capture: async () => get(`/skp-completion?year=${year}`, city, {}),
        // A tenth as many: each answer counts the whole city.
        requests: async () => Array.from({ length: Math.ceil(REQUESTS / 10) }, () => ({ method: 'GET', path: `/skp-completion?year=${year}`, token: city })),
      },
    ]);

    // ---- work-planning: commands ----
    const period = `${year}-S1`;
    const realisationBody = { periodId: period, ikiId: 'I1', value: 5, occurredOn: `${year}-03-02` };
    const commandInputs = (s: StaffSkp): Inputs => ({ skpId: skpOf(s.nip), kasi: s.kasi, nip: s.nip, agencyId: s.agencyId, date: today });
    const staffByNip = new Map(staff.map((s) => [s.nip, s]));
    const events = 'work_planning_events.events';
    const commands = served<Command>([
      {
        route: {
          name: 'approve',
          method: 'POST',
          pattern: /^\/skps\/(([0-9]+)-[0-9]{4}-01-01)\/approve$/,
          inputs: (m) => commandInputs(staffByNip.get(m[2])!),
        },
        capture: async () => ({ request: { method: 'POST', path: `/skps/${skpOf(templateSkp.nip)}/approve`, token: await employee(templateSkp.kasi) }, inputs: commandInputs(templateSkp) }),
        requests: async (targets) => Promise.all(targets.map(async (s) => ({ method: 'POST', path: `/skps/${skpOf(s.nip)}/approve`, token: await employee(s.kasi) }))),
        appends: { table: events, stream: (s) => skpStream(skpOf(s.nip)), type: 'SkpApproved' },
      },
      {
        route: {
          name: 'realise',
          method: 'POST',
          pattern: /^\/skps\/(([0-9]+)-[0-9]{4}-01-01)\/realisations$/,
          inputs: (m) => commandInputs(staffByNip.get(m[2])!),
        },
        capture: async () => ({
          request: { method: 'POST', path: `/skps/${skpOf(templateSkp.nip)}/realisations`, token: await employee(templateSkp.nip), body: realisationBody },
          inputs: commandInputs(templateSkp),
        }),
        requests: async (targets) =>
          Promise.all(targets.map(async (s) => ({ method: 'POST', path: `/skps/${skpOf(s.nip)}/realisations`, token: await employee(s.nip), body: realisationBody }))),
        appends: { table: events, stream: (s) => realisationStream(skpOf(s.nip), period), type: 'RealisationRecorded' },
      },
    ]);
    const workPlanning = localHost({
      app: service.app,
      databaseUrl: service.databaseUrl,
      keys: service.issuer.keySet(),
      routes: [...reads, ...commands].map((x) => x.route),
      caughtUp: service.caughtUp,
      poolSize: POOL_SIZE,
    });
    try {
      await measure(workPlanning, reads, commands);
    } finally {
      await workPlanning.close();
    }

    // ---- evaluation: what the pejabat penilai reads, and the rating ----
    const t1 = Date.now();
    log(`evaluation: starting its own process on the bench database (load ${load()})`);
    const evaluation = await forkHost(EVALUATION_HOST, { DATABASE_URL: service.databaseUrl, AUTH_LOCAL_KEY_DIR: service.keyDir, DB_POOL_SIZE: String(POOL_SIZE) });
    try {
      const call = callerOf(evaluation.base);
      const agencies = [...new Set(staff.map((s) => s.agencyId))];
      for (const a of agencies)
        await call('POST', `/agencies/${a}/evaluation-calendars`, await token('ADMIN_OPD', `admin.${a}`, a), { year, cadence: 'SEMESTER', fillDeadlines: { S1: `${year}-12-31` } });
      const last = staff[staff.length - 1];
      await waitUntil(
        () => call('GET', `/organisation/agencies/${last.agencyId}/employees/${last.nip}/reporting-chain?date=${today}`, city, undefined, [200, 404]),
        (chain) => chain?.pejabatPenilaiId === last.kasi,
        // Evaluation reads the whole city's events first: at 20,000 employees that takes minutes.
        { what: `evaluation's copy of the organisation (the pejabat penilai of ${last.nip})`, everyMs: 500, stallMs: 30 * 60_000 },
      );
      await evaluation.caughtUp();
      log(`evaluation: the organisation and the realisations consumed from work-planning's events, ${agencies.length} calendars: ${seconds(Date.now() - t1)} s`);

      const periodOf = (s: StaffSkp) => `${s.agencyId}:${year}:S1`;
      const rater = (s: StaffSkp) => token('SUPERVISOR', s.kasi, s.agencyId);
      const ratingInputs = (s: StaffSkp): Inputs => ({ periodId: periodOf(s), nip: s.nip, kasi: s.kasi, unitId: s.unitId, agencyId: s.agencyId });
      const ratings = ['DI_ATAS', 'SESUAI', 'SESUAI', 'DI_BAWAH'];
      const ratingOf = (i: number) => ({ ratingHasil: ratings[i % ratings.length], ratingPerilaku: 'SESUAI', justification: 'Evaluasi periodik semester 1: realisasi dan bukti dukung telah diperiksa.' });
      const contextPath = (s: StaffSkp) => `/periods/${periodOf(s)}/employees/${s.nip}/evaluation-context`;
      const ratingPath = (s: StaffSkp) => `/periods/${periodOf(s)}/employees/${s.nip}/evaluation`;
      // The routes are the host's (http-host.ts); the inputs the path does not carry come from this table.
      const table = Object.fromEntries(staff.map((s) => [s.nip, { kasi: s.kasi, unitId: s.unitId, agencyId: s.agencyId }]));
      await measure(
        evaluation,
        [
          {
            name: 'context',
            capture: async () => get(contextPath(templateSkp), await rater(templateSkp), ratingInputs(templateSkp)),
            requests: () => perStaff(REQUESTS, async (s) => ({ method: 'GET', path: contextPath(s), token: await rater(s) })),
          },
        ],
        [
          {
            name: 'rate',
            capture: async () => ({ request: { method: 'POST', path: ratingPath(templateSkp), token: await rater(templateSkp), body: ratingOf(0) }, inputs: ratingInputs(templateSkp) }),
            requests: async (targets) => Promise.all(targets.map(async (s, i) => ({ method: 'POST', path: ratingPath(s), token: await rater(s), body: ratingOf(i + 1) }))),
            appends: { table: 'evaluation_events.events', stream: (s) => `evaluation-${periodOf(s)}:${s.nip}`, type: 'EvaluationSubmitted' },
          },
        ],
        table,
      );
    } finally {
      await evaluation.close();
    }

    log(`load ${load()}`);
    log('endpoint     ours req/s  p50 ms  p99 ms | floor req/s  p50 ms  p99 ms | ours/floor | CPU ms/request ours (node+pg), floor | quiet-machine rate ours, floor | statements/request ours, floor');
    const cpuMs = (c: CpuUse) => c.nodeMs + c.pgMs;
    const quietRate = (c: CpuUse) => ((cpus().length * 1000) / cpuMs(c)).toFixed(0);
    for (const r of rows)
      log(
        `${r.name.padEnd(12)} ${r.ours.rate.toFixed(0).padStart(10)} ${r.ours.p50.toFixed(1).padStart(7)} ${r.ours.p99.toFixed(1).padStart(7)} | ` +
          `${r.floor.rate.toFixed(0).padStart(11)} ${r.floor.p50.toFixed(1).padStart(7)} ${r.floor.p99.toFixed(1).padStart(7)} | ${(r.ours.rate / r.floor.rate).toFixed(2).padStart(10)} | ` +
          `${`${cpuMs(r.oursCpu).toFixed(1)} (${r.oursCpu.nodeMs.toFixed(1)}+${r.oursCpu.pgMs.toFixed(1)}), ${cpuMs(r.floorCpu).toFixed(1)}`.padStart(37)} | ${quietRate(r.oursCpu).padStart(9)}, ${quietRate(r.floorCpu).padEnd(5)} | ${r.oursStatements.toFixed(1).padStart(9)}, ${r.floorStatements.toFixed(1)}`,
      );
    log(`RESULT employees=${employees.length} ${rows.map((r) => `${r.name}=${r.ours.rate.toFixed(0)}/${r.floor.rate.toFixed(0)}`).join(' ')}`);
    if (rows.some((r) => r.ours.failed || r.floor.failed)) throw new Error('some requests failed (see above)');
  } finally {
    await service.close();
  }
}

runBench(main);
