import { Client } from 'pg';
import { createTestDatabase, TestDatabase } from '@kinerja/testing';
import { createPostgresEventStore, PostgresEventStore } from '@kinerja/event-store';
import { ConsumerFencedError, createPgLogTransport, createRelay, MessageBatch, PgLogTransport, publicEventId, RelayMappingError } from '../src';
import { workPlanningMapping } from './support/work-planning-mapping';
import { messagingSuite } from './messaging-suite';

describe('messaging over the PostgreSQL log', () => {
  messagingSuite({
    name: 'pg-log',
    offsetsWithHandler: true,
    createTransport: (clientId, db) => createPgLogTransport({ connectionString: db.url, applicationName: `kinerja-pglog-${clientId}`, pollIntervalMs: 500 }),
    childEnv: (db) => ({ TRANSPORT: 'pg-log', MESSAGING_DATABASE_URL: db.url }),
    async disrupt(db, consumerClientId) {
      const admin = new Client({ connectionString: db.url });
      await admin.connect();
      try {
        const { rows } = await admin.query(
          `SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`,
          [`kinerja-pglog-${consumerClientId}`],
        );
        expect(rows.filter((r) => r.killed).length).toBeGreaterThan(0);
      } finally {
        await admin.end();
      }
    },
  });
});

describe('the PostgreSQL log', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('pglog');
  });
  afterAll(async () => {
    await db.drop();
  });

  it('gives every partition dense, gap-free offsets under concurrent producers', async () => {
    const transports = Array.from({ length: 4 }, (_, i) => createPgLogTransport({ connectionString: db.url, applicationName: `dense-${i}` }));
    await transports[0].ensureTopic('dense', 3);
    await Promise.all(
      transports.flatMap((t, i) =>
        Array.from({ length: 5 }, (_, j) =>
          t.produce('dense', Array.from({ length: 40 }, (_, k) => ({ key: `k-${i}-${j}-${k % 7}`, value: `${i}/${j}/${k}`, headers: {} }))),
        ),
      ),
    );
    const check = new Client({ connectionString: db.url });
    await check.connect();
    const { rows } = await check.query(
      `SELECT partition, count(*)::int AS n, min("offset")::int AS lo, max("offset")::int AS hi,
              (SELECT next_offset::int FROM kinerja_log.partitions p WHERE p.topic = m.topic AND p.partition = m.partition) AS next
       FROM kinerja_log.messages m WHERE topic = 'dense' GROUP BY topic, partition ORDER BY partition`,
    );
    await check.end();
    await Promise.all(transports.map((t) => t.close()));
    expect(rows.reduce((sum, r) => sum + r.n, 0)).toBe(800);
    for (const r of rows) expect(r).toEqual({ partition: r.partition, n: r.n, lo: 0, hi: r.n - 1, next: r.n });
  });

  it('lets only one consumer of a group own a partition at a time', async () => {
    const a = createPgLogTransport({ connectionString: db.url });
    const b = createPgLogTransport({ connectionString: db.url });
    await a.ensureTopic('owned', 4);
    const seenBy = { a: new Set<number>(), b: new Set<number>() };
    const ca = await a.consume({ groupId: 'g', topics: ['owned'], handler: async (batch) => void seenBy.a.add(batch.partition) });
    const cb = await b.consume({ groupId: 'g', topics: ['owned'], handler: async (batch) => void seenBy.b.add(batch.partition) });
    await a.produce('owned', Array.from({ length: 40 }, (_, i) => ({ key: `k${i}`, value: 'v', headers: {} })));
    const deadline = Date.now() + 20_000;
    while (seenBy.a.size + seenBy.b.size < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await Promise.all([ca.stop(), cb.stop()]);
    await Promise.all([a.close(), b.close()]);
    expect(seenBy.a.size + seenBy.b.size).toBe(4);
    for (const p of seenBy.a) expect(seenBy.b.has(p)).toBe(false);
  });

  it("commits the offset inside the handler's transaction, and refuses once the consumer lost the partition", async () => {
    const transport = createPgLogTransport({ connectionString: db.url, pollIntervalMs: 100 });
    await transport.ensureTopic('in-tx', 1);
    await transport.produce('in-tx', Array.from({ length: 5 }, (_, i) => ({ key: 'k', value: String(i), headers: {} })));
    const client = new Client({ connectionString: db.url });
    await client.connect();
    const deliveries: string[] = [];
    let lastBatch: MessageBatch | null = null;
    const handle = await transport.consume({
      groupId: 'in-tx',
      topics: ['in-tx'],
      handler: async (batch) => {
        lastBatch = batch;
        deliveries.push(...batch.messages.map((m) => m.offset));
        await client.query('BEGIN');
        await batch.commitInTransaction!(client, String(Number(batch.messages[batch.messages.length - 1].offset) + 1));
        await client.query('COMMIT');
        // The work and the offset are committed; a failure now must not deliver the batch again.
        throw new Error('after commit');
      },
    });
    const deadline = Date.now() + 10_000;
    while (deliveries.length < 5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 500));
    await handle.stop();
    expect(deliveries).toEqual(['0', '1', '2', '3', '4']);
    await client.query('BEGIN');
    await expect(lastBatch!.commitInTransaction!(client, '0')).rejects.toBeInstanceOf(ConsumerFencedError);
    await client.query('ROLLBACK');
    const { rows } = await client.query(`SELECT next_offset::int AS n FROM kinerja_log.consumer_offsets WHERE group_id = 'in-tx'`);
    expect(rows).toEqual([{ n: 5 }]);
    await client.end();
    await transport.close();
  });

  it('deletes messages past retention and keeps offsets growing; a lagging consumer resumes at the oldest message left', async () => {
    const transport = createPgLogTransport({ connectionString: db.url, retentionMs: 60_000, pruneIntervalMs: 0 });
    await transport.ensureTopic('retained', 1);
    await transport.produce('retained', Array.from({ length: 5 }, (_, i) => ({ key: 'k', value: `old-${i}`, headers: {} })));
    const admin = new Client({ connectionString: db.url });
    await admin.connect();
    await admin.query(`UPDATE kinerja_log.messages SET "timestamp" = now() - interval '2 minutes' WHERE topic = 'retained'`);
    await transport.produce('retained', [{ key: 'k', value: 'new', headers: {} }]);
    expect(await transport.prune()).toBe(5);
    const { rows } = await admin.query(`SELECT "offset"::int AS o FROM kinerja_log.messages WHERE topic = 'retained'`);
    await admin.end();
    expect(rows).toEqual([{ o: 5 }]);
    const seen: string[] = [];
    const handle = await transport.consume({ groupId: 'late', topics: ['retained'], handler: async (b) => void seen.push(...b.messages.map((m) => `${m.offset}:${m.value}`)) });
    const deadline = Date.now() + 10_000;
    while (seen.length < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await handle.stop();
    await transport.close();
    expect(seen).toEqual(['5:new']);
  });
});

