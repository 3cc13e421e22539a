/**
 * Messaging benchmark (issue 3 §6). For each transport (PostgreSQL log; Kafka when KAFKA_BROKERS is
 * set):
 *   1. relay throughput: events already in the store → acknowledged by the transport, events/s;
 *   2. end-to-end latency, from the start of the append in this process to the commit of the
 *      consumer's handler transaction in a child process, at a fixed 500 events/s and at saturation.
 * Prints a table and a JSON line. Run: `npm run bench -- messaging`, or
 * SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register libs/messaging/bench/messaging.bench.ts
 * Options (env): BENCH_RELAY_EVENTS (20000), BENCH_FIXED_SECONDS (20), BENCH_SATURATION_SECONDS (15),
 * BENCH_TRANSPORTS (pg-log,kafka).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Kafka, logLevel } from 'kafkajs';
import { DataSource } from 'typeorm';
import type { EmployeeRegisteredV1 } from '@kinerja/contracts';
import { createPostgresEventStore, PostgresEventStore } from '@kinerja/event-store';
import { createTestDatabase, TestDatabase } from '@kinerja/testing';
import {
  createKafkaTransport,
  createPgLogTransport,
  createRelay,
  PublicEventDraft,
  ReceivedEvent,
  startConsumer,
  Transport,
} from '../src';

type Kind = 'pg-log' | 'kafka';

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const log = (line: string) => process.stderr.write(`[messaging bench] ${line}\n`);

function brokers(): string[] | null {
  const list = (process.env.KAFKA_BROKERS ?? '').split(',').map((b) => b.trim()).filter(Boolean);
  return list.length ? list : null;
}

function transportFor(kind: Kind, url: string, clientId: string): Transport {
  return kind === 'kafka'
    ? createKafkaTransport({ brokers: brokers()!, clientId, logLevel: logLevel.ERROR })
    : createPgLogTransport({ connectionString: url, applicationName: clientId });
}

const mapping = (event: { type: string; data: unknown }): PublicEventDraft[] =>
  event.type === 'EmployeeRegistered' ? [{ type: 'EmployeeRegistered.v1', data: event.data as EmployeeRegisteredV1 }] : [];

/** Distinct 18-digit NIPs. */
function nipFactory(): () => string {
  let next = 190000000000000000n + BigInt(Math.floor(Math.random() * 1e9)) * 1_000_000n;
  return () => (next++).toString();
}

