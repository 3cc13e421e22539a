/**
 * The machinery of the HTTP benches (services/work-planning/bench/http.bench.ts): a service's
 * endpoints measured over HTTP against a floor, a bare `node:http` + `pg` server that checks the
 * same bearer token and replays the SQL statements captured from one real request.
 *
 * Capture: every `pg` query of the process passes through `Client.prototype.query`, wrapped here; a
 * request carrying the header `x-bench-capture` runs in an AsyncLocalStorage context, so the wrapper
 * records the statements (text, prepared name, parameters and the sending connection's session
 * settings, in order) that this request issued. They become a template in which the request's inputs
 * and the UUIDs (event ids) are placeholders; the floor fills it with its own request's inputs and
 * fresh UUIDs and sends the statements one after the other, each on a connection with the session
 * settings it was sent with (so a generic-plan statement keeps its generic plan).
 *
 * A service under the bench is a `BenchHost`: in the bench's process (`localHost`), or in a process
 * of its own (`forkHost` in the bench, `serveHost` in the child), its floor in the same process, so
 * that both run on the same kind of main thread. The load generator runs in a worker thread of the
 * bench's process (`runLoad`), with keep-alive connections.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { Session } from 'node:inspector/promises';
import { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { INestApplication } from '@nestjs/common';
import { Client, Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { createJwtVerifier, JwtVerifierOptions, LOCAL_AUDIENCE, LOCAL_ISSUER } from '@kinerja/platform';

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}

// ---------------------------------------------------------------------------------------------
// capturing the SQL of a request

export interface Statement {
  text: string;
  name?: string;
  values: unknown[];
  /**
   * The session settings of the connection that sent it (its pool's `options`): a statement of the
   * service's generic-plan pool runs with `plan_cache_mode = force_generic_plan`, and so must the floor's.
   */
  session?: string;
}
/** Request inputs (name → value) that become placeholders in a captured template. */
export type Inputs = Record<string, string>;

const capture = new AsyncLocalStorage<Statement[]>();
const captured = new Map<string, Statement[]>();
const CAPTURE_HEADER = 'x-bench-capture';
let queryWrapped = false;
/** Statements node-pg has sent from this process since the wrapper was installed (BenchHost.statements). */
let statementsSent = 0;

