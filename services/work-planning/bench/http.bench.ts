/**
 * HTTP benchmark (issue 20 §1): the service's real endpoints over HTTP with a bearer token, against
 * a floor measured in the same run: a bare `node:http` + `pg` server that checks the same bearer
 * token (the platform's own JWT verifier, the same key) and runs the very same SQL as the endpoint.
 *
 *   npm run bench -- http [--employees 20000] [--requests 3000] [--concurrency 16] [--skp-agencies 4]
 *                         [--profile <dir>] [--show-sql] [--explain]
 *
 * Setup (bench/setup.ts, shared with work-planning.bench.ts): the organisation imported by CSV, the
 * SKP cascade of the first agencies approved and their staff SKPs submitted.
 *
 * How the floor gets the endpoint's SQL: every `pg` query of this process passes through
 * `Client.prototype.query`, wrapped here; a request carrying the header `x-bench-capture` runs in an
 * AsyncLocalStorage context, so the wrapper records the statements (text and parameters, in order)
 * that this request issued: the guards' look-ups, the event store's reads and append, the read
 * models' queries. For each endpoint one request is captured; the statements become a template in
 * which the request's inputs (NIP, SKP id, date, search text, agency) and the event ids (UUIDs) are
 * placeholders. The floor fills the template with its own request's inputs and sends all statements
 * on one pooled connection, one after the other (ours runs some of them in parallel on two). `--show-sql` prints the captured templates. The projection runner's and relay's
 * statements run outside any request context and are not captured; for commands the floor neither
 * waits for the read models (ours does: read-your-writes) nor folds streams or decides.
 * `--explain` prints the execution time of each captured read statement (EXPLAIN ANALYZE).
 *
 * Commands write: the submitted staff SKPs are split, every other one approved by ours and the
 * rest by the floor (whose replayed append_batch appends the same events, with fresh ids, on its
 * own SKPs' streams; counted afterwards), so neither meets the other's writes. Realisations then go
 * to the SKPs each side approved. Rating (evaluation service) is not measured here.
 *
 * The load generator runs in a worker thread (its own event loop) with keep-alive connections;
 * the servers share the main thread, as the service does in production (one process per service).
 *
 * Each side's CPU per request is measured too (bench/cpu.ts, from /proc): the main thread's and
 * that of the PostgreSQL backends of the bench database, for commands until the read models and
 * the relay have caught up. Unlike requests per second it hardly depends on what else the machine
 * runs; cores / CPU per request is the rate a quiet machine would reach (network stack and load
 * generator aside).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { Session } from 'node:inspector/promises';
import { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Client, Pool } from 'pg';
import { DataSource } from 'typeorm';
import { createJwtVerifier, LOCAL_AUDIENCE, LOCAL_ISSUER } from '@kinerja/platform';
import { realisationStream } from '../src/realisations/realisation.events';
import { skpStream } from '../src/skps/skp.events';
import { CpuMeter, CpuUse, showCpu } from './cpu';
import { BenchService, loadOrganisation, percentile, prepareStaffSkps, seconds, skpIdOf, StaffSkp, startBenchService } from './setup';
import { runBench } from '@kinerja/testing';

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

const log = (message: string) => process.stdout.write(`[http bench] ${message}\n`);
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

// ---------------------------------------------------------------------------------------------
// capturing the SQL of a request

interface Statement {
  text: string;
  name?: string;
  values: unknown[];
}
const capture = new AsyncLocalStorage<Statement[]>();
const CAPTURE_HEADER = 'x-bench-capture';

function installCapture(server: Server): void {
  const original = Client.prototype.query as (...args: any[]) => any;
  (Client.prototype as any).query = function (this: Client, ...args: any[]) {
    const into = capture.getStore();
    if (into) {
      const [first, second] = args;
      if (typeof first === 'string') into.push({ text: first, values: Array.isArray(second) ? second : [] });
      else if (first && typeof first.text === 'string') into.push({ text: first.text, name: first.name, values: first.values ?? (Array.isArray(second) ? second : []) });
    }
    return original.apply(this, args);
  };
  // The requests that ask for it run in a capture context, whatever the framework does after.
  const listeners = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const store = req.headers[CAPTURE_HEADER] ? captured.get(String(req.headers[CAPTURE_HEADER])) : undefined;
    const run = () => listeners.forEach((l) => l.call(server, req, res));
    if (store) capture.run(store, run);
    else run();
  });
}
const captured = new Map<string, Statement[]>();

/** Request inputs (name → value) that become placeholders in a captured template. */
type Inputs = Record<string, string>;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** The captured statements with the inputs' values replaced by ⟦name⟧ (longest value first) and UUIDs by ⟦uuid:n⟧. */
function toTemplate(statements: Statement[], inputs: Inputs): Statement[] {
  const names = Object.keys(inputs).sort((a, b) => inputs[b].length - inputs[a].length);
  const uuids = new Map<string, number>();
  const str = (s: string) => {
    let out = s.replace(UUID, (u) => {
      if (!uuids.has(u)) uuids.set(u, uuids.size);
      return `⟦uuid:${uuids.get(u)}⟧`;
    });
    for (const n of names) out = out.split(inputs[n]).join(`⟦${n}⟧`);
    return out;
  };
  const value = (v: unknown): unknown => (typeof v === 'string' ? str(v) : Array.isArray(v) ? v.map(value) : v);
  return statements.map((s) => ({ ...s, text: str(s.text), values: s.values.map(value) }));
}