describe('the relay', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let transport: PgLogTransport;
  let nip = 197001010000000000n;
  const employee = () => {
    const id = (nip++).toString();
    return { type: 'EmployeeRegistered', data: { nip: id, name: `Pegawai ${id}`, status: 'PNS', agencyId: 'dinkes' } };
  };

  beforeAll(async () => {
    db = await createTestDatabase('relay');
    store = await createPostgresEventStore({ connectionString: db.url });
    transport = createPgLogTransport({ connectionString: db.url, pollIntervalMs: 200 });
  });
  afterAll(async () => {
    await transport.close();
    await store.close();
    await db.drop();
  });

  async function appendEmployees(count: number, prefix: string) {
    let last = null as Awaited<ReturnType<PostgresEventStore['append']>> | null;
    for (let i = 0; i < count; i += 25) last = await store.append(`${prefix}-${i}`, Array.from({ length: Math.min(25, count - i) }, employee));
    return last!.position;
  }

  async function waitForCheckpoint(relay: { checkpoint(): Promise<string | null> }, position: string, timeoutMs = 30_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const c = await relay.checkpoint().catch(() => null);
      if (c && store.compareCheckpoints(c as never, position as never) >= 0) return;
      if (Date.now() > deadline) throw new Error(`relay checkpoint ${c} did not reach ${position}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async function published(topic: string): Promise<{ id: string; key: string }[]> {
    const c = new Client({ connectionString: db.url });
    await c.connect();
    const { rows } = await c.query(`SELECT headers->>'ce_id' AS id, key FROM kinerja_log.messages WHERE topic = $1`, [topic]);
    await c.end();
    return rows;
  }
  const publishedIds = async (topic: string) => (await published(topic)).map((m) => m.id);

  it('publishes everything once per name while a second relay of the same name waits, and the second takes over', async () => {
    const options = { name: 'twins', service: 'work-planning' as const, store, transport, connectionString: db.url, topicPrefix: 'twins.', map: workPlanningMapping };
    const first = createRelay(options);
    const second = createRelay(options);
    await first.start();
    await second.start();
    const position = await appendEmployees(100, 'twins-a');
    await waitForCheckpoint(first, position);
    await new Promise((r) => setTimeout(r, 500));
    let ids = await publishedIds('twins.kinerja.work-planning.v1');
    expect(ids).toHaveLength(100);
    await first.stop();
    const later = await appendEmployees(50, 'twins-b');
    await waitForCheckpoint(second, later);
    await second.stop();
    ids = await publishedIds('twins.kinerja.work-planning.v1');
    expect(ids).toHaveLength(150);
    expect(new Set(ids).size).toBe(150);
  });

  it('moves its checkpoint past every acknowledged batch, with one write for the batches acknowledged while the last was stored', async () => {
    // Checkpoint writes are made slow (a trigger sleeps 50 ms), so produces get ahead of them.
    const admin = new Client({ connectionString: db.url });
    await admin.connect();
    await admin.query(`CREATE OR REPLACE FUNCTION slow_checkpoint() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.relay = 'coalesce' THEN PERFORM pg_sleep(0.05); INSERT INTO coalesce_writes VALUES (NEW.checkpoint); END IF; RETURN NEW; END $$`);
    await admin.query('CREATE TABLE IF NOT EXISTS coalesce_writes (checkpoint text NOT NULL)');
    const batches: string[][] = [];
    const relay = createRelay({
      name: 'coalesce', service: 'work-planning', store, transport, connectionString: db.url, topicPrefix: 'coalesce.', map: workPlanningMapping, batchSize: 5,
      afterProduce: (published) => void batches.push(published.map((p) => p.id)),
    });
    await relay.start();
    await admin.query(`CREATE OR REPLACE TRIGGER slow_checkpoint AFTER INSERT OR UPDATE ON relay_checkpoints FOR EACH ROW EXECUTE FUNCTION slow_checkpoint()`);
    try {
      const position = await appendEmployees(200, 'coalesce');
      await waitForCheckpoint(relay, position);
      await relay.stop();
      // The relay starts from the store's beginning: it publishes what earlier tests appended too.
      const inStore = (await store.readAll({ limit: 100_000 })).events.filter((e) => e.type === 'EmployeeRegistered');
      const ids = await publishedIds('coalesce.kinerja.work-planning.v1');
      expect(inStore.length).toBeGreaterThanOrEqual(200);
      expect(new Set(ids).size).toBe(inStore.length);
      expect(batches.flat().sort()).toEqual([...ids].sort());
      const writes = (await admin.query<{ checkpoint: string }>('SELECT checkpoint FROM coalesce_writes')).rows.map((r) => r.checkpoint);
      // Batches of at most 5 events: at least 40 of them, and fewer checkpoint writes, in order, the last the final position.
      expect(batches.length).toBeGreaterThanOrEqual(40);
      expect(writes.length).toBeLessThan(batches.length);
      for (let i = 1; i < writes.length; i++) expect(store.compareCheckpoints(writes[i - 1] as never, writes[i] as never)).toBeLessThan(0);
      expect(store.compareCheckpoints(writes[writes.length - 1] as never, position as never)).toBe(0);
    } finally {
      await admin.query('DROP TRIGGER IF EXISTS slow_checkpoint ON relay_checkpoints');
      await admin.end();
    }
  });

  it('starts a new session from its checkpoint when its database connections are killed, losing nothing', async () => {
    const relay = createRelay({ name: 'survivor', service: 'work-planning', store, transport, connectionString: db.url, topicPrefix: 'survivor.', map: workPlanningMapping });
    await relay.start();
    await waitForCheckpoint(relay, await appendEmployees(100, 'survivor-a'));
    const c = new Client({ connectionString: db.url });
    await c.connect();
    const { rows } = await c.query(
      `SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'kinerja-relay-survivor%'`,
    );
    await c.end();
    expect(rows.filter((r) => r.killed).length).toBeGreaterThan(0);
    const position = await appendEmployees(100, 'survivor-b');
    await waitForCheckpoint(relay, position);
    await relay.stop();
    const messages = await published('survivor.kinerja.work-planning.v1');
    const inStore = (await store.readAll({ limit: 100_000 })).events.filter((e) => e.type === 'EmployeeRegistered');
    expect(new Set(messages.map((m) => m.id)).size).toBe(inStore.length);
    expect(new Set(messages.map((m) => m.key))).toEqual(new Set(inStore.map((e) => (e.data as { nip: string }).nip)));
  });

  it('stops with RelayMappingError on an event its mapping cannot publish, before publishing its batch or moving past it', async () => {
    const events = [employee(), { type: 'EmployeeRegistered', data: { nip: 'not-a-nip', name: 'x', status: 'PNS', agencyId: 'dinkes' } }, employee()];
    const appended = await store.append('broken-mapping', events);
    const recorded = await store.readStream('broken-mapping');
    const relay = createRelay({ name: 'broken', service: 'work-planning', store, transport, connectionString: db.url, topicPrefix: 'broken.', map: workPlanningMapping, batchSize: 5000 });
    await relay.start();
    const error = await relay.done.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(RelayMappingError);
    expect((error as RelayMappingError).eventId).toBe(recorded[1].id);
    expect((error as Error).message).toMatch(/nip/);
    // Earlier events may have gone out in earlier batches; nothing of the failing append did.
    const ids = await publishedIds('broken.kinerja.work-planning.v1');
    for (const e of recorded) expect(ids).not.toContain(publicEventId(e.id, 0, 'EmployeeRegistered.v1'));
    const checkpoint = await relay.checkpoint();
    if (checkpoint) expect(store.compareCheckpoints(checkpoint, appended.position)).toBeLessThan(0);
    await relay.stop();
  });
});