/** Records the statements of the requests of `server` that carry the capture header. */
function installCapture(server: Server): void {
  if (!queryWrapped) {
    queryWrapped = true;
    const original = Client.prototype.query as (...args: any[]) => any;
    (Client.prototype as any).query = function (this: Client, ...args: any[]) {
      statementsSent++;
      const into = capture.getStore();
      if (into) {
        const [first, second] = args;
        const session = (this as unknown as { connectionParameters?: { options?: string } }).connectionParameters?.options;
        if (typeof first === 'string') into.push({ text: first, values: Array.isArray(second) ? second : [], session });
        else if (first && typeof first.text === 'string') into.push({ text: first.text, name: first.name, values: first.values ?? (Array.isArray(second) ? second : []), session });
      }
      return original.apply(this, args);
    };
  }
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

/** Each read statement's plan time and execution time as PostgreSQL measures it (EXPLAIN ANALYZE). */
async function explain(databaseUrl: string, options: string, name: string, statements: Statement[]): Promise<string[]> {
  const db = new Client({ connectionString: databaseUrl, options });
  await db.connect();
  const lines: string[] = [];
  try {
    for (const s of statements) {
      const sql = s.text.trim();
      if (!/^(SELECT|WITH)\b/i.test(sql) || /append_batch/.test(sql)) continue;
      const [{ 'QUERY PLAN': [plan] }] = (await db.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, s.values)).rows;
      lines.push(`  ${name}: ${plan['Execution Time'].toFixed(2)} ms (plan ${plan['Planning Time'].toFixed(2)} ms) ${sql.replace(/\s+/g, ' ').slice(0, 110)}`);
    }
  } finally {
    await db.end();
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------
// the floor: node:http + pg, the same token check, the endpoint's statements

/** Lookups a host's floor is handed when it starts (e.g. an employee's pejabat penilai and unit by NIP). */
export type InputTable = Record<string, Inputs>;

export interface Route {
  name: string;
  method: string;
  pattern: RegExp;
  /** Inputs from the path's groups, the query string, the body and the table given to `startFloor`. */
  inputs(match: RegExpExecArray, url: URL, body: any, table: InputTable): Inputs;
}

interface FloorOptions {
  databaseUrl: string;
  /** The session settings of the service's read-model connections (search_path, jit). */
  sessionOptions: string;
  keys: JwtVerifierOptions['keys'];
  poolSize: number;
}

async function startFloor(
  options: FloorOptions,
  routes: Route[],
  templates: Map<string, Statement[]>,
  table: InputTable,
): Promise<{ base: string; close(): Promise<void> }> {
  const verifier = createJwtVerifier({ keys: options.keys, issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE });
  // One pool per session the endpoint's statements were sent in (the read models', the generic-plan
  // pool's, the event store's): each statement runs as the endpoint ran it, prepared plans included.
  const pools = new Map<string, Pool>();
  const poolFor = (session: string | undefined) => {
    const key = session ?? options.sessionOptions;
    let pool = pools.get(key);
    if (!pool) pools.set(key, (pool = new Pool({ connectionString: options.databaseUrl, max: options.poolSize, options: key })));
    return pool;
  };
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
        const route = routes.find((r) => r.method === req.method && r.pattern.test(url.pathname) && templates.has(r.name));
        if (!route) return send(res, 404, { code: 'NOT_FOUND' });
        const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
        if (!match) return send(res, 401, { code: 'TOKEN_MISSING' });
        try {
          await verifier.verify(match[1]);
        } catch {
          return send(res, 401, { code: 'TOKEN_INVALID' });
        }
        const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
        const statements = fill(templates.get(route.name)!, route.inputs(route.pattern.exec(url.pathname)!, url, body, table));
        const clients = new Map<Pool, PoolClient>();
        try {
          let rows: unknown[] = [];
          for (const s of statements) {
            const pool = poolFor(s.session);
            let client = clients.get(pool);
            if (!client) clients.set(pool, (client = await pool.connect()));
            rows = (await client.query({ text: s.text, values: s.values, ...(s.name ? { name: s.name } : {}) })).rows;
          }
          send(res, 200, rows);
        } catch (error) {
          send(res, 500, { code: 'FLOOR_SQL_FAILED', message: (error as Error).message });
        } finally {
          for (const client of clients.values()) client.release();
        }
      })().catch((error: Error) => send(res, 500, { message: error.message }));
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await Promise.all([...pools.values()].map((pool) => pool.end()));
    },
  };
}

// ---------------------------------------------------------------------------------------------
// a service under the bench

export interface CaptureRequest {
  method: string;
  path: string;
  token: string;
  body?: unknown;
}

export interface CaptureOptions {
  /** Return the captured template's statements. */
  showSql?: boolean;
  /** Return each read statement's execution time (EXPLAIN ANALYZE). */
  explain?: boolean;
}

export interface BenchHost {
  /** The service: http://127.0.0.1:port. */
  readonly base: string;
  /** The process whose main thread runs the service and its floor (see CpuMeter). */
  readonly pid: number;
  /**
   * Sends `request` to the service with the capture header; its statements become the template of
   * route `name`, `inputs`' values its placeholders. Returns what to log.
   */
  capture(name: string, request: CaptureRequest, inputs: Inputs, options?: CaptureOptions): Promise<string[]>;
  /** The floor of the routes captured so far (http://127.0.0.1:port); `table` is handed to their `inputs`. */
  startFloor(table?: InputTable): Promise<string>;
  /** Until the service has caught up with its writes (read models, and what else the host waits for). */
  caughtUp(): Promise<void>;
  /**
   * How many statements the host's process has sent to PostgreSQL so far: the service's (requests,
   * projections, relay, consumers), its floor's, and the host's own caught-up checks. Each is a round
   * trip, whose CPU on both sides the bench's profiles show to be a large share of a command's.
   */
  statements(): Promise<number>;
  /** Profiles the host's main thread until `stopProfile`, which writes the .cpuprofile file. */
  startProfile(): Promise<void>;
  stopProfile(file: string): Promise<void>;
  /** Closes the floor; a host of its own process also the service, and ends the process. */
  close(): Promise<void>;
}

