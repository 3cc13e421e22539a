import { CustomTypesConfig, Pool, PoolClient, QueryConfig, types as globalTypes } from 'pg';
import {
  AppendOptions,
  AppendResult,
  BatchHandler,
  Checkpoint,
  EventFilter,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadAllResult,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
  VerifyResult,
  WrongExpectedRevisionError,
} from '../event-store.port';
import { DuplicateEventIdError } from '../errors';
import { ChainChecker } from '../hashing';
import { runSubscription } from '../subscription';
import { guardPool, isConnectionError } from './connections';
import { assertExpectedRevision, assertStreamName, PreparedEvent, prepareEvents } from '../validation';
import {
  EXPECTED_ANY,
  EXPECTED_NO_STREAM,
  EXPECTED_STREAM_EXISTS,
  OUTCOME_APPENDED,
  OUTCOME_CONFLICT,
  OUTCOME_STORED_IDS,
  quoteIdent,
  schemaStatements,
} from './postgres-schema';

/** Test-only: runs inside the append's transaction after the insert, before COMMIT. */
export type BeforeCommitHook = (client: PoolClient) => Promise<void>;

export interface PostgresEventStoreOptions {
  connectionString: string;
  /** Schema holding the store's tables. Default `event_store`. */
  schema?: string;
  /** Connections in the store's pool. Default 10. */
  poolSize?: number;
  /** `idle_in_transaction_session_timeout` of the store's connections, ms. Default 60,000. */
  idleInTransactionTimeoutMs?: number;
  /** How long an unused pooled connection stays open, ms (0: until close). Default 10,000. */
  idleTimeoutMs?: number;
  /** How often a live subscription polls when it has caught up, ms. Default 50. */
  pollIntervalMs?: number;
  /**
   * Group commit: at most this many append transactions run at once; appends that arrive meanwhile
   * wait and go together in the next one (each keeps its own expectation and outcome), so that many
   * appends share one round trip and one commit. Default: 4, and never more than the pool size.
   */
  appendConcurrency?: number;
  /** Most events in one group-commit transaction. Default 500. */
  maxEventsPerCommit?: number;
  /**
   * TEST-ONLY. Called inside every append's transaction after its events are inserted and before
   * COMMIT (e.g. `SELECT pg_sleep(...)`), to make commits land out of position order. Never set it
   * in production: it holds the transaction open and so delays every subscriber.
   */
  beforeCommit?: BeforeCommitHook;
}

export interface PostgresAppendOptions extends AppendOptions {
  /** TEST-ONLY: as `PostgresEventStoreOptions.beforeCommit`, for one append. */
  beforeCommit?: BeforeCommitHook;
}

export interface PostgresEventStore extends EventStore {
  append(stream: string, events: readonly NewEvent[], options?: PostgresAppendOptions): Promise<AppendResult>;
  /** The store's pool (tests, tooling). */
  readonly pool: Pool;
  /** The schema holding `streams` and `events`. */
  readonly schema: string;
}

const DEFAULT_READ_LIMIT = 1000;
/** readAll pages of this many events or more are read in index order (`readInIndexOrder`). */
const INDEX_ORDER_FROM = 2_000;
const DEFAULT_BATCH_SIZE = 500;
const ADVISORY_LOCK_CLASS = 0x4b4e4a; // 'KNJ'

/**
 * Creates (idempotently) the schema and returns a PostgreSQL event store (docs/design.md §4).
 *
 * Idempotency: an append whose event ids are all already stored in that stream (a retry of an
 * append that succeeded) is a no-op that returns the stored append's result, whatever the expected
 * revision. If only some of the ids are stored, or they are stored in another stream, the append
 * fails with DuplicateEventIdError and stores nothing.
 */