/** The template with this request's inputs and fresh UUIDs. */
function fill(template: Statement[], inputs: Inputs): Statement[] {
  const uuids = new Map<string, string>();
  const str = (s: string) =>
    s.includes('⟦')
      ? s.replace(/⟦([^⟧]+)⟧/g, (_, n: string) => {
          if (n.startsWith('uuid:')) {
            if (!uuids.has(n)) uuids.set(n, randomUUID());
            return uuids.get(n)!;
          }
          return inputs[n];
        })
      : s;
  const value = (v: unknown): unknown => (typeof v === 'string' ? str(v) : Array.isArray(v) ? v.map(value) : v);
  return template.map((s) => ({ ...s, text: str(s.text), values: s.values.map(value) }));
}

// ---------------------------------------------------------------------------------------------
// the floor: node:http + pg, the same token check, the endpoint's statements

interface Route {
  name: string;
  method: string;
  pattern: RegExp;
  /** Inputs from the path's groups, the query string and the body. */
  inputs(match: RegExpExecArray, url: URL, body: any): Inputs;
}

async function startFloor(service: BenchService, routes: Route[], templates: Map<string, Statement[]>): Promise<{ base: string; close(): Promise<void> }> {
  const verifier = createJwtVerifier({ keys: service.issuer.keySet(), issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE });
  const db = new Pool({ connectionString: service.databaseUrl, max: POOL_SIZE, options: sessionOptions(service) });
  const send = (res: ServerResponse, status: number, body: unknown) => {
    const json = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
    res.end(json);
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://floor');
        const route = routes.find((r) => r.method === req.method && r.pattern.test(url.pathname));
        if (!route) return send(res, 404, { code: 'NOT_FOUND' });
        const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
        if (!match) return send(res, 401, { code: 'TOKEN_MISSING' });
        try {
          await verifier.verify(match[1]);
        } catch {
          return send(res, 401, { code: 'TOKEN_INVALID' });
        }
        const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
        const statements = fill(templates.get(route.name)!, route.inputs(route.pattern.exec(url.pathname)!, url, body));
        const client = await db.connect();
        try {
          let rows: unknown[] = [];
          for (const s of statements) rows = (await client.query({ text: s.text, values: s.values, ...(s.name ? { name: s.name } : {}) })).rows;
          client.release();
          send(res, 200, rows);
        } catch (error) {
          client.release();
          send(res, 500, { code: 'FLOOR_SQL_FAILED', message: (error as Error).message });
        }
      })().catch((error: Error) => send(res, 500, { message: error.message }));
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await db.end();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// the load generator (a worker thread, plain JavaScript)

interface LoadRequest {
  method: string;
  path: string;
  token: string;
  body?: unknown;
}
interface LoadResult {
  ms: number;
  latencies: number[];
  statuses: Record<string, number>;
  firstError?: string;
}

