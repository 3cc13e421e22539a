/**
 * Event store benchmark (issue 2 item 9). One run, one fresh database on the PostgreSQL server of
 * DATABASE_URL (dropped afterwards), three contenders doing the same appends:
 *
 *   ours    createPostgresEventStore (revision check, SHA-256 chain, xid8 checkpoints)
 *   emmett  @event-driven-io/emmett-postgresql getPostgreSQLEventStore
 *   plain   one multi-row INSERT per append into an equivalent table, no hash, no stream row (the floor)
 *
 * Workloads: W writers on distinct streams (a writer moves to a new stream every STREAM_LENGTH
 * events, as aggregates do), W writers on H hot streams (conflicts re-read and retried), and a
 * catch-up read of everything (`readAll` pages of PAGE events; plain: keyset pages of the same size).
 *
 *   SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register libs/event-store/bench/event-store.bench.ts
 *
 * Environment: DATABASE_URL (required), BENCH_EVENTS (events per contender and append workload,
 * default 8000), BENCH_WRITERS (16), BENCH_HOT_STREAMS (4), BENCH_EVENTS_PER_APPEND (1),
 * BENCH_POOL (connections per contender, 10), BENCH_PAGE (1000), BENCH_APPEND_CONCURRENCY (our
 * store's group-commit width; default: the store's), BENCH_ROUNDS (3: each workload
 * runs in rounds, contenders in a rotating order, so that a change in load favours none).
 *
 * Event ids: ours generates UUIDv7 ids (as in production, where callers pass none), emmett its
 * own ids, plain gets UUIDv7 ids from here.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { Client, Pool } from 'pg';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { Checkpoint, createPostgresEventStore, uuidv7, WrongExpectedRevisionError } from '../src';

const env = (name: string, fallback: number) => {
  const value = process.env[name];
  const n = value === undefined || value === '' ? fallback : Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer`);
  return n;
};

const EVENTS = env('BENCH_EVENTS', 8_000);
const WRITERS = env('BENCH_WRITERS', 16);
const HOT_STREAMS = env('BENCH_HOT_STREAMS', 4);
const PER_APPEND = env('BENCH_EVENTS_PER_APPEND', 1);
// Connections per contender: all three pools stay open for the whole run (so that their server
// processes can be measured), and the server's connections are shared with everything else.
const POOL = env('BENCH_POOL', 10);
const PAGE = env('BENCH_PAGE', 1000);
/** Our store's group-commit width (its `appendConcurrency`); unset: the store's default. */
const APPEND_CONCURRENCY = process.env.BENCH_APPEND_CONCURRENCY ? env('BENCH_APPEND_CONCURRENCY', 4) : undefined;
const ROUNDS = env('BENCH_ROUNDS', 3);
const STREAM_LENGTH = 50;
const WARMUP_APPENDS = 200;

