import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { deadLetterTopicOf, toCloudEventHeaders } from '@kinerja/contracts';
import { createPostgresEventStore, PostgresEventStore } from '@kinerja/event-store';
import { createTestDatabase, TestDatabase, uniqueName, waitUntil } from '@kinerja/testing';
import {
  ConsumedMessage,
  createRelay,
  OutgoingMessage,
  partitionForKey,
  publicEventId,
  ReceivedEvent,
  RunningConsumer,
  startConsumer,
  Transport,
} from '../src';
import { workPlanningMapping } from './support/work-planning-mapping';

/** What differs between the transports; the suite is the same for both. */
export interface SuiteTarget {
  name: 'kafka' | 'pg-log';
  /** The log lives in the handlers' database: the runtime commits offsets in the handler's transaction. */
  offsetsWithHandler: boolean;
  createTransport(clientId: string, db: TestDatabase): Transport;
  /** Env of a child process that builds the same transport with createTransportFromEnv. */
  childEnv(db: TestDatabase): Record<string, string>;
  /** Breaks the consumer's connection to the log mid-stream; resolves when the log is back. */
  disrupt(db: TestDatabase, consumerClientId: string): Promise<void>;
  /** Deletes this run's topics (all named `<run>.…`) where they outlive the test database. */
  dropTopics?(prefix: string): Promise<void>;
}

const ROOT = resolve(__dirname, '../../..');
const EMPLOYEE = 'EmployeeRegistered.v1';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Until `done` holds; gives up only when the probed value has not changed for `stallMs`. */
function waitFor<T>(what: string, probe: () => Promise<T>, done: (value: T) => boolean, stallMs = 60_000): Promise<T> {
  return waitUntil(probe, done, { what, stallMs });
}

/** 18-digit NIPs, unique per run so that shared-broker topics never mix runs. */
function nips(count: number): string[] {
  const base = BigInt(190000000000000000n) + BigInt(Math.floor(Math.random() * 1e12)) * 10000n;
  return Array.from({ length: count }, (_, i) => (base + BigInt(i)).toString());
}

interface TestMessage {
  id: string;
  key: string;
  seq: number;
}

function employeeMessage(m: TestMessage, overrides: { data?: unknown; value?: string; headers?: Record<string, string> } = {}): OutgoingMessage {
  const data = overrides.data ?? { nip: m.key, name: `seq-${m.seq}`, status: 'PNS', agencyId: 'dinkes' };
  const headers = toCloudEventHeaders({
    id: m.id,
    type: EMPLOYEE,
    source: '/kinerja/test',
    time: new Date().toISOString(),
    subject: m.key,
    correlationId: m.id,
    traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  });
  return { key: m.key, value: overrides.value ?? JSON.stringify(data), headers: { ...headers, ...overrides.headers } };
}

function messagesFor(keys: string[], seqs: number): TestMessage[] {
  const out: TestMessage[] = [];
  for (let seq = 0; seq < seqs; seq++) for (const key of keys) out.push({ id: randomUUID(), key, seq });
  return out;
}

async function produceInChunks(transport: Transport, topic: string, messages: TestMessage[], chunk = 100): Promise<void> {
  for (let i = 0; i < messages.length; i += chunk) {
    await transport.produce(topic, messages.slice(i, i + chunk).map((m) => employeeMessage(m)));
  }
}

