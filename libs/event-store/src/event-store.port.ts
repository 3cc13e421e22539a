/**
 * The event store port (docs/design.md §4). It mirrors EventStoreDB so that the PostgreSQL and the
 * EventStoreDB adapters pass one contract suite. Domain code sees only this file's types.
 */

/** What the writer expects the stream to be before the append. A number is the exact current revision. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

/**
 * Who did it, for whom, and why (docs/design.md §4, §7). Every command's events carry it.
 * `occurredAt` is the time the user says the fact happened; `recordedAt` on the recorded event is
 * the store's clock.
 */
export interface EventMetadata {
  actorId?: string;
  actorRole?: string;
  agencyId?: string;
  correlationId?: string;
  causationId?: string;
  occurredAt?: string;
  ruleSetVersion?: string;
  [key: string]: unknown;
}

/** An event to append. `id` is the idempotency key (a uuid); generated when absent. */
export interface NewEvent<Data = unknown> {
  id?: string;
  type: string;
  data: Data;
  metadata?: EventMetadata;
}

/**
 * Opaque, totally ordered position in the whole store. Compare only with `compareCheckpoints`
 * of the adapter that produced it; persist it as the string it is.
 */
export type Checkpoint = string & { readonly __checkpoint: unique symbol };

export interface RecordedEvent<Data = unknown> {
  id: string;
  stream: string;
  /** 0-based revision within the stream. */
  revision: number;
  /** Position in the global order (the store's checkpoint order). */
  position: Checkpoint;
  type: string;
  data: Data;
  metadata: EventMetadata;
  /** When the store recorded it. */
  recordedAt: Date;
  /** SHA-256 (hex) over the canonical JSON of the event, chained to `previousHash` within the stream. */
  hash: string;
  previousHash: string | null;
}

export interface AppendOptions {
  expected?: ExpectedRevision;
}

export interface AppendResult {
  /** The revision of the last appended event (the stream's current revision after the append). */
  nextRevision: number;
  /** The checkpoint of the last appended event. */
  position: Checkpoint;
}

export interface ReadStreamOptions {
  /** First revision to return (inclusive). Default 0. */
  from?: number;
  /** Last revision to return (inclusive). */
  to?: number;
  /** Time travel: only events recorded at or before this instant. */
  asOf?: Date;
}

export interface EventFilter {
  /** Only these event types. */
  types?: readonly string[];
  /** Only streams whose name starts with one of these prefixes. */
  streamPrefixes?: readonly string[];
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this checkpoint. Absent = from the beginning. */
  from?: Checkpoint | null;
  /** Most events returned. Default 1000 (both adapters); page on with `checkpoint`. */
  limit?: number;
  filter?: EventFilter;
}

export interface ReadAllResult {
  events: RecordedEvent[];
  /**
   * Where the next read continues. Equals the last event's position, or `from` when nothing was
   * read. Never moves past an event that a still-running transaction may yet commit.
   */
  checkpoint: Checkpoint | null;
}

export interface SubscribeOptions {
  from?: Checkpoint | null;
  filter?: EventFilter;
  /** Max events handed to the handler at once. */
  batchSize?: number;
}

/**
 * Catch-up, then live. The handler receives batches in checkpoint order; the subscription waits for
 * the handler's promise before reading on, and never skips or repeats an event within one run.
 * A handler error stops the subscription and is reported through `done`.
 */
export interface Subscription {
  stop(): Promise<void>;
  /** Resolves when stopped, rejects with the handler's or the store's error. */
  readonly done: Promise<void>;
}

export type BatchHandler = (events: RecordedEvent[], checkpoint: Checkpoint) => Promise<void>;

export interface ChainBreak {
  stream: string;
  revision: number;
  /**
   * `hash_mismatch`, `broken_link`, `revision_gap`: the chain itself. The PostgreSQL store also
   * reports `position_order` (positions not strictly increasing along the stream),
   * `position_duplicate` (two events at one global position), `transaction_order` (a transaction's
   * events in the stream not contiguous) and `scheme_downgrade` (an older hash scheme after a newer one).
   */
  reason: 'hash_mismatch' | 'broken_link' | 'revision_gap' | 'position_order' | 'position_duplicate' | 'transaction_order' | 'scheme_downgrade';
  detail: string;
}

export interface VerifyResult {
  ok: boolean;
  streams: number;
  events: number;
  breaks: ChainBreak[];
}

export interface EventStore {
  append(stream: string, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult>;
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<ReadAllResult>;
  subscribe(options: SubscribeOptions, handler: BatchHandler): Subscription;
  /** Recompute every hash chain (or one stream's) and report every break. */
  verifyChains(stream?: string): Promise<VerifyResult>;
  /** Orders two checkpoints of this store: negative, zero or positive. */
  compareCheckpoints(a: Checkpoint, b: Checkpoint): number;
  close(): Promise<void>;
}

/** The stream was not at the expected revision. Maps to HTTP 409. */
export class WrongExpectedRevisionError extends Error {
  readonly code = 'WRONG_EXPECTED_REVISION';
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    /** The stream's current revision; -1 when it does not exist. */
    readonly actual: number,
  ) {
    super(`Stream ${stream}: expected revision ${String(expected)}, actual ${actual}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/** The events to append are malformed (no type, non-JSON data): rejected before touching storage. */
export class InvalidEventError extends Error {
  readonly code = 'INVALID_EVENT';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidEventError';
  }
}