interface BenchEvent {
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

/** A realistic small event: a realisation recorded against an SKP indicator (~400 bytes). */
function makeEvents(writer: number, k: number): BenchEvent[] {
  return Array.from({ length: PER_APPEND }, (_, i) => ({
    type: 'RealisationRecorded.v1',
    data: {
      skpId: `skp-${writer}`,
      indicatorId: `ind-${k % 7}`,
      period: '2025-Q2',
      value: (k * 7 + i) % 100,
      unit: 'dokumen',
      note: 'Laporan kegiatan pelayanan terpadu satu pintu, bukti terlampir.',
      evidence: [{ kind: 'url', ref: `https://files.example/${writer}/${k}/${i}` }],
    },
    metadata: {
      actorId: `1987${String(writer).padStart(4, '0')}2010011001`,
      actorRole: 'pegawai',
      agencyId: 'opd-17',
      correlationId: randomUUID(),
      occurredAt: '2025-05-02T08:00:00.000Z',
    },
  }));
}

/** An append that either succeeds (the stream's new revision) or conflicts (actual if known). */
type AppendOutcome = { ok: true; revision: number } | { ok: false; actual: number | null };

interface Contender {
  name: string;
  /** application_name of its connections, to find its server processes. */
  app: string;
  /** expected: -1 for a stream that does not exist yet, else the exact current revision. */
  append(stream: string, events: BenchEvent[], expected: number): Promise<AppendOutcome>;
  currentRevision(stream: string): Promise<number>;
  close(): Promise<void>;
}

const CLOCK_TICKS = (() => {
  try {
    return Number(execSync('getconf CLK_TCK', { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU time (ms) of a local process, from /proc; null when it cannot be read (server elsewhere). */
function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS; // utime + stime
  } catch {
    return null;
  }
}

/**
 * Measures the CPU a contender spends on a run: its PostgreSQL server processes (found by
 * application_name; only when the server runs on this machine) and this process. Unlike events/s,
 * this does not depend on what else the machine is running.
 */
class CpuMeter {
  constructor(
    private readonly admin: Client,
    private readonly db: string,
  ) {}

  private async sample(app: string): Promise<Map<number, number>> {
    const { rows } = await this.admin.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = $1 AND application_name = $2',
      [this.db, app],
    );
    const out = new Map<number, number>();
    for (const { pid } of rows) {
      const ms = processCpuMs(pid);
      if (ms !== null) out.set(pid, ms);
    }
    return out;
  }

  async measure<T extends WorkloadResult>(app: string, run: () => Promise<T>): Promise<T> {
    const before = await this.sample(app);
    const client = process.cpuUsage();
    const result = await run();
    const clientUsage = process.cpuUsage(client);
    const after = await this.sample(app);
    let server = 0;
    for (const [pid, ms] of after) server += ms - (before.get(pid) ?? 0);
    result.clientCpuMs = (clientUsage.user + clientUsage.system) / 1000;
    result.serverCpuMs = after.size > 0 ? server : undefined;
    return result;
  }
}

/** A pool whose idle connections may be terminated (DROP DATABASE ... WITH (FORCE)) without crashing. */
function quiet(pool: Pool): Pool {
  pool.on('error', () => undefined);
  return pool;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

interface WorkloadResult {
  events: number;
  seconds: number;
  eventsPerSecond: number;
  p50: number;
  p99: number;
  conflicts: number;
  /** CPU ms spent on the run: the contender's server processes, and this process. */
  serverCpuMs?: number;
  clientCpuMs?: number;
}

async function distinctStreams(c: Contender, tag: string, total: number, latencies: number[] = []): Promise<WorkloadResult> {
  const appendsPerWriter = Math.ceil(total / WRITERS / PER_APPEND);
  let events = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      let streamIndex = 0;
      let revision = -1;
      for (let k = 0; k < appendsPerWriter; k++) {
        if (revision + PER_APPEND >= STREAM_LENGTH) {
          streamIndex++;
          revision = -1;
        }
        const stream = `${tag}-${w}-${streamIndex}`;
        const t0 = performance.now();
        const outcome = await c.append(stream, makeEvents(w, k), revision);
        latencies.push(performance.now() - t0);
        if (!outcome.ok) throw new Error(`${c.name}: unexpected conflict on ${stream}`);
        revision = outcome.revision;
        events += PER_APPEND;
      }
    }),
  );
  return summarise(events, performance.now() - started, latencies, 0);
}

async function hotStreams(c: Contender, tag: string, total: number, latencies: number[] = []): Promise<WorkloadResult> {
  const appendsPerWriter = Math.ceil(total / WRITERS / PER_APPEND);
  let events = 0;
  let conflicts = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      const stream = `${tag}-hot-${w % HOT_STREAMS}`;
      let expected = await c.currentRevision(stream);
      for (let k = 0; k < appendsPerWriter; k++) {
        const batch = makeEvents(w, k);
        for (let attempt = 0; ; attempt++) {
          if (attempt > 10_000) throw new Error(`${c.name}: writer starved on ${stream}`);
          const t0 = performance.now();
          const outcome = await c.append(stream, batch, expected);
          latencies.push(performance.now() - t0);
          if (outcome.ok) {
            expected = outcome.revision;
            events += PER_APPEND;
            break;
          }
          conflicts++;
          expected = outcome.actual ?? (await c.currentRevision(stream));
        }
      }
    }),
  );
  return summarise(events, performance.now() - started, latencies, conflicts);
}

function summarise(events: number, ms: number, unsorted: number[], conflicts: number): WorkloadResult {
  const latencies = [...unsorted].sort((a, b) => a - b);
  return {
    events,
    seconds: ms / 1000,
    eventsPerSecond: events / (ms / 1000),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    conflicts,
  };
}