function employee(nip: string) {
  return { nip, name: 'Bench Pegawai', status: 'PNS', agencyId: 'bench' };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

// ---------------------------------------------------------------- consumer child process

async function consumerChild(): Promise<void> {
  const { BENCH_KIND, BENCH_URL, BENCH_TOPIC, BENCH_GROUP } = process.env as Record<string, string>;
  const dataSource = new DataSource({ type: 'postgres', url: BENCH_URL, extra: { max: 8 } });
  await dataSource.initialize();
  await dataSource.query('CREATE TABLE IF NOT EXISTS bench_employees (nip text PRIMARY KEY, name text NOT NULL)');
  const transport = transportFor(BENCH_KIND as Kind, BENCH_URL, `bench-consumer-${randomBytes(3).toString('hex')}`);
  const committed: [string, number][] = [];
  const consumer = await startConsumer({
    transport,
    dataSource,
    groupId: BENCH_GROUP,
    topics: [BENCH_TOPIC],
    commitOffsetsWithHandler: BENCH_KIND === 'pg-log',
    handlers: {
      'EmployeeRegistered.v1': async (event, ctx) => {
        await ctx.query('INSERT INTO bench_employees (nip, name) VALUES ($1, $2) ON CONFLICT (nip) DO NOTHING', [event.data.nip, event.data.name]);
      },
    },
    onApplied: (events: ReceivedEvent[]) => {
      const t = now();
      for (const e of events) committed.push([(e.data as { nip: string }).nip, t]);
    },
  });
  process.send!({ type: 'ready' });
  process.on('message', async (message: { type: string }) => {
    if (message.type === 'count') process.send!({ type: 'count', count: committed.length });
    if (message.type === 'stop') {
      await consumer.stop();
      await transport.close();
      await dataSource.destroy();
      process.send!({ type: 'result', committed, maxRssKb: process.resourceUsage().maxRSS }, () => process.exit(0));
    }
  });
}

class ConsumerProcess {
  private readonly child: ChildProcess;
  private readonly waiting = new Map<string, (message: any) => void>();

  constructor(kind: Kind, url: string, topic: string, group: string) {
    this.child = spawn(process.execPath, ['-r', '@swc-node/register', __filename, '--consumer'], {
      env: { ...process.env, BENCH_KIND: kind, BENCH_URL: url, BENCH_TOPIC: topic, BENCH_GROUP: group, KAFKAJS_NO_PARTITIONER_WARNING: '1' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (message: { type: string }) => {
      const resolve = this.waiting.get(message.type);
      this.waiting.delete(message.type);
      resolve?.(message);
    });
  }

  next<T>(type: string): Promise<T> {
    return new Promise((resolve) => this.waiting.set(type, resolve));
  }

  async count(): Promise<number> {
    const reply = this.next<{ count: number }>('count');
    this.child.send({ type: 'count' });
    return (await reply).count;
  }

  async stop(): Promise<{ committed: [string, number][]; maxRssKb: number }> {
    const reply = this.next<{ committed: [string, number][]; maxRssKb: number }>('result');
    this.child.send({ type: 'stop' });
    return reply;
  }
}

// ---------------------------------------------------------------- measurements

interface Setup {
  kind: Kind;
  db: TestDatabase;
  store: PostgresEventStore;
  transport: Transport;
  prefixes: string[];
}

async function relayThroughput(setup: Setup, events: number): Promise<number> {
  const { store, transport, db } = setup;
  const nip = nipFactory();
  const prefix = `bench-${randomBytes(4).toString('hex')}.`;
  setup.prefixes.push(prefix);
  // One stream per 100 events keeps the setup short; the relay does not care about streams.
  let last = null as Awaited<ReturnType<PostgresEventStore['append']>> | null;
  for (let i = 0; i < events; i += 100) {
    last = await store.append(`bench-agency-${prefix}${i}`, Array.from({ length: 100 }, () => ({ type: 'EmployeeRegistered', data: employee(nip()) })));
  }
  const relay = createRelay({ name: `bench-${prefix}`, service: 'work-planning', store, transport, connectionString: db.url, topicPrefix: prefix, map: mapping, batchSize: 2000 });
  // Topic creation is not part of the measured throughput.
  await transport.ensureTopic(`${prefix}kinerja.work-planning.v1`, 6);
  const started = now();
  await relay.start();
  for (;;) {
    const checkpoint = await relay.checkpoint();
    if (checkpoint && store.compareCheckpoints(checkpoint, last!.position) >= 0) break;
    await sleep(5);
  }
  const seconds = (now() - started) / 1000;
  await relay.stop();
  return events / seconds;
}

interface LatencyResult {
  offeredPerSecond: number;
  deliveredPerSecond: number;
  events: number;
  p50: number;
  p99: number;
  max: number;
  /** From the append to the transport's acknowledgement of the relay's produce. */
  ackP50: number;
  ackP99: number;
  consumerMaxRssKb: number;
}

/** `rate` events/s, or as fast as `concurrency` appenders go when rate is null. */
async function endToEnd(setup: Setup, seconds: number, rate: number | null): Promise<LatencyResult> {
  const { kind, db, store, transport } = setup;
  const prefix = `bench-${randomBytes(4).toString('hex')}.`;
  setup.prefixes.push(prefix);
  const topic = `${prefix}kinerja.work-planning.v1`;
  await transport.ensureTopic(topic, 6);
  const consumer = new ConsumerProcess(kind, db.url, topic, `bench-${randomBytes(4).toString('hex')}`);
  await consumer.next('ready');
  const acknowledgedAt = new Map<string, number>();
  const relay = createRelay({
    name: `bench-${prefix}`,
    service: 'work-planning',
    store,
    transport,
    connectionString: db.url,
    topicPrefix: prefix,
    map: mapping,
    afterProduce: (published) => {
      const t = now();
      for (const e of published) acknowledgedAt.set(e.key, t);
    },
  });
  // Start the relay after the events already in the store, as a live service would be.
  const marker = await store.append(`bench-marker-${prefix}`, [{ type: 'BenchStarted', data: {} }]);
  await setCheckpoint(db.url, `bench-${prefix}`, marker.position);
  await relay.start();

  const nip = nipFactory();
  const appendedAt = new Map<string, number>();
  const append = async () => {
    const id = nip();
    appendedAt.set(id, now());
    await store.append(`employee-${id}`, [{ type: 'EmployeeRegistered', data: employee(id) }], { expected: 'no_stream' });
  };

  // Warm-up: the consumer has joined and the first fetches are done before measuring.
  for (let i = 0; i < 20; i++) await append();
  while ((await consumer.count()) < 20) await sleep(50);
  appendedAt.clear();

  const started = now();
  const until = started + seconds * 1000;
  if (rate !== null) {
    const inFlight = new Set<Promise<void>>();
    for (let i = 0; ; i++) {
      const at = started + (i * 1000) / rate;
      if (at >= until) break;
      const wait = at - now();
      if (wait > 1) await sleep(wait);
      const p = append().finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
    await Promise.all(inFlight);
  } else {
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (now() < until) await append();
      }),
    );
  }
  const appendSeconds = (now() - started) / 1000;
  const total = appendedAt.size + 20;
  const drainDeadline = now() + 120_000;
  while ((await consumer.count()) < total && now() < drainDeadline) await sleep(100);
  const { committed, maxRssKb } = await consumer.stop();
  await relay.stop();

  const latencies: number[] = [];
  const toAck: number[] = [];
  let lastCommit = started;
  for (const [id, at] of committed) {
    const appended = appendedAt.get(id);
    if (appended === undefined) continue;
    latencies.push(at - appended);
    toAck.push((acknowledgedAt.get(id) ?? NaN) - appended);
    lastCommit = Math.max(lastCommit, at);
  }
  latencies.sort((a, b) => a - b);
  toAck.sort((a, b) => a - b);
  if (latencies.length < appendedAt.size) log(`${kind}: only ${latencies.length} of ${appendedAt.size} events arrived within the drain time`);
  return {
    offeredPerSecond: appendedAt.size / appendSeconds,
    deliveredPerSecond: latencies.length / ((lastCommit - started) / 1000),
    events: latencies.length,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? NaN,
    ackP50: percentile(toAck, 50),
    ackP99: percentile(toAck, 99),
    consumerMaxRssKb: maxRssKb,
  };
}

async function setCheckpoint(url: string, relay: string, checkpoint: string): Promise<void> {
  const ds = new DataSource({ type: 'postgres', url });
  await ds.initialize();
  await ds.query(`CREATE TABLE IF NOT EXISTS relay_checkpoints (relay text PRIMARY KEY, checkpoint text NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`);
  await ds.query('INSERT INTO relay_checkpoints (relay, checkpoint) VALUES ($1, $2)', [relay, checkpoint]);
  await ds.destroy();
}

async function deleteKafkaTopics(prefixes: string[]): Promise<void> {
  const admin = new Kafka({ clientId: 'bench-cleanup', brokers: brokers()!, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => prefixes.some((p) => t.startsWith(p)));
    if (topics.length) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}

async function benchTransport(kind: Kind) {
  const db = await createTestDatabase('kbench');
  const store = await createPostgresEventStore({ connectionString: db.url });
  const transport = transportFor(kind, db.url, `bench-relay-${kind}`);
  const setup: Setup = { kind, db, store, transport, prefixes: [] };
  try {
    log(`${kind}: relay throughput`);
    const relay = await relayThroughput(setup, env('BENCH_RELAY_EVENTS', 20_000));
    log(`${kind}: ${relay.toFixed(0)} events/s; end-to-end at 500 events/s`);
    const fixed = await endToEnd(setup, env('BENCH_FIXED_SECONDS', 20), 500);
    log(`${kind}: p50 ${fixed.p50.toFixed(1)} ms, p99 ${fixed.p99.toFixed(1)} ms; end-to-end at saturation`);
    const saturation = await endToEnd(setup, env('BENCH_SATURATION_SECONDS', 15), null);
    return { kind, relayEventsPerSecond: relay, fixed, saturation };
  } finally {
    await transport.close();
    await store.close();
    if (kind === 'kafka') await deleteKafkaTopics(setup.prefixes).catch((e: Error) => log(`topic cleanup: ${e.message}`));
    await db.drop();
  }
}

async function main(): Promise<void> {
  if (!process.env.DATABASE_URL) throw new Error('DATABASE_URL is required (npm run bench -- messaging provides one)');
  const wanted = (process.env.BENCH_TRANSPORTS ?? 'pg-log,kafka').split(',');
  const kinds = (['pg-log', 'kafka'] as Kind[]).filter((k) => wanted.includes(k));
  if (kinds.includes('kafka') && !brokers()) {
    log('KAFKA_BROKERS is not set: Kafka figures are left out');
    kinds.pop();
  }
  const results = [];
  for (const kind of kinds) results.push(await benchTransport(kind));
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  const lines = [
    '',
    `messaging bench — ${new Date().toISOString()}, node ${process.version}`,
    'transport | relay events/s | 500/s: p50 / p99 / max (append→ack p50 / p99) | saturation: offered / delivered events/s, p50 / p99',
  ];
  for (const r of results) {
    lines.push(
      `${r.kind.padEnd(9)} | ${r.relayEventsPerSecond.toFixed(0).padStart(14)} | ${ms(r.fixed.p50)} / ${ms(r.fixed.p99)} / ${ms(r.fixed.max)} (${ms(r.fixed.ackP50)} / ${ms(r.fixed.ackP99)}; ${r.fixed.events} events, ${r.fixed.offeredPerSecond.toFixed(0)}/s)` +
        ` | ${r.saturation.offeredPerSecond.toFixed(0)} / ${r.saturation.deliveredPerSecond.toFixed(0)}, ${ms(r.saturation.p50)} / ${ms(r.saturation.p99)}`,
    );
  }
  const rssMb = (kb: number) => (kb / 1024).toFixed(0);
  const consumerRss = Math.max(...results.flatMap((r) => [r.fixed.consumerMaxRssKb, r.saturation.consumerMaxRssKb]));
  lines.push(`peak RSS: bench process (store, relay, appenders) ${rssMb(process.resourceUsage().maxRSS)} MB, consumer process ${rssMb(consumerRss)} MB`);
  lines.push('targets: relay ≥ 10,000 events/s to Kafka; p99 ≤ 250 ms at 500 events/s');
  process.stdout.write(`${lines.join('\n')}\n`);
  process.stdout.write(`${JSON.stringify({ bench: 'messaging', results, peakRssKb: process.resourceUsage().maxRSS, consumerPeakRssKb: consumerRss })}\n`);
}

if (process.argv.includes('--consumer')) {
  consumerChild().catch((error) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
