import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { Decider, DomainEvent } from '@kinerja/domain';
import { createTestDatabase, TestDatabase, waitUntil } from '@kinerja/testing';
import {
  canonicalEventText,
  Checkpoint,
  createPostgresEventStore,
  DuplicateEventIdError,
  eventHash,
  EventStore,
  handle,
  readFolded,
  PostgresEventStore,
  RecordedEvent,
  WrongExpectedRevisionError,
} from './index';
import { ContractTamper, eventStoreContract } from './testing/event-store.contract';

jest.setTimeout(60_000);

function pgTamper(pool: Pool, schema: string): ContractTamper {
  const events = `"${schema}".events`;
  return {
    async changeData(stream, revision, data) {
      await pool.query(`UPDATE ${events} SET data = $3::jsonb WHERE stream = $1 AND revision = $2`, [
        stream,
        revision,
        JSON.stringify(data),
      ]);
    },
    async deleteEvent(stream, revision) {
      await pool.query(`DELETE FROM ${events} WHERE stream = $1 AND revision = $2`, [stream, revision]);
    },
    async swap(stream, a, b) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(`UPDATE ${events} SET revision = -1 WHERE stream = $1 AND revision = $2`, [stream, a]);
        await client.query(`UPDATE ${events} SET revision = $3 WHERE stream = $1 AND revision = $2`, [stream, b, a]);
        await client.query(`UPDATE ${events} SET revision = $2 WHERE stream = $1 AND revision = -1`, [stream, b]);
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    },
  };
}

/** Counts every query and checkout on the store's pool. */
function countCalls(pool: Pool): () => number {
  let calls = 0;
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => unknown;
  (pool as unknown as { query: unknown }).query = (...args: unknown[]) => {
    calls++;
    return query(...args);
  };
  (pool as unknown as { connect: unknown }).connect = (...args: unknown[]) => {
    calls++;
    return connect(...args);
  };
  return () => calls;
}

eventStoreContract(
  'PostgreSQL',
  async () => {
    const db = await createTestDatabase('es_contract');
    const store = await createPostgresEventStore({ connectionString: db.url, pollIntervalMs: 10 });
    const storageCalls = countCalls(store.pool);
    return {
      store,
      storageCalls,
      tamper: pgTamper(store.pool, store.schema),
      async createSlowWriter(maxDelayMs) {
        return createPostgresEventStore({
          connectionString: db.url,
          poolSize: 8,
          // Test-only hook: hold the transaction open after the insert, before COMMIT.
          beforeCommit: async (client) => {
            await client.query('SELECT pg_sleep($1)', [(Math.random() * maxDelayMs) / 1000]);
          },
        });
      },
      async close() {
        await store.close();
        await db.drop();
      },
    };
  },
  { tamper: true },
);