async function ours(url: string): Promise<Contender & { catchUp(): Promise<{ events: number; seconds: number }> }> {
  const store = await createPostgresEventStore({ connectionString: url,
    poolSize: POOL,
    appendConcurrency: APPEND_CONCURRENCY,
    idleTimeoutMs: 0, // keep connections between rounds (as the other contenders' pools do)
  });
  return {
    name: 'ours',
    app: 'kinerja-event-store',
    async append(stream, events, expected) {
      try {
        const r = await store.append(stream, events, { expected: expected < 0 ? 'no_stream' : expected });
        return { ok: true, revision: r.nextRevision };
      } catch (error) {
        if (error instanceof WrongExpectedRevisionError) return { ok: false, actual: error.actual };
        throw error;
      }
    },
    async currentRevision(stream) {
      const { rows } = await store.pool.query('SELECT revision FROM event_store.streams WHERE stream = $1', [stream]);
      return rows.length === 0 ? -1 : Number(rows[0].revision);
    },
    async catchUp() {
      const started = performance.now();
      let from: Checkpoint | null = null;
      let events = 0;
      for (;;) {
        const page = await store.readAll({ from, limit: PAGE });
        if (page.events.length === 0) break;
        events += page.events.length;
        from = page.checkpoint;
      }
      return { events, seconds: (performance.now() - started) / 1000 };
    },
    close: () => store.close(),
  };
}

async function emmett(url: string): Promise<Contender> {
  const pool = quiet(new Pool({ connectionString: url, max: POOL, idleTimeoutMillis: 0, application_name: 'bench-emmett' }));
  const store = getPostgreSQLEventStore(url, { connectionOptions: { pool } });
  await store.schema.migrate();
  const lookup = quiet(new Pool({ connectionString: url, max: 2, idleTimeoutMillis: 0 }));
  return {
    name: 'emmett',
    app: 'bench-emmett',
    async append(stream, events, expected) {
      try {
        // Emmett counts versions from 1 (0 = no stream): version = our revision + 1.
        const r = await store.appendToStream(
          stream,
          events.map((e) => ({ type: e.type, data: e.data, metadata: e.metadata })),
          { expectedStreamVersion: BigInt(expected + 1) },
        );
        return { ok: true, revision: Number(r.nextExpectedStreamVersion) - 1 };
      } catch (error) {
        if ((error as Error).name === 'ExpectedVersionConflictError' || (error as { errorCode?: number }).errorCode === 412) {
          return { ok: false, actual: null }; // emmett does not tell the actual version
        }
        throw error;
      }
    },
    async currentRevision(stream) {
      const { rows } = await lookup.query(
        'SELECT max(stream_position) AS v FROM emt_streams WHERE stream_id = $1 AND is_archived = FALSE',
        [stream],
      );
      return rows[0].v === null ? -1 : Number(rows[0].v) - 1;
    },
    async close() {
      await store.close();
      await pool.end().catch(() => undefined);
      await lookup.end();
    },
  };
}