const LOAD_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { base, requests, concurrency, expected } = workerData;
const url = new URL(base);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const latencies = [];
const statuses = {};
let firstError;
function one(r) {
  return new Promise((resolve) => {
    const body = r.body === undefined ? undefined : JSON.stringify(r.body);
    const start = performance.now();
    const req = http.request({ host: url.hostname, port: url.port, method: r.method, path: r.path, agent,
      headers: { authorization: 'Bearer ' + r.token, ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}) } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        latencies.push(performance.now() - start);
        statuses[res.statusCode] = (statuses[res.statusCode] || 0) + 1;
        if (!expected.includes(res.statusCode) && !firstError) firstError = r.method + ' ' + r.path + ': ' + res.statusCode + ' ' + Buffer.concat(chunks).toString().slice(0, 300);
        resolve();
      });
    });
    req.on('error', (e) => { statuses.error = (statuses.error || 0) + 1; firstError = firstError || e.message; resolve(); });
    if (body) req.write(body);
    req.end();
  });
}
(async () => {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, requests.length) }, async () => {
    while (next < requests.length) await one(requests[next++]);
  }));
  const ms = performance.now() - t0;
  agent.destroy();
  parentPort.postMessage({ ms, latencies, statuses, firstError });
})();
`;

function runLoad(base: string, requests: LoadRequest[], concurrency: number, expected: number[] = [200, 201]): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(LOAD_WORKER, { eval: true, workerData: { base, requests, concurrency, expected } });
    worker.once('message', (m: LoadResult) => {
      void worker.terminate();
      resolve(m);
    });
    worker.once('error', reject);
  });
}

interface Figure {
  rate: number;
  p50: number;
  p99: number;
  n: number;
  failed: number;
  firstError?: string;
}

function figure(result: LoadResult, expected: number[] = [200, 201]): Figure {
  const sorted = [...result.latencies].sort((a, b) => a - b);
  const failed = Object.entries(result.statuses)
    .filter(([s]) => !expected.includes(Number(s)))
    .reduce((n, [, c]) => n + c, 0);
  return { rate: (sorted.length / result.ms) * 1000, p50: percentile(sorted, 50), p99: percentile(sorted, 99), n: sorted.length, failed, firstError: result.firstError };
}

const show = (f: Figure) => `${f.rate.toFixed(0)}/s p50 ${f.p50.toFixed(1)} ms p99 ${f.p99.toFixed(1)} ms${f.failed ? ` (${f.failed}/${f.n} FAILED, first: ${f.firstError})` : ''}`;

// ---------------------------------------------------------------------------------------------

/** The session settings of the service's read-model connections (libs/projections/src/data-source.ts: search_path, jit). */
function sessionOptions(service: BenchService): string {
  return (service.app.get(DataSource).options as { extra: { options: string } }).extra.options;
}

/** Each read statement's plan time and execution time as PostgreSQL measures it (EXPLAIN ANALYZE). */
async function explain(service: BenchService, name: string, statements: Statement[]): Promise<void> {
  const db = new Client({ connectionString: service.databaseUrl, options: sessionOptions(service) });
  await db.connect();
  try {
    for (const s of statements) {
      const sql = s.text.trim();
      if (!/^(SELECT|WITH)\b/i.test(sql) || /append_batch/.test(sql)) continue;
      const [{ 'QUERY PLAN': [plan] }] = (await db.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, s.values)).rows;
      log(`  ${name}: ${plan['Execution Time'].toFixed(2)} ms (plan ${plan['Planning Time'].toFixed(2)} ms) ${sql.replace(/\s+/g, ' ').slice(0, 110)}`);
    }
  } finally {
    await db.end();
  }
}

async function profiled<T>(label: string, work: () => Promise<T>): Promise<T> {
  if (!PROFILE_DIR) return work();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    mkdirSync(PROFILE_DIR, { recursive: true });
    writeFileSync(join(PROFILE_DIR, `${label}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}

