import { Pool, PoolClient, QueryConfig } from 'pg';
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
import { assertExpectedRevision, assertStreamName, prepareEvents } from '../validation';
import {
  EXPECTED_ANY,
  EXPECTED_NO_STREAM,
  EXPECTED_STREAM_EXISTS,
  OUTCOME_CONFLICT,
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
  /** How often a live subscription polls when it has caught up, ms. Default 50. */
  pollIntervalMs?: number;
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
const DEFAULT_BATCH_SIZE = 500;
const ADVISORY_LOCK_CLASS = 0x4b4e4a; // 'KNJ'

/**
 * Creates (idempotently) the schema and returns a PostgreSQL event store (ARCHITECTURE §4).
 *
 * Idempotency: an append whose event ids are all already stored in that stream (a retry of an
 * append that succeeded) is a no-op that returns the stored append's result, whatever the expected
 * revision. If only some of the ids are stored, or they are stored in another stream, the append
 * fails with DuplicateEventIdError and stores nothing.
 */
export async function createPostgresEventStore(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
  const schema = options.schema ?? 'event_store';
  quoteIdent(schema);
  const pool = new Pool({
    connectionString: options.connectionString,
    max: options.poolSize ?? 10,
    idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs ?? 60_000,
    application_name: 'kinerja-event-store',
  });
  // An idle client's connection can die (server restart, database dropped): never crash on it.
  pool.on('error', () => undefined);
  try {
    await ensureSchema(pool, schema);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return new PgEventStore(pool, schema, options);
}

async function ensureSchema(pool: Pool, schema: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [ADVISORY_LOCK_CLASS, schema]);
    for (const statement of schemaStatements(schema)) await client.query(statement);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

interface EventRow {
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

interface AppendRow {
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
  private readonly sql: {
    append: string;
    readStream: string;
    readAll: string;
    verifyPage: string;
    headless: string;
  };

  constructor(
    readonly pool: Pool,
    readonly schema: string,
    private readonly options: PostgresEventStoreOptions,
  ) {
    const s = quoteIdent(schema);
    this.s = s;
    this.sql = {
      append: `SELECT o_outcome, o_revision, o_txid, o_position FROM ${s}.append_events($1, $2, $3, $4, $5, $6, $7, $8)`,
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
      verifyPage: `SELECT e.id, e.stream, e.revision, e.type, e.data, e.metadata, e.recorded_at, e.hash, e.previous_hash,
               st.revision AS head_revision
          FROM ${s}.events e LEFT JOIN ${s}.streams st ON st.stream = e.stream
         WHERE (e.stream, e.revision) > ($1, $2) AND ($3::text IS NULL OR e.stream = $3)
         ORDER BY e.stream, e.revision
         LIMIT $4`,
      headless: `SELECT st.stream, st.revision FROM ${s}.streams st
         WHERE ($1::text IS NULL OR st.stream = $1)
           AND NOT EXISTS (SELECT 1 FROM ${s}.events e WHERE e.stream = st.stream)
         ORDER BY st.stream`,
    };
  }

  async append(stream: string, events: readonly NewEvent[], options: PostgresAppendOptions = {}): Promise<AppendResult> {
    this.assertOpen();
    assertStreamName(stream);
    const expected: ExpectedRevision = options.expected ?? 'any';
    assertExpectedRevision(expected);
    const prepared = prepareEvents(events);
    if (prepared.length === 0) return this.appendNothing(stream, expected);

    const ids = prepared.map((e) => e.id);
    const query: QueryConfig = {
      name: `kinerja_es_append`,
      text: this.sql.append,
      values: [
        stream,
        JSON.stringify(stream),
        expectedCode(expected),
        ids,
        prepared.map((e) => e.type),
        prepared.map((e) => JSON.stringify(e.type)),
        prepared.map((e) => e.dataJson),
        prepared.map((e) => e.metadataJson),
      ],
    };
    const hook = options.beforeCommit ?? this.options.beforeCommit;
    let row: AppendRow;
    try {
      row = hook ? await this.appendInTransaction(query, hook) : (await this.pool.query<AppendRow>(query)).rows[0];
    } catch (error) {
      if (isDuplicateId(error)) return this.alreadyStored(stream, ids);
      throw error;
    }
    if (row.o_outcome === OUTCOME_CONFLICT) {
      throw new WrongExpectedRevisionError(stream, expected, Number(row.o_revision));
    }
    this.wake();
    return { nextRevision: Number(row.o_revision), position: toCheckpoint(row.o_txid!, row.o_position!) };
  }

  private async appendInTransaction(query: QueryConfig, hook: BeforeCommitHook): Promise<AppendRow> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const row = (await client.query<AppendRow>(query)).rows[0];
      if (row.o_outcome !== OUTCOME_CONFLICT) await hook(client);
      await client.query('COMMIT');
      return row;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** After a unique violation on the event id: a retry of a stored append, or a real duplicate. */
  private async alreadyStored(stream: string, ids: string[]): Promise<AppendResult> {
    const { rows } = await this.pool.query<{
      id: string;
      stream: string;
      revision: string;
      transaction_id: string;
      position: string;
    }>(
      `SELECT id, stream, revision, transaction_id, position FROM ${this.s}.events WHERE id = ANY($1::uuid[]) ORDER BY revision`,
      [ids],
    );
    if (rows.length === ids.length && rows.every((r) => r.stream === stream)) {
      const last = rows[rows.length - 1];
      return { nextRevision: Number(last.revision), position: toCheckpoint(last.transaction_id, last.position) };
    }
    throw new DuplicateEventIdError(
      stream,
      rows.map((r) => r.id),
    );
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
    const { rows } = await this.pool.query<EventRow>({
      name: 'kinerja_es_read_all',
      text: this.sql.readAll,
      values: [txid, position, nonEmpty(filter.types), nonEmpty(filter.streamPrefixes), limit],
    });
    const events = rows.map(toRecorded);
    return { events, checkpoint: events.length > 0 ? events[events.length - 1].position : from };
  }

  subscribe(options: SubscribeOptions, handler: BatchHandler): Subscription {
    this.assertOpen();
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    const filter: EventFilter | undefined = options.filter;
    const subscription = runSubscription({
      from: options.from ?? null,
      batchSize,
      pollIntervalMs: this.options.pollIntervalMs ?? 50,
      read: (from, limit) => this.readAll({ from, limit, filter }),
      handler,
      wakers: this.wakers,
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
      const { rows } = await this.pool.query<EventRow & { head_revision: string | null }>({
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