export interface LocalHostOptions {
  /** The service, listening on 127.0.0.1. */
  app: INestApplication;
  databaseUrl: string;
  /** The keys the service verifies bearer tokens with (the local issuer's). */
  keys: JwtVerifierOptions['keys'];
  routes: Route[];
  caughtUp(): Promise<void>;
  /** The floor's pool; default 10. */
  poolSize?: number;
  /** Run after the floor is closed. */
  close?(): Promise<void>;
}

/** The service `app` of this process as a bench host. */
export function localHost(options: LocalHostOptions): BenchHost {
  const { app, databaseUrl } = options;
  const server = app.getHttpServer() as Server;
  installCapture(server);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The session settings of the service's read-model connections (libs/projections/src/data-source.ts: search_path, jit).
  const sessionOptions = (app.get(DataSource).options as { extra: { options: string } }).extra.options;
  const templates = new Map<string, Statement[]>();
  let floor: { base: string; close(): Promise<void> } | undefined;
  let session: Session | undefined;
  let captures = 0;
  return {
    base,
    pid: process.pid,
    async capture(name, request, inputs, captureOptions = {}) {
      const id = `${process.pid}-${++captures}`;
      const statements: Statement[] = [];
      captured.set(id, statements);
      try {
        // A read's first request may do one-time work (a read model's catalog look-up for its
        // RowTable) that the floor must not replay on every request: it is asked once uncaptured.
        if (request.method === 'GET') await (await fetch(`${base}${request.path}`, { headers: { authorization: `Bearer ${request.token}` } })).arrayBuffer();
        const res = await fetch(`${base}${request.path}`, {
          method: request.method,
          headers: { authorization: `Bearer ${request.token}`, [CAPTURE_HEADER]: id, ...(request.body === undefined ? {} : { 'content-type': 'application/json' }) },
          body: request.body === undefined ? undefined : JSON.stringify(request.body),
        });
        if (res.status >= 300) throw new Error(`capture ${name}: ${res.status} ${(await res.text()).slice(0, 300)}`);
        await res.arrayBuffer();
      } finally {
        captured.delete(id);
      }
      const template = toTemplate(statements, inputs);
      templates.set(name, template);
      const lines = captureOptions.explain ? await explain(databaseUrl, sessionOptions, name, statements) : [];
      if (!captureOptions.showSql) return [`${name}: the endpoint issued ${statements.length} statements`, ...lines];
      return [
        `${name}: ${statements.length} statements`,
        ...template.map((s) => `  ${s.text.replace(/\s+/g, ' ').slice(0, 200)}  ${JSON.stringify(s.values).slice(0, 300)}`),
        ...lines,
      ];
    },
    async startFloor(table = {}) {
      await floor?.close();
      floor = await startFloor({ databaseUrl, sessionOptions, keys: options.keys, poolSize: options.poolSize ?? 10 }, options.routes, templates, table);
      return floor.base;
    },
    caughtUp: () => options.caughtUp(),
    statements: async () => statementsSent,
    async startProfile() {
      session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 200 });
      await session.post('Profiler.start');
    },
    async stopProfile(file) {
      if (!session) return;
      const { profile } = await session.post('Profiler.stop');
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
      session = undefined;
    },
    async close() {
      await floor?.close();
      floor = undefined;
      await options.close?.();
    },
  };
}

/** `work` with the host's main thread profiled into `<dir>/<label>.cpuprofile` when `dir` is given. */
export async function profiled<T>(host: BenchHost, dir: string | undefined, label: string, work: () => Promise<T>): Promise<T> {
  if (!dir) return work();
  await host.startProfile();
  try {
    return await work();
  } finally {
    await host.stopProfile(join(dir, `${label}.cpuprofile`));
  }
}

// ---------------------------------------------------------------------------------------------
// a host in a process of its own: the bench forks it (forkHost), the child serves it (serveHost)

type HostCall = { id: number; op: 'capture' | 'startFloor' | 'caughtUp' | 'statements' | 'startProfile' | 'stopProfile' | 'close'; args: unknown[] };
type HostReply = { ready: { base: string } } | { id: number; result?: unknown; error?: string };