async function main(): Promise<void> {
  const service = await startBenchService('kinerja_bench_http');
  const { app, token } = service;
  installCapture(app.getHttpServer());
  const rows: { name: string; ours: Figure; floor: Figure; oursCpu: CpuUse; floorCpu: CpuUse }[] = [];
  try {
    // Through PostgreSQL's Unix socket (a host that is a directory: postgresql://postgres@%2Fvar%2Frun%2Fpostgresql/postgres)
    // every query costs both sides less CPU than through TCP on 127.0.0.1 (bench/cpu.ts shows by how much).
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
    const templates = new Map<string, Statement[]>();
    let captures = 0;
    const captureOnce = async (name: string, method: string, path: string, auth: string, body: unknown, inputs: Inputs) => {
      const id = String(++captures);
      const statements: Statement[] = [];
      captured.set(id, statements);
      const res = await fetch(`${service.base}${path}`, {
        method,
        headers: { authorization: `Bearer ${auth}`, [CAPTURE_HEADER]: id, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (res.status >= 300) throw new Error(`capture ${name}: ${res.status} ${(await res.text()).slice(0, 300)}`);
      await res.arrayBuffer();
      captured.delete(id);
      templates.set(name, toTemplate(statements, inputs));
      if (EXPLAIN) await explain(service, name, statements);
      if (SHOW_SQL) {
        log(`${name}: ${statements.length} statements`);
        for (const s of templates.get(name)!) log(`  ${s.text.replace(/\s+/g, ' ').slice(0, 200)}  ${JSON.stringify(s.values).slice(0, 300)}`);
      } else {
        log(`${name}: the endpoint issued ${statements.length} statements`);
      }
    };

    // ---- reads ----
    const [templateSkp, ...measuredStaff] = staff;
    const skpOf = (nip: string) => skpIdOf(nip, year);
    const dateOf = (i: number) => (i % 2 === 0 ? today : `202${4 + (i % 2)}-0${1 + (i % 9)}-15`);
    const lastNames = [...new Set(employees.map((e) => e.name.split(/[ ,]+/)[1]).filter(Boolean))];
    const reads: { route: Route; capture: () => Promise<void>; requests: () => Promise<LoadRequest[]> }[] = [
      {
        route: {
          name: 'supervisor',
          method: 'GET',
          pattern: /^\/employees\/([^/]+)\/supervisor$/,
          inputs: (m, url) => ({ nip: m[1], date: url.searchParams.get('date')! }),
        },
        capture: () => {
          const e = employees[1];
          return captureOnce('supervisor', 'GET', `/employees/${e.nip}/supervisor?date=${today}`, auditor, undefined, { nip: e.nip, date: today });
        },
        requests: async () => Array.from({ length: REQUESTS }, (_, i) => ({ method: 'GET', path: `/employees/${employees[(i * 7919) % employees.length].nip}/supervisor?date=${dateOf(i)}`, token: auditor })),
      },
      {
        route: { name: 'skp', method: 'GET', pattern: /^\/skps\/(([0-9]+)-[0-9]{4}-01-01)$/, inputs: (m) => ({ skpId: m[1], nip: m[2] }) },
        capture: async () => captureOnce('skp', 'GET', `/skps/${skpOf(templateSkp.nip)}`, await employee(templateSkp.nip), undefined, { skpId: skpOf(templateSkp.nip), nip: templateSkp.nip }),
        requests: async () =>
          Promise.all(
            Array.from({ length: REQUESTS }, async (_, i) => {
              const s = measuredStaff[(i * 7919) % measuredStaff.length];
              return { method: 'GET', path: `/skps/${skpOf(s.nip)}`, token: await employee(s.nip) };
            }),
          ),
      },
      {
        route: { name: 'team', method: 'GET', pattern: /^\/supervisors\/([^/]+)\/team$/, inputs: (m) => ({ nip: m[1], date: today }) },
        capture: async () => captureOnce('team', 'GET', `/supervisors/${templateSkp.kasi}/team`, await employee(templateSkp.kasi), undefined, { nip: templateSkp.kasi, date: today }),
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
        capture: () => captureOnce('search', 'GET', `/employees?q=${encodeURIComponent(lastNames[0])}&limit=20`, city, undefined, { q: lastNames[0], date: today }),
        requests: async () =>
          Array.from({ length: REQUESTS }, (_, i) => ({ method: 'GET', path: `/employees?q=${encodeURIComponent(lastNames[i % lastNames.length])}&limit=20`, token: city })),
      },
      {
        // The city dashboard's SKP completion: every agency of the city in one answer.
        route: { name: 'completion', method: 'GET', pattern: /^\/skp-completion$/, inputs: () => ({}) },
        capture: () => captureOnce('completion', 'GET', `/skp-completion?year=${year}`, city, undefined, {}),
        // A tenth as many: each answer counts the whole city.
        requests: async () => Array.from({ length: Math.ceil(REQUESTS / 10) }, () => ({ method: 'GET', path: `/skp-completion?year=${year}`, token: city })),
      },
    ];

    // ---- commands ----
    // staff[0] is the template of both commands; the others alternate between ours and the floor.
    const oursStaff = measuredStaff.filter((_, i) => i % 2 === 0);
    const floorStaff = measuredStaff.filter((_, i) => i % 2 === 1);
    const period = `${year}-S1`;
    const realisationBody = { periodId: period, ikiId: 'I1', value: 5, occurredOn: `${year}-03-02` };
    const commandInputs = (s: StaffSkp): Inputs => ({ skpId: skpOf(s.nip), kasi: s.kasi, nip: s.nip, agencyId: s.agencyId, date: today });
    const staffByNip = new Map(staff.map((s) => [s.nip, s]));
    const commands: { route: Route; capture: () => Promise<void>; requests: (targets: StaffSkp[]) => Promise<LoadRequest[]>; stream(s: StaffSkp): string }[] = [
      {
        route: {
          name: 'approve',
          method: 'POST',
          pattern: /^\/skps\/(([0-9]+)-[0-9]{4}-01-01)\/approve$/,
          inputs: (m) => commandInputs(staffByNip.get(m[2])!),
        },
        capture: async () => captureOnce('approve', 'POST', `/skps/${skpOf(templateSkp.nip)}/approve`, await employee(templateSkp.kasi), undefined, commandInputs(templateSkp)),
        requests: async (targets) => Promise.all(targets.map(async (s) => ({ method: 'POST', path: `/skps/${skpOf(s.nip)}/approve`, token: await employee(s.kasi) }))),
        stream: (s) => skpStream(skpOf(s.nip)),
      },
      {
        route: {
          name: 'realise',
          method: 'POST',
          pattern: /^\/skps\/(([0-9]+)-[0-9]{4}-01-01)\/realisations$/,
          inputs: (m) => commandInputs(staffByNip.get(m[2])!),
        },
        capture: async () =>
          captureOnce('realise', 'POST', `/skps/${skpOf(templateSkp.nip)}/realisations`, await employee(templateSkp.nip), realisationBody, commandInputs(templateSkp)),
        requests: async (targets) =>
          Promise.all(targets.map(async (s) => ({ method: 'POST', path: `/skps/${skpOf(s.nip)}/realisations`, token: await employee(s.nip), body: realisationBody }))),
        stream: (s) => realisationStream(skpOf(s.nip), period),
      },
    ];

    for (const r of reads) await r.capture();
    // Capture approve before realise: the template SKP must be approved to take a realisation.
    for (const c of commands) await c.capture();
    await service.caughtUp();
    const floor = await startFloor(service, [...reads.map((r) => r.route), ...commands.map((c) => c.route)], templates);
    const db = new Client({ connectionString: service.databaseUrl });
    await db.connect();
    const meter = new CpuMeter(db);
    try {
      for (const r of reads) {
        const requests = await r.requests();
        const warm = requests.slice(0, Math.min(300, requests.length));
        await runLoad(floor.base, warm, CONCURRENCY);
        await runLoad(service.base, warm, CONCURRENCY);
        log(`${r.route.name}: measuring (load ${load()})`);
        const f = await meter.measure(() => profiled(`${r.route.name}-floor`, () => runLoad(floor.base, requests, CONCURRENCY)), requests.length);
        const o = await meter.measure(() => profiled(`${r.route.name}-ours`, () => runLoad(service.base, requests, CONCURRENCY)), requests.length);
        const row = { name: r.route.name, ours: figure(o.result), floor: figure(f.result), oursCpu: o.cpu, floorCpu: f.cpu };
        rows.push(row);
        log(`${r.route.name}: ours ${show(row.ours)}; floor ${show(row.floor)}; ours/floor ${(row.ours.rate / row.floor.rate).toFixed(2)}`);
        log(`${r.route.name}: ours ${showCpu(o.cpu)}; floor ${showCpu(f.cpu)}`);
      }
      {
        for (const c of commands) {
          log(`${c.route.name}: measuring (load ${load()}) on ${oursStaff.length} SKPs (ours) and ${floorStaff.length} (floor)`);
          // CPU until the read models and the relay have caught up with the writes: their work is the command's too.
          const [floorRequests, oursRequests] = [await c.requests(floorStaff), await c.requests(oursStaff)];
          const until = async (run: () => Promise<LoadResult>) => {
            const result = await run();
            await service.caughtUp();
            return result;
          };
          const fm = await meter.measure(() => until(() => profiled(`${c.route.name}-floor`, () => runLoad(floor.base, floorRequests, CONCURRENCY))), floorRequests.length);
          const om = await meter.measure(() => until(() => profiled(`${c.route.name}-ours`, () => runLoad(service.base, oursRequests, CONCURRENCY))), oursRequests.length);
          const [f, o] = [figure(fm.result), figure(om.result)];
          // Both sides must have appended on every stream they were given.
          const appended = async (targets: StaffSkp[]) =>
            (
              await db.query(
                `SELECT count(DISTINCT stream)::int AS n FROM work_planning_events.events WHERE stream = ANY($1) AND recorded_at > now() - interval '10 minutes' AND type = ANY($2)`,
                [targets.map(c.stream), c.route.name === 'approve' ? ['SkpApproved'] : ['RealisationRecorded']],
              )
            ).rows[0].n as number;
          const [nf, no] = [await appended(floorStaff), await appended(oursStaff)];
          log(`${c.route.name}: events appended on ${no}/${oursStaff.length} streams by ours, ${nf}/${floorStaff.length} by the floor`);
          rows.push({ name: c.route.name, ours: o, floor: f, oursCpu: om.cpu, floorCpu: fm.cpu });
          log(`${c.route.name}: ours ${show(o)}; floor ${show(f)}; ours/floor ${(o.rate / f.rate).toFixed(2)}`);
          log(`${c.route.name}: ours ${showCpu(om.cpu)}; floor ${showCpu(fm.cpu)}`);
        }
      }
    } finally {
      await db.end();
      await floor.close();
    }
    log(`load ${load()}`);
    log('endpoint     ours req/s  p50 ms  p99 ms | floor req/s  p50 ms  p99 ms | ours/floor | CPU ms/request ours (node+pg), floor | quiet-machine rate ours, floor');
    const cpuMs = (c: CpuUse) => c.nodeMs + c.pgMs;
    const quietRate = (c: CpuUse) => ((cpus().length * 1000) / cpuMs(c)).toFixed(0);
    for (const r of rows)
      log(
        `${r.name.padEnd(12)} ${r.ours.rate.toFixed(0).padStart(10)} ${r.ours.p50.toFixed(1).padStart(7)} ${r.ours.p99.toFixed(1).padStart(7)} | ` +
          `${r.floor.rate.toFixed(0).padStart(11)} ${r.floor.p50.toFixed(1).padStart(7)} ${r.floor.p99.toFixed(1).padStart(7)} | ${(r.ours.rate / r.floor.rate).toFixed(2).padStart(10)} | ` +
          `${`${cpuMs(r.oursCpu).toFixed(1)} (${r.oursCpu.nodeMs.toFixed(1)}+${r.oursCpu.pgMs.toFixed(1)}), ${cpuMs(r.floorCpu).toFixed(1)}`.padStart(37)} | ${quietRate(r.oursCpu).padStart(9)}, ${quietRate(r.floorCpu)}`,
      );
    log('rate (evaluation service): not measured');
    log(`RESULT employees=${employees.length} ${rows.map((r) => `${r.name}=${r.ours.rate.toFixed(0)}/${r.floor.rate.toFixed(0)}`).join(' ')}`);
    if (rows.some((r) => r.ours.failed || r.floor.failed)) throw new Error('some requests failed (see above)');
  } finally {
    await service.close();
  }
}

runBench(main);