export function messagingSuite(target: SuiteTarget): void {
  // A busy machine makes these slower, not red: the waits give up on a stall; this only backs them up.
  jest.setTimeout(15 * 60_000);
  const run = uniqueName('msuite');
  let db: TestDatabase;
  let dataSource: DataSource;
  let producer: Transport;
  const cleanups: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('msg');
    dataSource = new DataSource({ type: 'postgres', url: db.url, extra: { max: 8 } });
    await dataSource.initialize();
    await dataSource.query(`CREATE TABLE applied (
      id bigserial PRIMARY KEY, group_id text NOT NULL, event_id text NOT NULL, key text, seq int NOT NULL, partition int NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT clock_timestamp())`);
    producer = target.createTransport(uniqueName('producer'), db);
  });

  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!().catch(() => undefined);
  });

  afterAll(async () => {
    await target.dropTopics?.(`${run}.`);
    await producer?.close();
    await dataSource?.destroy();
    await db?.drop();
  });

  async function consumer(
    groupId: string,
    topics: string[],
    options: {
      registry?: Registry;
      failFor?: (e: ReceivedEvent) => boolean;
      attempts?: Map<string, number>;
      clientId?: string;
      dataSource?: DataSource;
      retry?: { maxAttempts: number; initialDelayMs: number; factor: number; maxDelayMs: number };
    } = {},
  ): Promise<{ running: RunningConsumer; transport: Transport }> {
    const transport = target.createTransport(options.clientId ?? uniqueName('consumer'), db);
    const running = await startConsumer({
      transport,
      dataSource: options.dataSource ?? dataSource,
      groupId,
      topics,
      metrics: options.registry,
      commitOffsetsWithHandler: target.offsetsWithHandler,
      retry: options.retry ?? { maxAttempts: 3, initialDelayMs: 20, factor: 2, maxDelayMs: 200 },
      handlers: {
        [EMPLOYEE]: async (event, ctx) => {
          options.attempts?.set(event.id, (options.attempts.get(event.id) ?? 0) + 1);
          if (options.failFor?.(event)) throw new Error(`poison ${event.key}`);
          const seq = Number(/^seq-(\d+)$/.exec(event.data.name)?.[1]);
          await ctx.query('INSERT INTO applied (group_id, event_id, key, seq, partition) VALUES ($1, $2, $3, $4, $5)', [
            groupId, event.id, event.key, seq, event.partition,
          ]);
        },
      },
    });
    cleanups.push(async () => {
      await running.stop();
      await transport.close();
    });
    return { running, transport };
  }

  async function appliedRows(groupId: string): Promise<{ event_id: string; key: string; seq: number; partition: number }[]> {
    return dataSource.query('SELECT event_id, key, seq, partition FROM applied WHERE group_id = $1 ORDER BY id', [groupId]);
  }

  function expectOrderPerKey(rows: { key: string; seq: number }[], seqsPerKey: number, skip: (key: string, seq: number) => boolean = () => false) {
    const byKey = new Map<string, number[]>();
    for (const r of rows) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r.seq]);
    for (const [key, seqs] of byKey) {
      const expected = Array.from({ length: seqsPerKey }, (_, i) => i).filter((s) => !skip(key, s));
      expect({ key, seqs }).toEqual({ key, seqs: expected });
    }
  }

  /** Reads a topic with a throwaway group until `count` messages arrived. */
  async function readTopic(topic: string, count: number): Promise<ConsumedMessage[]> {
    const reader = target.createTransport(uniqueName('reader'), db);
    const seen: ConsumedMessage[] = [];
    const handle = await reader.consume({ groupId: uniqueName('reader'), topics: [topic], handler: async (b) => void seen.push(...b.messages) });
    try {
      await waitFor(`${count} messages on ${topic}`, async () => seen.length, (n) => n >= count);
      return seen;
    } finally {
      await handle.stop();
      await reader.close();
    }
  }

  async function counter(registry: Registry, outcome: string): Promise<number> {
    const metric = registry.getSingleMetric('consumer_messages_total');
    if (!metric) return 0;
    return (await metric.get()).values.filter((v) => v.labels.outcome === outcome).reduce((sum, v) => sum + v.value, 0);
  }

  it('keeps the order per key across 6 partitions and reports zero lag when caught up', async () => {
    const topic = `${run}.order`;
    await producer.ensureTopic(topic, 6);
    const keys = nips(50);
    const messages = messagesFor(keys, 20);
    await produceInChunks(producer, topic, messages);
    const group = uniqueName('order');
    const registry = new Registry();
    await consumer(group, [topic], { registry });
    const rows = await waitFor('all 1000 applied', () => appliedRows(group), (r) => r.length >= 1000);
    expect(rows).toHaveLength(1000);
    expect(new Set(rows.map((r) => r.event_id)).size).toBe(1000);
    expectOrderPerKey(rows, 20);
    expect(new Set(rows.map((r) => r.partition)).size).toBe(6);
    for (const key of keys) {
      expect(new Set(rows.filter((r) => r.key === key).map((r) => r.partition))).toEqual(new Set([partitionForKey(key, 6)]));
    }
    const lag = await waitFor(
      'lag 0 on every partition',
      async () => (await registry.getSingleMetric('consumer_lag_messages')!.get()).values.filter((v) => v.labels.topic === topic),
      (values) => values.length === 6 && values.every((v) => v.value === 0),
    );
    expect(lag.map((v) => v.labels.group)).toEqual(Array(6).fill(group));
  });

  it('relays again after a crash between produce and checkpoint, and the consumer applies the event once', async () => {
    const store: PostgresEventStore = await createPostgresEventStore({ connectionString: db.url });
    cleanups.push(() => store.close());
    const prefix = `${run}.relay.`;
    const topic = `${prefix}kinerja.work-planning.v1`;
    const relayName = uniqueName('relay');
    const [nip] = nips(1);
    const appended = await store.append(`employee-${nip}`, [
      { type: 'EmployeeRegistered', data: { nip, name: 'seq-0', status: 'PPPK', agencyId: 'disdik' }, metadata: { correlationId: 'corr-1' } },
    ]);
    const [recorded] = await store.readStream(`employee-${nip}`);
    const publicId = publicEventId(recorded.id, 0, EMPLOYEE);

    const child: ChildProcess = spawn(process.execPath, ['-r', '@swc-node/register', 'libs/messaging/test/support/relay-child.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...target.childEnv(db), SWC_NODE_PROJECT: 'tsconfig.base.json', DATABASE_URL: db.url, RELAY_NAME: relayName, TOPIC_PREFIX: prefix, KILL_AFTER_PRODUCE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('exit', (code, signal) => done({ code, signal })));
    expect({ exit, output: output.slice(0, 2000) }).toMatchObject({ exit: { signal: 'SIGKILL' } });
    expect(output).toContain(`produced ${publicId}`);
    const stored = await dataSource.query('SELECT checkpoint FROM relay_checkpoints WHERE relay = $1', [relayName]);
    expect(stored).toEqual([]);

    const relay = createRelay({ name: relayName, service: 'work-planning', store, transport: producer, connectionString: db.url, topicPrefix: prefix, map: workPlanningMapping });
    cleanups.push(() => relay.stop());
    await relay.start();
    await waitFor('the relay checkpoint', () => relay.checkpoint(), (c) => c !== null);
    expect(await relay.checkpoint()).toBe(appended.position);

    const group = uniqueName('relay');
    const registry = new Registry();
    await consumer(group, [topic], { registry });
    await waitFor('the copy seen as a duplicate', () => counter(registry, 'duplicate'), (n) => n >= 1);
    const rows = await appliedRows(group);
    expect(rows).toEqual([{ event_id: publicId, key: nip, seq: 0, partition: partitionForKey(nip, 6) }]);
    expect(await counter(registry, 'applied')).toBe(1);
    expect(await counter(registry, 'duplicate')).toBe(1);
    const inbox = await dataSource.query('SELECT event_id FROM inbox WHERE group_id = $1', [group]);
    expect(inbox).toEqual([{ event_id: publicId }]);

    const copies = await readTopic(topic, 2);
    expect(copies.map((m) => m.headers.ce_id)).toEqual([publicId, publicId]);
    expect(copies[0].headers).toMatchObject({ ce_type: EMPLOYEE, ce_source: '/kinerja/work-planning', ce_subject: nip, ce_specversion: '1.0', ce_correlationid: 'corr-1' });
  });

  it('dead-letters a poison message after N tries while other keys, and later messages of its key, keep flowing', async () => {
    const topic = `${run}.poison`;
    await producer.ensureTopic(topic, 6);
    const keys = nips(10);
    const messages = messagesFor(keys, 5);
    const poison = messages.find((m) => m.key === keys[0] && m.seq === 2)!;
    await produceInChunks(producer, topic, messages, 25);
    const group = uniqueName('poison');
    const attempts = new Map<string, number>();
    const registry = new Registry();
    // ~3 s of backoff on the poison message, during which the other partitions must get through.
    const retry = { maxAttempts: 3, initialDelayMs: 1000, factor: 2, maxDelayMs: 2000 };
    await consumer(group, [topic], { failFor: (e) => e.id === poison.id, attempts, registry, retry });
    const rows = await waitFor('49 applied', () => appliedRows(group), (r) => r.length >= 49);
    expect(rows).toHaveLength(49);
    expectOrderPerKey(rows, 5, (key, seq) => key === poison.key && seq === poison.seq);
    expect(attempts.get(poison.id)).toBeGreaterThanOrEqual(3);

    const [dead] = await readTopic(deadLetterTopicOf(topic, group), 1);
    expect(dead.key).toBe(poison.key);
    expect(JSON.parse(dead.value.toString())).toMatchObject({ nip: poison.key, name: 'seq-2' });
    expect(dead.headers).toMatchObject({
      ce_id: poison.id,
      ce_type: EMPLOYEE,
      dlq_reason: 'handler',
      dlq_attempts: '3',
      dlq_group: group,
      dlq_original_topic: topic,
      dlq_original_partition: String(partitionForKey(poison.key, 6)),
    });
    expect(dead.headers.dlq_error).toContain(`poison ${poison.key}`);
    expect(dead.headers.dlq_original_offset).toMatch(/^\d+$/);
    expect(await counter(registry, 'dead_lettered')).toBe(1);

    const poisonPartition = partitionForKey(poison.key, 6);
    const [{ last }] = await dataSource.query(
      `SELECT max(applied_at) AS last FROM applied WHERE group_id = $1 AND partition <> $2`,
      [group, poisonPartition],
    );
    expect(rows.filter((r) => r.partition !== poisonPartition).length).toBeGreaterThan(0);
    expect(new Date(last).getTime()).toBeLessThan(new Date(dead.headers.dlq_failed_at).getTime() - 1000);
  });

  it('resumes a restarted consumer from its committed offset: nothing lost, nothing delivered twice', async () => {
    const topic = `${run}.restart`;
    await producer.ensureTopic(topic, 6);
    const keys = nips(20);
    const first = messagesFor(keys, 15);
    await produceInChunks(producer, topic, first);
    const group = uniqueName('restart');
    const a = await consumer(group, [topic]);
    await waitFor('some applied', () => appliedRows(group), (r) => r.length >= 60);
    await a.running.stop();
    const appliedByA = (await appliedRows(group)).length;
    expect(appliedByA).toBeLessThanOrEqual(300);

    const second = messagesFor(keys, 10).map((m) => ({ ...m, seq: m.seq + 15 }));
    await produceInChunks(producer, topic, second);
    const registry = new Registry();
    await consumer(group, [topic], { registry });
    const rows = await waitFor('all 500 applied', () => appliedRows(group), (r) => r.length >= 500);
    await sleep(300);
    expect((await appliedRows(group)).length).toBe(500);
    expect(new Set(rows.map((r) => r.event_id)).size).toBe(500);
    expectOrderPerKey(rows, 25);
    expect(await counter(registry, 'applied')).toBe(500 - appliedByA);
    expect(await counter(registry, 'duplicate')).toBe(0);
  });

  it(`loses nothing and applies nothing twice when the ${target.name === 'kafka' ? 'broker restarts' : "consumer's connections are killed"} mid-stream`, async () => {
    const topic = `${run}.outage`;
    await producer.ensureTopic(topic, 6);
    const keys = nips(15);
    const messages = messagesFor(keys, 40);
    const group = uniqueName('outage');
    const clientId = uniqueName('outage-consumer');
    await consumer(group, [topic], { clientId });
    let produced = 0;
    const producing = (async () => {
      for (let i = 0; i < messages.length; i += 15) {
        const chunk = messages.slice(i, i + 15).map((m) => employeeMessage(m));
        for (;;) {
          try {
            await producer.produce(topic, chunk);
            break;
          } catch {
            await sleep(300);
          }
        }
        produced += chunk.length;
        await sleep(20);
      }
    })();
    await waitFor('a third applied', () => appliedRows(group), (r) => r.length >= 200, 90_000);
    await target.disrupt(db, clientId);
    await producing;
    expect(produced).toBe(600);
    const rows = await waitFor('all 600 applied', () => appliedRows(group), (r) => r.length >= 600, 150_000);
    await sleep(500);
    expect((await appliedRows(group)).length).toBe(600);
    expect(new Set(rows.map((r) => r.event_id)).size).toBe(600);
    expectOrderPerKey(rows, 40);
  }, 240_000);

  it("neither dead-letters nor loses anything when the handlers' database connections are killed mid-stream", async () => {
    const topic = `${run}.db-outage`;
    await producer.ensureTopic(topic, 6);
    const messages = messagesFor(nips(12), 50);
    const handlerDb = new DataSource({ type: 'postgres', url: db.url, applicationName: 'kinerja-handlers-under-test', extra: { max: 6 } });
    await handlerDb.initialize();
    cleanups.push(() => handlerDb.destroy());
    const group = uniqueName('db-outage');
    const registry = new Registry();
    // Handlers slow enough that connections are busy when they are killed.
    await consumer(group, [topic], { registry, dataSource: handlerDb, failFor: () => false });
    const producing = (async () => {
      for (let i = 0; i < messages.length; i += 20) {
        await producer.produce(topic, messages.slice(i, i + 20).map((m) => employeeMessage(m)));
        await sleep(15);
      }
    })();
    await waitFor('some applied', () => appliedRows(group), (r) => r.length >= 100);
    let killed = 0;
    for (let round = 0; round < 3; round++) {
      const rows: { killed: boolean }[] = await dataSource.query(
        `SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'kinerja-handlers-under-test'`,
      );
      killed += rows.filter((r) => r.killed).length;
      await sleep(150);
    }
    expect(killed).toBeGreaterThan(0);
    await producing;
    const rows = await waitFor('all 600 applied', () => appliedRows(group), (r) => r.length >= 600, 90_000);
    await sleep(300);
    expect((await appliedRows(group)).length).toBe(600);
    expect(new Set(rows.map((r) => r.event_id)).size).toBe(600);
    expectOrderPerKey(rows, 50);
    expect(await counter(registry, 'dead_lettered')).toBe(0);
  });

  it('sends a message that fails its schema or envelope to the dead-letter topic without stopping', async () => {
    const topic = `${run}.invalid`;
    await producer.ensureTopic(topic, 6);
    const [key] = nips(1);
    const m = (seq: number): TestMessage => ({ id: randomUUID(), key, seq });
    const [ok0, badSchema, notJson, noId, ok1] = [m(0), m(1), m(2), m(3), m(1)];
    await producer.produce(topic, [
      employeeMessage(ok0),
      employeeMessage(badSchema, { data: { nip: '123', name: 'seq-9', status: 'HONORER', agencyId: 'dinkes' } }),
      employeeMessage(notJson, { value: '{not json' }),
      employeeMessage(noId, { headers: { ce_id: '' } }),
      employeeMessage(ok1),
    ]);
    const group = uniqueName('invalid');
    const { running } = await consumer(group, [topic]);
    await waitFor('both valid ones applied', () => appliedRows(group), (r) => r.length >= 2);
    const dead = await readTopic(deadLetterTopicOf(topic, group), 3);
    expect(dead.map((d) => [d.headers.dlq_reason, d.headers.dlq_attempts])).toEqual([
      ['schema', '0'],
      ['envelope', '0'],
      ['envelope', '0'],
    ]);
    expect(dead[0].headers.dlq_error).toMatch(/schema: .*nip/);
    expect(dead[0].headers.ce_id).toBe(badSchema.id);
    expect(dead[1].headers.dlq_error).toBe('the value is not JSON');
    expect(dead[2].headers.dlq_error).toBe('missing header ce_id');

    const later = m(2);
    await producer.produce(topic, [employeeMessage(later)]);
    const rows = await waitFor('the later one applied', () => appliedRows(group), (r) => r.length >= 3);
    expect(rows.map((r) => r.event_id)).toEqual([ok0.id, ok1.id, later.id]);
    let settled = false;
    running.done.then(() => (settled = true), () => (settled = true));
    await sleep(50);
    expect(settled).toBe(false);
  });
}