async function plain(url: string): Promise<Contender & { catchUp(): Promise<{ events: number; seconds: number }> }> {
  const pool = quiet(new Pool({ connectionString: url, max: POOL, idleTimeoutMillis: 0, application_name: 'bench-plain' }));
  await pool.query(`
    CREATE SEQUENCE IF NOT EXISTS plain_position AS bigint;
    CREATE TABLE IF NOT EXISTS plain_events (
      position bigint NOT NULL DEFAULT nextval('plain_position'),
      transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
      id uuid NOT NULL UNIQUE,
      stream text NOT NULL,
      revision bigint NOT NULL,
      type text NOT NULL,
      data jsonb NOT NULL,
      metadata jsonb NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      hash text,
      previous_hash text,
      PRIMARY KEY (stream, revision)
    );
    CREATE INDEX IF NOT EXISTS plain_global_order ON plain_events (transaction_id, position);`);
  return {
    name: 'plain',
    app: 'bench-plain',
    async append(stream, events, expected) {
      // A checked-out client: pool.query() would drop the connection on every unique violation.
      const client = await pool.connect();
      try {
        await client.query({
          name: 'plain_insert',
          text: `INSERT INTO plain_events (id, stream, revision, type, data, metadata)
                 SELECT u.id, $1, $2 + u.ord, u.type, u.data, u.meta
                   FROM unnest($3::uuid[], $4::text[], $5::jsonb[], $6::jsonb[]) WITH ORDINALITY AS u(id, type, data, meta, ord)`,
          values: [
            stream,
            expected,
            events.map(() => uuidv7()),
            events.map((e) => e.type),
            events.map((e) => JSON.stringify(e.data)),
            events.map((e) => JSON.stringify(e.metadata)),
          ],
        });
        return { ok: true, revision: expected + events.length };
      } catch (error) {
        if ((error as { code?: string }).code === '23505') return { ok: false, actual: null };
        throw error;
      } finally {
        client.release();
      }
    },
    async currentRevision(stream) {
      const { rows } = await pool.query('SELECT max(revision) AS r FROM plain_events WHERE stream = $1', [stream]);
      return rows[0].r === null ? -1 : Number(rows[0].r);
    },
    async catchUp() {
      const started = performance.now();
      let events = 0;
      let after: [string, string] = ['0', '0'];
      for (;;) {
        const { rows } = await pool.query({
          name: 'plain_page',
          text: `SELECT position, transaction_id, id, stream, revision, type, data, metadata, recorded_at
                   FROM plain_events
                  WHERE (transaction_id, position) > ($1::xid8, $2::bigint)
                    AND transaction_id < (SELECT pg_snapshot_xmin(pg_current_snapshot()))
                  ORDER BY transaction_id, position LIMIT $3`,
          values: [after[0], after[1], PAGE],
        });
        if (rows.length === 0) break;
        events += rows.length;
        const last = rows[rows.length - 1];
        after = [String(last.transaction_id), String(last.position)];
      }
      return { events, seconds: (performance.now() - started) / 1000 };
    },
    close: () => pool.end(),
  };
}

const fmt = (n: number, digits = 0) =>
  Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : 'n/a';