describe('PostgreSQL event store (adapter specifics)', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase('es_pg');
    store = await createPostgresEventStore({
      connectionString: db.url,
      schema: 'es_specific',
      idleInTransactionTimeoutMs: 12_345,
      pollIntervalMs: 10,
    });
  });
  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });

  it('creates its schema idempotently, also when processes start at once', async () => {
    const stores = await Promise.all(
      Array.from({ length: 4 }, () => createPostgresEventStore({ connectionString: db.url, schema: 'es_race' })),
    );
    await stores[0].append('race-1', [{ type: 'A', data: {} }]);
    expect(await stores[3].readStream('race-1')).toHaveLength(1);
    await Promise.all(stores.map((s) => s.close()));
    const again = await createPostgresEventStore({ connectionString: db.url, schema: 'es_race' });
    expect(await again.readStream('race-1')).toHaveLength(1);
    await again.close();
  });

  it('sets idle_in_transaction_session_timeout on its connections', async () => {
    const { rows } = await store.pool.query<{ t: string }>(
      `SELECT setting AS t FROM pg_settings WHERE name = 'idle_in_transaction_session_timeout'`,
    );
    expect(rows[0].t).toBe('12345');
  });

  it('stores the columns of docs/design.md §4 and a hash reproducible from them', async () => {
    await store.append('cols-1', [{ type: 'A', data: { b: 2, a: 1 }, metadata: { z: 1, actorId: 'x' } }]);
    const { rows } = await store.pool.query(
      `SELECT position::text, transaction_id::text AS txid, id, stream, revision, type, data, metadata, recorded_at, hash, previous_hash,
              hash_scheme::int, pg_typeof(transaction_id)::text AS txid_type
         FROM es_specific.events WHERE stream = 'cols-1'`,
    );
    expect(rows[0].txid_type).toBe('xid8');
    expect(rows[0].hash_scheme).toBe(2);
    const [event] = await store.readStream('cols-1');
    const fields = { ...event, recordedAt: event.recordedAt.toISOString(), scheme: 2 as const, position: rows[0].position, transactionId: rows[0].txid };
    const text = canonicalEventText(fields);
    expect(text.startsWith('{"data":{"a":1,"b":2},"id":')).toBe(true);
    expect(text).toContain(`"position":"${rows[0].position}","previousHash":null`);
    expect(text).toContain(`"transactionId":"${rows[0].txid}","type":"A"}`);
    expect(eventHash(fields)).toBe(rows[0].hash);
  });

  it('hashes the position and the transaction id: a swap between two events is found at both, also across streams', async () => {
    await store.append('swap-a', [{ type: 'A', data: { n: 1 } }, { type: 'A', data: { n: 2 } }]);
    await store.append('swap-b', [{ type: 'B', data: { n: 1 } }]);
    await store.append('swap-a', [{ type: 'A', data: { n: 3 } }]);
    // swap-a@1 and swap-b@0 trade their global order; each stream's positions still increase.
    await store.pool.query(`
      WITH pair AS (SELECT stream, revision, position, transaction_id FROM es_specific.events WHERE (stream, revision) IN (('swap-a', 1), ('swap-b', 0)))
      UPDATE es_specific.events e SET position = o.position, transaction_id = o.transaction_id
        FROM pair p, pair o WHERE e.stream = p.stream AND e.revision = p.revision AND o.stream <> p.stream`);
    const result = await store.verifyChains();
    expect(result.breaks.map((b) => [b.stream, b.revision, b.reason])).toEqual([
      ['swap-a', 1, 'hash_mismatch'],
      ['swap-b', 0, 'hash_mismatch'],
    ]);
    expect(result.breaks[0].detail).toMatch(/^stored hash [0-9a-f]{64}, recomputed [0-9a-f]{64} \(hash scheme 2\)$/);
    await store.pool.query(`DELETE FROM es_specific.events WHERE stream IN ('swap-a', 'swap-b')`);
    await store.pool.query(`DELETE FROM es_specific.streams WHERE stream IN ('swap-a', 'swap-b')`);
  });

  it('events written before hash scheme 2 still verify; their order is checked against what the store can produce', async () => {
    const legacy = await createPostgresEventStore({ connectionString: db.url, schema: 'es_legacy' });
    try {
      // A store as the earlier version wrote it: scheme-1 hashes, no position in the hash.
      const at = '2025-01-02T03:04:05.678Z';
      const last = new Map<string, string>();
      for (const [stream, revision, position, txid] of [
        ['old-a', 0, 10, 700],
        ['old-a', 1, 11, 700],
        ['old-b', 0, 12, 701],
        ['old-a', 2, 13, 702],
      ] as const) {
        const previousHash = last.get(stream) ?? null;
        const id = randomUUID();
        const fields = { id, stream, revision, type: 'Legacy', data: { position }, metadata: {}, recordedAt: at, previousHash };
        const hash = eventHash(fields);
        await legacy.pool.query(
          `INSERT INTO es_legacy.events (position, transaction_id, id, stream, revision, type, data, metadata, recorded_at, hash, previous_hash, hash_scheme)
           VALUES ($1, $2::text::xid8, $3, $4, $5, 'Legacy', $6, '{}', $7, $8, $9, 1)`,
          [position, txid, id, stream, revision, JSON.stringify({ position }), at, hash, previousHash],
        );
        await legacy.pool.query(
          `INSERT INTO es_legacy.streams (stream, revision) VALUES ($1, $2) ON CONFLICT (stream) DO UPDATE SET revision = EXCLUDED.revision`,
          [stream, revision],
        );
        last.set(stream, hash);
      }
      await legacy.pool.query(`SELECT setval('es_legacy.event_position', 20)`);
      expect(await legacy.verifyChains()).toMatchObject({ ok: true, events: 4, breaks: [] });
      // Appending to a legacy stream continues its chain with scheme 2.
      await legacy.append('old-a', [{ type: 'New', data: {} }], { expected: 2 });
      expect(await legacy.verifyChains()).toMatchObject({ ok: true, events: 5 });

      // A swap the order checks see: old-a@1 takes old-a@2's position (13 after 11's place).
      await legacy.pool.query(`UPDATE es_legacy.events SET position = CASE revision WHEN 1 THEN 13 ELSE 11 END WHERE stream = 'old-a' AND revision IN (1, 2)`);
      const swapped = await legacy.verifyChains();
      expect(swapped.breaks.map((b) => [b.stream, b.revision, b.reason])).toEqual([['old-a', 2, 'position_order']]);
      // Two events at one position; a transaction split by another one in the stream.
      await legacy.pool.query(
        `UPDATE es_legacy.events SET position = CASE revision WHEN 1 THEN 11 ELSE 12 END, transaction_id = CASE revision WHEN 1 THEN '699'::xid8 ELSE '700'::xid8 END
          WHERE stream = 'old-a' AND revision IN (1, 2)`,
      );
      const later = await legacy.verifyChains();
      expect(later.breaks.map((b) => [b.stream, b.revision, b.reason])).toEqual([
        ['old-a', 2, 'transaction_order'],
        ['old-a', 2, 'position_duplicate'],
        ['old-b', 0, 'position_duplicate'],
      ]);
      expect(later.breaks[1].detail).toBe('position 12 is also that of old-b@0');
      // A scheme-2 event passed off as scheme 1 no longer verifies.
      await legacy.pool.query(`UPDATE es_legacy.events SET hash_scheme = 1 WHERE stream = 'old-a' AND revision = 3`);
      expect((await legacy.verifyChains('old-a')).breaks.map((b) => [b.revision, b.reason])).toContainEqual([3, 'hash_mismatch']);
    } finally {
      await legacy.close();
    }
  });

  it('readAll holds back events behind a transaction still open, then returns them in (transaction, position) order', async () => {
    const s = `late-${randomUUID()}`;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const insertedP = new Promise<void>((resolve) => (inserted = resolve));
    const slow = store.append(`${s}-slow`, [{ type: 'Slow', data: {} }], {
      beforeCommit: async () => {
        inserted();
        await released;
      },
    });
    await insertedP;
    const fast = await store.append(`${s}-fast`, [{ type: 'Fast', data: {} }]);
    // The fast event is committed and readable in its stream...
    expect(await store.readStream(`${s}-fast`)).toHaveLength(1);
    // ...but not through readAll while an older transaction may still commit before it.
    const held = await store.readAll({ filter: { streamPrefixes: [s] } });
    expect(held.events).toEqual([]);
    release();
    const slowResult = await slow;
    expect(store.compareCheckpoints(slowResult.position, fast.position)).toBeLessThan(0);
    let all: RecordedEvent[] = [];
    for (let i = 0; i < 200 && all.length < 2; i++) {
      all = (await store.readAll({ filter: { streamPrefixes: [s] } })).events;
      if (all.length < 2) await new Promise((r) => setTimeout(r, 10));
    }
    expect(all.map((e) => e.type)).toEqual(['Slow', 'Fast']);
  });

  it('a large page (a rebuild’s) gives what small pages give, holds back behind an open transaction too, and leaves sorting on', async () => {
    const pages = await createPostgresEventStore({ connectionString: db.url, schema: 'es_pages', poolSize: 2 });
    try {
      // Concurrent appends: group commits, so transactions and positions interleave across streams.
      await Promise.all(
        Array.from({ length: 40 }, (_, i) => (async () => {
          for (let n = 0; n < 6; n++) await pages.append(`page-${i % 7}-${i}`, [{ type: 'T', data: { i, n } }, { type: 'U', data: { i, n } }]);
        })()),
      );
      // readAll holds back everything behind the cluster's oldest open transaction, and other suites
      // running alongside hold some open: an empty page means "not yet", so read on until all 480 came.
      const small: RecordedEvent[] = [];
      for (let from: Checkpoint | null = null, tries = 0; small.length < 480 && tries < 3_000; tries++) {
        const page = await pages.readAll({ from, limit: 50 });
        if (page.events.length === 0) {
          await new Promise((r) => setTimeout(r, 20));
          continue;
        }
        small.push(...page.events);
        from = page.checkpoint;
      }
      expect(small).toHaveLength(480);
      expect((await pages.readAll({ from: small[small.length - 1].position, limit: 50 })).events).toEqual([]);
      const large = await pages.readAll({ limit: 5_000 });
      expect(large.events.map((e) => e.id)).toEqual(small.map((e) => e.id));
      expect(large.checkpoint).toBe(small[small.length - 1].position);

      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let inserted!: () => void;
      const insertedP = new Promise<void>((resolve) => (inserted = resolve));
      const slow = pages.append('page-slow', [{ type: 'Slow', data: {} }], { beforeCommit: async () => (inserted(), await released) });
      await insertedP;
      expect((await pages.readAll({ from: large.checkpoint, limit: 5_000 })).events).toEqual([]);
      release();
      await slow;
      const after = await waitUntil(
        async () => (await pages.readAll({ from: large.checkpoint, limit: 5_000 })).events,
        (events) => events.length > 0,
        { what: 'the slow append, past every open transaction' },
      );
      expect(after.map((e) => e.type)).toEqual(['Slow']);

      // SET LOCAL ended with the read's transaction: both pooled connections still sort.
      const clients = await Promise.all([pages.pool.connect(), pages.pool.connect()]);
      try {
        for (const client of clients) expect((await client.query<{ enable_sort: string }>('SHOW enable_sort')).rows[0].enable_sort).toBe('on');
      } finally {
        clients.forEach((client) => client.release());
      }
    } finally {
      await pages.close();
    }
  });

  it('a subscriber to a rare type gets each one once while common events commit late around them', async () => {
    const tag = `rare-${randomUUID()}`;
    const slow = await createPostgresEventStore({
      connectionString: db.url,
      schema: 'es_specific',
      beforeCommit: async (client) => {
        await client.query('SELECT pg_sleep($1)', [Math.random() * 0.02]);
      },
    });
    const rare = `${tag}.Rare`;
    const got: string[] = [];
    const sub = store.subscribe({ filter: { types: [rare] }, batchSize: 5 }, async (events) => {
      got.push(...events.map((e) => e.id));
    });
    const appended: string[] = [];
    await Promise.all(
      Array.from({ length: 6 }, async (_, w) => {
        for (let k = 0; k < 12; k++) {
          const writer = k % 3 === 0 ? slow : store;
          const isRare = (w + k) % 7 === 0;
          const r = await writer.append(`${tag}-${w}`, [{ type: isRare ? rare : `${tag}.Common`, data: { w, k } }]);
          if (isRare) appended.push((await store.readStream(`${tag}-${w}`, { from: r.nextRevision }))[0].id);
        }
      }),
    );
    for (let i = 0; i < 500 && got.length < appended.length; i++) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 50));
    await sub.stop();
    await slow.close();
    expect(got.sort()).toEqual(appended.sort());
  });

  it('a failed append (conflict or error in the transaction) stores nothing and leaves no revision hole', async () => {
    const s = `nohole-${randomUUID()}`;
    await store.append(s, [{ type: 'A', data: {} }]);
    await expect(store.append(s, [{ type: 'B', data: {} }], { expected: 5 })).rejects.toBeInstanceOf(
      WrongExpectedRevisionError,
    );
    await expect(
      store.append(s, [{ type: 'B', data: {} }], {
        beforeCommit: async (client) => {
          await client.query('SELECT 1/0');
        },
      }),
    ).rejects.toThrow(/division by zero/);
    const r = await store.append(s, [{ type: 'C', data: {} }], { expected: 0 });
    expect(r.nextRevision).toBe(1);
    expect((await store.readStream(s)).map((e) => e.type)).toEqual(['A', 'C']);
    const { rows } = await store.pool.query('SELECT revision FROM es_specific.streams WHERE stream = $1', [s]);
    expect(rows[0].revision).toBe('1');
  });

  it('the same event id in another stream, or in part, is a typed duplicate and stores nothing', async () => {
    const id = randomUUID();
    await store.append('dup-a', [{ id, type: 'A', data: {} }]);
    await expect(store.append('dup-b', [{ id, type: 'A', data: {} }])).rejects.toBeInstanceOf(DuplicateEventIdError);
    await expect(store.append('dup-a', [{ id, type: 'A', data: {} }, { type: 'B', data: {} }])).rejects.toBeInstanceOf(
      DuplicateEventIdError,
    );
    expect(await store.readStream('dup-b')).toEqual([]);
    expect(await store.readStream('dup-a')).toHaveLength(1);
    // An upper-case spelling of the id is the same id.
    const again = await store.append('dup-a', [{ id: id.toUpperCase(), type: 'A', data: {} }]);
    expect(again.nextRevision).toBe(0);
  });

  it('group commit: concurrent appends share transactions, a conflict or a duplicate fails alone, a retry answers as stored', async () => {
    const tag = `gc-${randomUUID()}`;
    const dupId = randomUUID();
    await store.append(`${tag}-existing`, [{ type: 'A', data: {} }]);
    const home = await store.append(`${tag}-dup-home`, [{ id: dupId, type: 'A', data: {} }]);
    const appends = Array.from({ length: 60 }, (_, i) =>
      store.append(`${tag}-s${i % 12}`, [
        { type: 'Batched', data: { i } },
        { type: 'Batched', data: { i, second: true } },
      ]),
    );
    const conflict = store.append(`${tag}-existing`, [{ type: 'B', data: {} }], { expected: 7 }).catch((e: unknown) => e);
    const duplicate = store.append(`${tag}-dup-other`, [{ id: dupId, type: 'A', data: {} }]).catch((e: unknown) => e);
    // Retries of the stored append: one conflicts on its revision, the other hits the stored id.
    const retries = [
      store.append(`${tag}-dup-home`, [{ id: dupId, type: 'A', data: {} }], { expected: 'no_stream' }),
      store.append(`${tag}-dup-home`, [{ id: dupId, type: 'A', data: {} }], { expected: 'any' }),
    ];
    const results = await Promise.all(appends);
    expect(await conflict).toBeInstanceOf(WrongExpectedRevisionError);
    expect(await duplicate).toBeInstanceOf(DuplicateEventIdError);
    for (const retry of await Promise.all(retries)) expect(retry).toEqual(home);
    expect(await store.readStream(`${tag}-dup-home`)).toHaveLength(1);
    const transactions = new Set(results.map((r) => r.position.split('-')[0]));
    expect(transactions.size).toBeLessThan(results.length);
    for (let s = 0; s < 12; s++) {
      const events = await store.readStream(`${tag}-s${s}`);
      expect(events.map((e) => e.revision)).toEqual(Array.from({ length: 10 }, (_, i) => i));
    }
    expect(await store.readStream(`${tag}-dup-other`)).toEqual([]);
    const verified = await store.verifyChains();
    expect(verified.breaks).toEqual([]);
  });

  it('an append of no event only checks the expectation', async () => {
    await expect(store.append('empty-1', [], { expected: 'stream_exists' })).rejects.toBeInstanceOf(
      WrongExpectedRevisionError,
    );
    expect((await store.append('empty-1', [], { expected: 'no_stream' })).nextRevision).toBe(-1);
    const r = await store.append('empty-1', [{ type: 'A', data: {} }]);
    const e = await store.append('empty-1', [], { expected: 0 });
    expect(e).toEqual(r);
  });

  describe('handle()', () => {
    type CounterEvent = DomainEvent<'Incremented', { by: number }>;
    interface Increment {
      by: number;
    }
    const counter: Decider<Increment, CounterEvent, number> = {
      initialState: () => 0,
      evolve: (state, event) => state + event.data.by,
      decide: (command, state) => (state + command.by > 10 ? [] : [{ type: 'Incremented', data: { by: command.by } }]),
    };

    it('reads, decides and appends with the revision it read', async () => {
      const s = `counter-${randomUUID()}`;
      const first = await handle(store, s, counter, { by: 3 }, { actorId: 'u1' });
      expect(first.state).toBe(3);
      expect(first.append?.nextRevision).toBe(0);
      const second = await handle(store, s, counter, { by: 4 });
      expect(second.state).toBe(7);
      expect(second.append?.nextRevision).toBe(1);
      const none = await handle(store, s, counter, { by: 5 });
      expect(none.events).toEqual([]);
      expect(none.append).toBeUndefined();
      const stored = await store.readStream(s);
      expect(stored.map((e) => e.data)).toEqual([{ by: 3 }, { by: 4 }]);
      expect(stored[0].metadata).toEqual({ actorId: 'u1' });
    });

    it('a concurrent change between read and append raises WrongExpectedRevisionError and stores nothing', async () => {
      const s = `counter-${randomUUID()}`;
      await handle(store, s, counter, { by: 1 });
      // A store whose read is followed, before the decision is appended, by another writer's append.
      const racing: EventStore = Object.create(store);
      racing.readStream = async (stream, options) => {
        const events = await store.readStream(stream, options);
        await store.append(stream, [{ type: 'Incremented', data: { by: 2 } }]);
        return events;
      };
      const error = await handle(racing, s, counter, { by: 5 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect((error as WrongExpectedRevisionError).actual).toBe(1);
      expect((error as WrongExpectedRevisionError).expected).toBe(0);
      expect((await store.readStream(s)).map((e) => e.data)).toEqual([{ by: 1 }, { by: 2 }]);
    });

    it('given the look-ups\' read (readFolded), decides on it without reading again; a change since then raises WrongExpectedRevisionError', async () => {
      const s = `counter-${randomUUID()}`;
      expect(await readFolded(store, s, counter)).toEqual({ state: 0, revision: null });
      const counting: EventStore = Object.create(store);
      let reads = 0;
      counting.readStream = async (stream, options) => {
        reads++;
        return store.readStream(stream, options);
      };
      const first = await handle(counting, s, counter, { by: 3 }, {}, await readFolded(store, s, counter));
      expect(first.append?.nextRevision).toBe(0);
      const looked = await readFolded(store, s, counter);
      expect(looked).toEqual({ state: 3, revision: 0 });
      expect((await handle(counting, s, counter, { by: 4 }, {}, looked)).state).toBe(7);
      expect(reads).toBe(0);
      // `looked` is now one event behind: deciding on it again must not store anything.
      const error = await handle(counting, s, counter, { by: 1 }, {}, looked).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect((await store.readStream(s)).map((e) => e.data)).toEqual([{ by: 3 }, { by: 4 }]);
    });
  });
});