/**
 * In a process forked by `forkHost`: boots the host and answers the bench's calls over the IPC
 * channel until `close`, or until the bench goes away.
 */
export function serveHost(boot: () => Promise<BenchHost>): void {
  const send = (reply: HostReply) => new Promise<void>((resolve) => process.send!(reply, undefined, undefined, () => resolve()));
  boot().then(
    (host) => {
      let closing: Promise<void> | undefined;
      const close = () => (closing ??= host.close());
      process.on('message', (call: HostCall) => {
        void (async () => {
          try {
            const result = await (call.op === 'close' ? close() : (host[call.op] as (...args: unknown[]) => Promise<unknown>)(...call.args));
            await send({ id: call.id, result });
          } catch (error) {
            await send({ id: call.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
          }
          if (call.op === 'close') process.exit(0);
        })();
      });
      process.once('disconnect', () => void close().finally(() => process.exit(0)));
      void send({ ready: { base: host.base } });
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}

/**
 * The host that `file` serves (`serveHost`) in a child process of this one, run as this one is
 * (`node -r @swc-node/register`), with `env` on top of this process's environment.
 */
export async function forkHost(file: string, env: Record<string, string>): Promise<BenchHost> {
  const child = fork(file, [], { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let exited: string | undefined;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = `${file} exited (${signal ?? code})`;
      for (const p of pending.values()) p.reject(new Error(exited));
      pending.clear();
      resolve();
    }),
  );
  const ready = new Promise<string>((resolve, reject) => {
    child.on('message', (reply: HostReply) => {
      if ('ready' in reply) return resolve(reply.ready.base);
      const p = pending.get(reply.id);
      pending.delete(reply.id);
      if (reply.error !== undefined) p?.reject(new Error(`${file}: ${reply.error}`));
      else p?.resolve(reply.result);
    });
    void exit.then(() => reject(new Error(exited)));
  });
  const base = await ready;
  let next = 0;
  const call = <T>(op: HostCall['op'], ...args: unknown[]) =>
    new Promise<T>((resolve, reject) => {
      if (exited) return reject(new Error(exited));
      const id = ++next;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ id, op, args } satisfies HostCall);
    });
  return {
    base,
    pid: child.pid!,
    capture: (...args) => call('capture', ...args),
    startFloor: (...args) => call('startFloor', ...args),
    caughtUp: () => call('caughtUp'),
    statements: () => call('statements'),
    startProfile: () => call('startProfile'),
    stopProfile: (file) => call('stopProfile', file),
    async close() {
      if (!exited) await call('close').catch(() => undefined);
      await exit;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// the load generator (a worker thread, plain JavaScript)

export interface LoadRequest {
  method: string;
  path: string;
  token: string;
  body?: unknown;
}
export interface LoadResult {
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

/** The requests sent to `base`, `concurrency` at a time, from a worker thread. */
export function runLoad(base: string, requests: LoadRequest[], concurrency: number, expected: number[] = [200, 201]): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(LOAD_WORKER, { eval: true, workerData: { base, requests, concurrency, expected } });
    worker.once('message', (m: LoadResult) => {
      void worker.terminate();
      resolve(m);
    });
    worker.once('error', reject);
  });
}

export interface Figure {
  rate: number;
  p50: number;
  p99: number;
  n: number;
  failed: number;
  firstError?: string;
}

export function figure(result: LoadResult, expected: number[] = [200, 201]): Figure {
  const sorted = [...result.latencies].sort((a, b) => a - b);
  const failed = Object.entries(result.statuses)
    .filter(([s]) => !expected.includes(Number(s)))
    .reduce((n, [, c]) => n + c, 0);
  return { rate: (sorted.length / result.ms) * 1000, p50: percentile(sorted, 50), p99: percentile(sorted, 99), n: sorted.length, failed, firstError: result.firstError };
}

/** "313/s p50 50.1 ms p99 79.0 ms", and the failures. */
export const showFigure = (f: Figure) =>
  `${f.rate.toFixed(0)}/s p50 ${f.p50.toFixed(1)} ms p99 ${f.p99.toFixed(1)} ms${f.failed ? ` (${f.failed}/${f.n} FAILED, first: ${f.firstError})` : ''}`;