export async function createPostgresEventStore(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
  const schema = options.schema ?? 'event_store';
  quoteIdent(schema);
  // A connection can die (server restart, database dropped): never crash on it.
  const pool = guardPool(
    new Pool({
      connectionString: options.connectionString,
      max: options.poolSize ?? 10,
      idleTimeoutMillis: options.idleTimeoutMs ?? 10_000,
      idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs ?? 60_000,
      application_name: 'kinerja-event-store',
      // The parsers below expect ISO timestamps; UTC keeps them short.
      options: '-c DateStyle=ISO -c TimeZone=UTC',
      types: PINNED_TYPES,
    }),
  );
  try {
    await ensureSchema(pool, schema);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return new PgEventStore(pool, schema, options);
}

/**
 * Parsers of the types this store reads, pinned per pool: `pg`'s parsers are process-wide and other
 * libraries replace them (e.g. for json/jsonb), which must not change what the hash verifier sees.
 * Other types use whatever `pg` has.
 */
const PINNED_PARSERS: Record<number, (value: string) => unknown> = {
  16: (v) => v === 't', // bool
  20: (v) => v, // int8: kept as text, converted where used
  23: (v) => Number(v), // int4
  114: (v) => JSON.parse(v), // json
  3802: (v) => JSON.parse(v), // jsonb
  1184: parseTimestamptz, // timestamptz
  5069: (v) => v, // xid8
};

const PINNED_TYPES: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    const pinned = (format ?? 'text') === 'text' ? PINNED_PARSERS[oid] : undefined;
    return pinned ?? (globalTypes.getTypeParser as (o: number, f?: string) => unknown)(oid, format);
  }) as CustomTypesConfig['getTypeParser'],
};

const TIMESTAMPTZ = /^(\d{4,})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?([+-])(\d\d)(?::(\d\d))?(?::(\d\d))?$/;

/** `2024-03-01 12:34:56.789+00` (DateStyle ISO) to a Date, to the millisecond. */
export function parseTimestamptz(text: string): Date {
  const m = TIMESTAMPTZ.exec(text);
  if (!m) return new Date(text === 'infinity' ? Number.POSITIVE_INFINITY : text === '-infinity' ? Number.NEGATIVE_INFINITY : Number.NaN);
  const ms = m[7] ? Number(m[7].padEnd(3, '0').slice(0, 3)) : 0;
  const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), ms);
  const offset = (Number(m[9]) * 3600 + Number(m[10] ?? 0) * 60 + Number(m[11] ?? 0)) * 1000;
  const date = new Date(m[8] === '+' ? utc - offset : utc + offset);
  if (Number(m[1]) < 100) date.setUTCFullYear(Number(m[1]));
  return date;
}

async function ensureSchema(pool: Pool, schema: string): Promise<void> {
  await inTransaction(pool, 'BEGIN', async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [ADVISORY_LOCK_CLASS, schema]);
    for (const statement of schemaStatements(schema)) await client.query(statement);
  });
}

/**
 * `work` on one pooled connection between `begin` (BEGIN, with options or SET LOCALs after it) and
 * COMMIT; rolled back when it fails, and a lost connection is not given back to the pool.
 */
async function inTransaction<T>(pool: Pool, begin: string, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(begin);
    const result = await work(client);
    await client.query('COMMIT');
    client.release();
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release(brokenBy(error));
    throw error;
  }
}

/** The error to release a client with: a lost connection must not go back to the pool. */
function brokenBy(error: unknown): Error | undefined {
  return isConnectionError(error) ? (error as Error) : undefined;
}

/** A row of the events table as `SELECT *` gives it (pg returns bigints as strings). */
export interface EventRow {
  position: string;
  transaction_id: string;
  id: string;
  stream: string;
  revision: string;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  recorded_at: Date;
  hash: string;
  previous_hash: string | null;
}