async function main() {
  const server = process.env.DATABASE_URL;
  if (!server) throw new Error('DATABASE_URL is not set (the PostgreSQL server to benchmark against)');
  const dbName = `kinerja_bench_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  const url = new URL(server);
  url.pathname = `/${dbName}`;
  const started = performance.now();
  const [load1] = loadavg();
  console.log(
    `event-store bench: ${EVENTS} events per workload, ${WRITERS} writers, ${HOT_STREAMS} hot streams, ` +
      `${PER_APPEND} event(s) per append, pool ${POOL}, ${ROUNDS} rounds, database ${dbName}, ` +
      `${cpus().length} CPUs, load average ${load1.toFixed(2)} at start`,
  );
  const contenders: Contender[] = [];
  try {
    const o = await ours(url.toString());
    const e = await emmett(url.toString());
    const p = await plain(url.toString());
    contenders.push(o, e, p);

    for (const c of contenders) await distinctStreams(c, `warm-${c.name}`, WARMUP_APPENDS * PER_APPEND);

    // Each workload runs in rounds; in each round every contender does its share, in a rotating
    // order, so that a change in the machine's load does not favour one of them.
    const results: Record<string, Record<string, WorkloadResult>> = { distinct: {}, hot: {} };
    const meter = new CpuMeter(admin, dbName);
    const workloads = [
      { key: 'distinct', label: 'distinct streams', run: distinctStreams },
      { key: 'hot', label: `${HOT_STREAMS} hot streams`, run: hotStreams },
    ] as const;
    for (const w of workloads) {
      const parts: Record<string, WorkloadResult[]> = {};
      const latencies: Record<string, number[]> = {};
      for (let round = 0; round < ROUNDS; round++) {
        for (let i = 0; i < contenders.length; i++) {
          const c = contenders[(round + i) % contenders.length];
          const r = await meter.measure(c.app, () =>
            w.run(c, `${w.key}${round}-${c.name}`, Math.ceil(EVENTS / ROUNDS), (latencies[c.name] ??= [])),
          );
          (parts[c.name] ??= []).push(r);
        }
      }
      for (const c of contenders) {
        const rs = parts[c.name];
        const events = rs.reduce((n, r) => n + r.events, 0);
        const seconds = rs.reduce((n, r) => n + r.seconds, 0);
        const all = latencies[c.name].sort((a, b) => a - b);
        results[w.key][c.name] = {
          events,
          seconds,
          eventsPerSecond: events / seconds,
          p50: percentile(all, 50),
          p99: percentile(all, 99),
          conflicts: rs.reduce((n, r) => n + r.conflicts, 0),
          serverCpuMs: rs.every((r) => r.serverCpuMs !== undefined) ? rs.reduce((n, r) => n + r.serverCpuMs!, 0) : undefined,
          clientCpuMs: rs.reduce((n, r) => n + (r.clientCpuMs ?? 0), 0),
        };
        report(w.label, c.name, results[w.key][c.name]);
      }
    }
    const bench = new Client({ connectionString: url.toString() });
    await bench.connect();
    await bench.query('VACUUM ANALYZE');
    await bench.end();
    const oursCatchUp = await o.catchUp();
    const plainCatchUp = await p.catchUp();

    console.log('');
    for (const w of ['distinct', 'hot'] as const) {
      const r = results[w];
      console.log(
        `${w === 'distinct' ? `${WRITERS} writers, distinct streams` : `${WRITERS} writers, ${HOT_STREAMS} hot streams`}: ` +
          `ours/emmett ${fmt(r.ours.eventsPerSecond / r.emmett.eventsPerSecond, 2)}x (target >= 1.5), ` +
          `ours/plain ${fmt(r.ours.eventsPerSecond / r.plain.eventsPerSecond, 2)}x (target >= 0.5), ` +
          `ours p99 ${fmt(r.ours.p99, 1)} ms (target <= 20)`,
      );
      const [co, ce, cp] = [cpuPerEvent(r.ours), cpuPerEvent(r.emmett), cpuPerEvent(r.plain)];
      if (co !== null && ce !== null && cp !== null) {
        console.log(
          `  by CPU per event (what the ratios tend to on a dedicated CPU-bound machine): ` +
            `ours/emmett ${fmt(ce / co, 2)}x, ours/plain ${fmt(cp / co, 2)}x`,
        );
      }
    }
    console.log(
      `catch-up readAll (pages of ${PAGE}): ours ${fmt(oursCatchUp.events)} events in ${fmt(oursCatchUp.seconds, 2)} s = ` +
        `${fmt(oursCatchUp.events / oursCatchUp.seconds)} events/s (target >= 50,000); ` +
        `plain keyset ${fmt(plainCatchUp.events / plainCatchUp.seconds)} events/s; ` +
        `ours/plain ${fmt(oursCatchUp.events / oursCatchUp.seconds / (plainCatchUp.events / plainCatchUp.seconds), 2)}x`,
    );
    console.log(
      `peak RSS ${fmt(process.resourceUsage().maxRSS / 1024, 1)} MiB; whole run ${fmt((performance.now() - started) / 1000, 1)} s; ` +
        `load average ${loadavg()[0].toFixed(2)} at the end (other processes share the machine's CPUs)`,
    );
  } finally {
    for (const c of contenders) await c.close().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch((error: unknown) => {
      console.error(`could not drop ${dbName}:`, error);
    });
    await admin.end();
  }
}

function report(workload: string, name: string, r: WorkloadResult) {
  console.log(
    `${workload.padEnd(18)} ${name.padEnd(7)} ${fmt(r.eventsPerSecond).padStart(8)} events/s  ` +
      `(${r.events} events in ${fmt(r.seconds, 2)} s)  append p50 ${fmt(r.p50, 2)} ms  p99 ${fmt(r.p99, 2)} ms` +
      (r.conflicts ? `  conflicts retried ${r.conflicts}` : '') +
      `  CPU per 1000 events: server ${r.serverCpuMs === undefined ? 'n/a' : fmt((r.serverCpuMs * 1000) / r.events)} ms` +
      ` + client ${fmt(((r.clientCpuMs ?? 0) * 1000) / r.events)} ms`,
  );
}

/** CPU (server + client) per event; null when the server's share could not be measured. */
function cpuPerEvent(r: WorkloadResult): number | null {
  return r.serverCpuMs === undefined ? null : (r.serverCpuMs + (r.clientCpuMs ?? 0)) / r.events;
}

main().catch((error: unknown) => {
  if ((error as { code?: string }).code === '53300') {
    console.error('The PostgreSQL server has no connection left (max_connections); retry later or lower BENCH_POOL.');
  }
  console.error(error);
  process.exit(1);
});