interface PendingAppend {
  stream: string;
  expected: ExpectedRevision;
  events: PreparedEvent[];
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

interface BatchRow {
  o_item: number;
  o_outcome: number;
  o_revision: string;
  o_txid: string | null;
  o_position: string | null;
}

const COLUMNS =
  'position, transaction_id, id, stream, revision, type, data, metadata, recorded_at, hash, previous_hash';

class PgEventStore implements PostgresEventStore {
  private readonly s: string;
  private readonly wakers = new Set<() => void>();
  private readonly subscriptions = new Set<Subscription>();
  private closed = false;
  private readonly queue: PendingAppend[] = [];
  private inFlight = 0;
  private readonly appendConcurrency: number;
  private readonly maxEventsPerCommit: number;
  private readonly sql: {
    append: string;
    readStream: string;
    readAll: string;
    readScan: string;
    verifyPage: string;
    headless: string;
    sharedPositions: string;
  };

  constructor(
    readonly pool: Pool,
    readonly schema: string,
    private readonly options: PostgresEventStoreOptions,
  ) {
    const s = quoteIdent(schema);
    this.s = s;
    this.appendConcurrency = Math.max(1, Math.min(options.appendConcurrency ?? 4, options.poolSize ?? 10));
    this.maxEventsPerCommit = Math.max(1, options.maxEventsPerCommit ?? 500);
    this.sql = {
      append: `SELECT o_item, o_outcome, o_revision, o_txid, o_position FROM ${s}.append_batch($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      readStream: `SELECT ${COLUMNS} FROM ${s}.events
        WHERE stream = $1 AND revision >= $2 AND revision <= $3 AND ($4::timestamptz IS NULL OR recorded_at <= $4)
        ORDER BY revision`,
      // Only transactions older than the oldest one still running: a late commit is never skipped.
      readAll: `SELECT ${COLUMNS} FROM ${s}.events
        WHERE (transaction_id, position) > ($1::xid8, $2::bigint)
          AND transaction_id < (SELECT pg_snapshot_xmin(pg_current_snapshot()))
          AND ($3::text[] IS NULL OR type = ANY($3::text[]))
          AND ($4::text[] IS NULL OR stream ^@ ANY($4::text[]))
        ORDER BY transaction_id, position
        LIMIT $5`,
      // As readAll, plus (last row, is_tail) the newest event of the same snapshot that readAll may
      // return: a subscription whose filter matched nothing up to there need not scan it again.
      readScan: `WITH x AS MATERIALIZED (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin),
        page AS (
          SELECT ${COLUMNS}, false AS is_tail FROM ${s}.events
           WHERE (transaction_id, position) > ($1::xid8, $2::bigint)
             AND transaction_id < (SELECT xmin FROM x)
             AND ($3::text[] IS NULL OR type = ANY($3::text[]))
             AND ($4::text[] IS NULL OR stream ^@ ANY($4::text[]))
           ORDER BY transaction_id, position
           LIMIT $5)
        SELECT * FROM (
          SELECT * FROM page
          UNION ALL
          (SELECT ${COLUMNS}, true AS is_tail FROM ${s}.events
            WHERE (transaction_id, position) > ($1::xid8, $2::bigint)
              AND transaction_id < (SELECT xmin FROM x)
            ORDER BY transaction_id DESC, position DESC
            LIMIT 1)
        ) r ORDER BY is_tail, transaction_id, position`,
      verifyPage: `SELECT e.id, e.stream, e.revision, e.type, e.data, e.metadata, e.recorded_at, e.hash, e.previous_hash,
               e.position, e.transaction_id, e.hash_scheme, st.revision AS head_revision
          FROM ${s}.events e LEFT JOIN ${s}.streams st ON st.stream = e.stream
         WHERE (e.stream, e.revision) > ($1, $2) AND ($3::text IS NULL OR e.stream = $3)
         ORDER BY e.stream, e.revision
         LIMIT $4`,
      headless: `SELECT st.stream, st.revision FROM ${s}.streams st
         WHERE ($1::text IS NULL OR st.stream = $1)
           AND NOT EXISTS (SELECT 1 FROM ${s}.events e WHERE e.stream = st.stream)
         ORDER BY st.stream`,
      // A sequence never gives one value twice.
      sharedPositions: `SELECT e.position, e.stream, e.revision FROM ${s}.events e
         WHERE e.position IN (SELECT position FROM ${s}.events GROUP BY position HAVING count(*) > 1)
         ORDER BY e.position, e.stream, e.revision`,
    };
  }

  async append(stream: string, events: readonly NewEvent[], options: PostgresAppendOptions = {}): Promise<AppendResult> {
    this.assertOpen();
    assertStreamName(stream);
    const expected: ExpectedRevision = options.expected ?? 'any';
    assertExpectedRevision(expected);
    const prepared = prepareEvents(events);
    if (prepared.length === 0) return this.appendNothing(stream, expected);
    const hook = options.beforeCommit ?? this.options.beforeCommit;
    return new Promise<AppendResult>((resolve, reject) => {
      const item: PendingAppend = { stream, expected, events: prepared, resolve, reject };
      if (hook) {
        // Test-only path: a transaction of its own, with the hook before COMMIT.
        void this.runBatch([item], hook);
        return;
      }
      this.queue.push(item);
      this.pump();
    });
  }

  /** Starts group-commit transactions while there is room and work. */
  private pump(): void {
    while (this.inFlight < this.appendConcurrency && this.queue.length > 0) {
      const batch: PendingAppend[] = [];
      let count = 0;
      while (this.queue.length > 0 && (batch.length === 0 || count + this.queue[0].events.length <= this.maxEventsPerCommit)) {
        const next = this.queue.shift()!;
        batch.push(next);
        count += next.events.length;
      }
      this.inFlight++;
      void this.runBatch(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  /**
   * One transaction for a batch of appends; settles every item. Should the transaction fail as a
   * whole (a duplicate event id, a deadlock, a lost connection), the items are retried one by one so
   * that one bad append fails alone. Never rejects.
   */
  private async runBatch(batch: PendingAppend[], hook?: BeforeCommitHook): Promise<void> {
    // Stable sort by stream: concurrent batches lock `streams` rows in one order (no deadlock), and
    // the appends of one stream keep their order.
    const items = batch.length > 1 ? [...batch].sort((a, b) => (a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : 0)) : batch;
    const query: QueryConfig = {
      name: 'kinerja_es_append_batch',
      text: this.sql.append,
      values: [
        items.map((i) => i.stream),
        items.map((i) => JSON.stringify(i.stream)),
        items.map((i) => expectedCode(i.expected)),
        items.map((i) => i.events.length),
        items.flatMap((i) => i.events.map((e) => e.id)),
        items.flatMap((i) => i.events.map((e) => e.type)),
        items.flatMap((i) => i.events.map((e) => JSON.stringify(e.type))),
        items.flatMap((i) => i.events.map((e) => e.dataJson)),
        items.flatMap((i) => i.events.map((e) => e.metadataJson)),
      ],
    };
    let rows: BatchRow[];
    try {
      rows = hook ? await this.batchInTransaction(query, hook) : (await this.pool.query<BatchRow>(query)).rows;
    } catch (error) {
      if (isDuplicateId(error)) {
        // Ids already stored: those items are settled by what is stored (a retry, or a duplicate);
        // the others go on together, still one transaction.
        const stored = (await this.storedEvents(items.flatMap((i) => i.events.map((e) => e.id))).catch(() => null)) ?? [];
        const storedIds = new Set(stored.map((r) => r.id));
        const clashing = items.filter((i) => i.events.some((e) => storedIds.has(e.id)));
        if (clashing.length > 0) {
          for (const item of clashing) settleStored(item, stored);
          const rest = items.filter((i) => !clashing.includes(i));
          if (rest.length > 0) await this.runBatch(rest);
          return;
        }
      }
      if (items.length > 1) {
        for (const item of items) await this.runBatch([item]);
        return;
      }
      items[0].reject(isDuplicateId(error) ? new DuplicateEventIdError(items[0].stream, []) : error);
      return;
    }
    let appended = false;
    for (const row of rows) {
      const item = items[row.o_item - 1];
      if (row.o_outcome === OUTCOME_CONFLICT) {
        item.reject(new WrongExpectedRevisionError(item.stream, item.expected, Number(row.o_revision)));
      } else if (row.o_outcome === OUTCOME_STORED_IDS) {
        this.storedEvents(item.events.map((e) => e.id)).then((stored) => settleStored(item, stored), item.reject);
      } else {
        appended = true;
        item.resolve({ nextRevision: Number(row.o_revision), position: toCheckpoint(row.o_txid!, row.o_position!) });
      }
    }
    if (appended) this.wake();
  }

  private batchInTransaction(query: QueryConfig, hook: BeforeCommitHook): Promise<BatchRow[]> {
    return inTransaction(this.pool, 'BEGIN', async (client) => {
      const { rows } = await client.query<BatchRow>(query);
      if (rows.some((r) => r.o_outcome === OUTCOME_APPENDED)) await hook(client);
      return rows;
    });
  }

  /** The stored events among `ids`, by revision. */
  private async storedEvents(ids: string[]): Promise<StoredIdRow[]> {
    const { rows } = await this.pool.query<StoredIdRow>(
      `SELECT id, stream, revision, transaction_id, position FROM ${this.s}.events WHERE id = ANY($1::uuid[]) ORDER BY revision`,
      [ids],
    );
    return rows;
  }

  /** An append of no event only checks the expectation. */
  private async appendNothing(stream: string, expected: ExpectedRevision): Promise<AppendResult> {
    const { rows } = await this.pool.query<{ revision: string; transaction_id: string | null; position: string | null }>(
      `SELECT st.revision, e.transaction_id, e.position FROM ${this.s}.streams st
         LEFT JOIN ${this.s}.events e ON e.stream = st.stream AND e.revision = st.revision
        WHERE st.stream = $1`,
      [stream],
    );
    const actual = rows.length === 0 ? -1 : Number(rows[0].revision);
    if (!expectationHolds(expected, actual)) throw new WrongExpectedRevisionError(stream, expected, actual);
    const row = rows[0];
    return {
      nextRevision: actual,
      position: row?.transaction_id && row.position ? toCheckpoint(row.transaction_id, row.position) : ZERO,
    };
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertStreamName(stream);
    const { rows } = await this.pool.query<EventRow>({
      name: 'kinerja_es_read_stream',
      text: this.sql.readStream,
      values: [stream, options.from ?? 0, options.to ?? Number.MAX_SAFE_INTEGER, options.asOf ?? null],
    });
    return rows.map(toRecorded);
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllResult> {
    this.assertOpen();
    const from = options.from ?? null;
    const [txid, position] = from === null ? ['0', '0'] : parseCheckpoint(from);
    const limit = options.limit ?? DEFAULT_READ_LIMIT;
    if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`Invalid limit ${limit}`);
    const filter = options.filter ?? {};
    const values = [txid, position, nonEmpty(filter.types), nonEmpty(filter.streamPrefixes), limit];
    const rows =
      limit >= INDEX_ORDER_FROM
        ? await this.readInIndexOrder(values)
        : (await this.pool.query<EventRow>({ name: 'kinerja_es_read_all', text: this.sql.readAll, values })).rows;
    const events = rows.map(toRecorded);
    return { events, checkpoint: events.length > 0 ? events[events.length - 1].position : from };
  }

  /**
   * A large page (a rebuild's or catch-up's) in the order of events_global_order, never sorted apart.
   * The planner gives the row comparison a fixed selectivity, so on a store of fewer than ~5 times
   * the page's events it expects the page to hold them all and picks a scan of the whole table and
   * a sort, which spills to disk once the page outgrows work_mem: career-decisions' 99,946 events
   * on the demo city of 20,000 were each sorted again for each of its pages of 20,000, and
   * feedback-intake's 15,724 (13 MB) took 249 ms where the index gives them in order in ~70.
   * Planned under `enable_sort = off` in a read-only transaction of its own (an unnamed statement,
   * so that no plan made under another setting is reused).
   */
  private readInIndexOrder(values: unknown[]): Promise<EventRow[]> {
    return inTransaction(this.pool, 'BEGIN READ ONLY; SET LOCAL enable_sort = off', async (client) => (await client.query<EventRow>({ text: this.sql.readAll, values })).rows);
  }

  /** readAll for subscriptions: also says how far the statement looked (`scannedTo`). */
  private async readScan(from: Checkpoint | null, limit: number, filter: EventFilter | undefined) {
    this.assertOpen();
    const [txid, position] = from === null ? ['0', '0'] : parseCheckpoint(from);
    const { rows } = await this.pool.query<EventRow & { is_tail: boolean }>({
      name: 'kinerja_es_read_scan',
      text: this.sql.readScan,
      values: [txid, position, nonEmpty(filter?.types), nonEmpty(filter?.streamPrefixes), limit],
    });
    const tail = rows.length > 0 && rows[rows.length - 1].is_tail ? rows.pop()! : null;
    const events = rows.map(toRecorded);
    return {
      events,
      checkpoint: events.length > 0 ? events[events.length - 1].position : from,
      scannedTo: tail ? toCheckpoint(tail.transaction_id, tail.position) : null,
    };
  }

  subscribe(options: SubscribeOptions, handler: BatchHandler): Subscription {
    this.assertOpen();
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    const filter: EventFilter | undefined = options.filter;
    const subscription = runSubscription({
      from: options.from ?? null,
      batchSize,
      pollIntervalMs: this.options.pollIntervalMs ?? 50,
      read: (from, limit) => this.readScan(from, limit, filter),
      handler,
      wakers: this.wakers,
      compare: (a, b) => this.compareCheckpoints(a, b),
    });
    this.subscriptions.add(subscription);
    subscription.done.then(
      () => this.subscriptions.delete(subscription),
      () => this.subscriptions.delete(subscription),
    );
    return subscription;
  }

  async verifyChains(stream?: string): Promise<VerifyResult> {
    this.assertOpen();
    const only = stream ?? null;
    const checker = new ChainChecker();
    const pageSize = 2000;
    let after: [string, number] = ['', -1];
    let current: { stream: string; head: number | null } | null = null;
    for (;;) {
      const { rows } = await this.pool.query<EventRow & { hash_scheme: number; head_revision: string | null }>({
        name: 'kinerja_es_verify_page',
        text: this.sql.verifyPage,
        values: [after[0], after[1], only, pageSize],
      });
      for (const row of rows) {
        if (current && current.stream !== row.stream) checker.checkHead(current.stream, current.head, null);
        checker.add({
          id: row.id,
          stream: row.stream,
          revision: Number(row.revision),
          type: row.type,
          data: row.data,
          metadata: row.metadata,
          recordedAt: row.recorded_at.toISOString(),
          previousHash: row.previous_hash,
          hash: row.hash,
          scheme: Number(row.hash_scheme) === 2 ? 2 : 1,
          position: row.position,
          transactionId: row.transaction_id,
        });
        current = { stream: row.stream, head: row.head_revision === null ? null : Number(row.head_revision) };
      }
      if (rows.length < pageSize) break;
      const last = rows[rows.length - 1];
      after = [last.stream, Number(last.revision)];
    }
    if (current) checker.checkHead(current.stream, current.head, null);
    const { rows: headless } = await this.pool.query<{ stream: string; revision: string }>(this.sql.headless, [only]);
    for (const row of headless) checker.checkHead(row.stream, Number(row.revision), null);
    if (only === null) {
      const { rows: shared } = await this.pool.query<{ position: string; stream: string; revision: string }>(this.sql.sharedPositions);
      for (const row of shared) {
        const others = shared.filter((o) => o.position === row.position && (o.stream !== row.stream || o.revision !== row.revision));
        checker.breaks.push({
          stream: row.stream,
          revision: Number(row.revision),
          reason: 'position_duplicate',
          detail: `position ${row.position} is also that of ${others.map((o) => `${o.stream}@${o.revision}`).join(', ')}`,
        });
      }
    }
    return { ok: checker.breaks.length === 0, streams: checker.streams, events: checker.events, breaks: checker.breaks };
  }

  compareCheckpoints(a: Checkpoint, b: Checkpoint): number {
    const [ta, pa] = parseCheckpoint(a).map(BigInt);
    const [tb, pb] = parseCheckpoint(b).map(BigInt);
    if (ta !== tb) return ta < tb ? -1 : 1;
    return pa === pb ? 0 : pa < pb ? -1 : 1;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    // Appends already accepted finish first.
    while (this.inFlight > 0 || this.queue.length > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await this.pool.end();
  }

  private wake(): void {
    for (const wake of this.wakers) wake();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The event store is closed');
  }
}

function expectedCode(expected: ExpectedRevision): number {
  switch (expected) {
    case 'any':
      return EXPECTED_ANY;
    case 'no_stream':
      return EXPECTED_NO_STREAM;
    case 'stream_exists':
      return EXPECTED_STREAM_EXISTS;
    default:
      return expected;
  }
}

export function expectationHolds(expected: ExpectedRevision, actual: number): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === -1;
    case 'stream_exists':
      return actual >= 0;
    default:
      return actual === expected;
  }
}

interface StoredIdRow {
  id: string;
  stream: string;
  revision: string;
  transaction_id: string;
  position: string;
}

/**
 * Settles an append some of whose ids are stored (`stored`: stored events, its own among them): a
 * retry of a stored append when all of its ids are, in its stream (answered as the stored append
 * was), else a duplicate.
 */
function settleStored(item: PendingAppend, stored: readonly StoredIdRow[]): void {
  const ids = new Set(item.events.map((e) => e.id));
  const mine = stored.filter((r) => ids.has(r.id));
  if (mine.length === ids.size && mine.every((r) => r.stream === item.stream)) {
    const last = mine[mine.length - 1];
    item.resolve({ nextRevision: Number(last.revision), position: toCheckpoint(last.transaction_id, last.position) });
  } else {
    item.reject(
      new DuplicateEventIdError(
        item.stream,
        mine.map((r) => r.id),
      ),
    );
  }
}

function isDuplicateId(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string };
  return e?.code === '23505' && e.constraint === 'events_id_key';
}

function nonEmpty(values: readonly string[] | undefined): string[] | null {
  return values === undefined ? null : [...values];
}

function toRecorded(row: EventRow): RecordedEvent {
  return {
    id: row.id,
    stream: row.stream,
    revision: Number(row.revision),
    position: toCheckpoint(row.transaction_id, row.position),
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at,
    hash: row.hash,
    previousHash: row.previous_hash,
  };
}

/**
 * A checkpoint is the pair (transaction id, position), each zero-padded so that the strings also
 * sort in checkpoint order: `00000000000000000742-0000000000000012345`.
 */
export function toCheckpoint(transactionId: string, position: string): Checkpoint {
  return `${transactionId.padStart(20, '0')}-${position.padStart(19, '0')}` as Checkpoint;
}

const ZERO = toCheckpoint('0', '0');
const CHECKPOINT = /^(\d{20})-(\d{19})$/;

export function parseCheckpoint(checkpoint: Checkpoint): [string, string] {
  const m = CHECKPOINT.exec(checkpoint);
  if (!m) throw new RangeError(`Not a PostgreSQL event store checkpoint: ${String(checkpoint)}`);
  return [BigInt(m[1]).toString(), BigInt(m[2]).toString()];
}
