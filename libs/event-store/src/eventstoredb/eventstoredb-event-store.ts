import {
  AllStreamResolvedEvent,
  AllStreamSubscription,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  JSONType,
  NO_STREAM,
  Position,
  ResolvedEvent,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  eventTypeFilter,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
} from '@eventstore/db-client';
import {
  AppendOptions,
  AppendResult,
  BatchHandler,
  Checkpoint,
  EventFilter,
  EventMetadata,
  EventStore,
  ExpectedRevision,
  InvalidEventError,
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
import { pick } from '@kinerja/domain';
import { ChainChecker, eventHash } from '../hashing';
import { subscriptionOf } from '../subscription';
import { assertExpectedRevision, assertStreamName, PreparedEvent, prepareEvents } from '../validation';

export interface EventStoreDbStoreOptions {
  /** e.g. `esdb://localhost:2113?tls=false` */
  connectionString: string;
  /** Retries of an `any`/`stream_exists` append that lost a race (see below). Default 20. */
  maxRetries?: number;
}

/**
 * The hash chain lives in each event's metadata under this key; it is taken out of `metadata` when
 * events are read, and user metadata may not use it.
 */
export const CHAIN_METADATA_KEY = 'kinerjaChain';

interface ChainMetadata {
  v: 1;
  /** The instant hashed as `recordedAt` (the writer's clock, ms, never before the previous event). */
  recordedAt: string;
  hash: string;
  previousHash: string | null;
}

const DEFAULT_READ_LIMIT = 1000;
const DEFAULT_BATCH_SIZE = 500;

/**
 * EventStoreDB / KurrentDB adapter of the EventStore port (docs/design.md §4), through
 * `@eventstore/db-client`.
 *
 * - Revisions: EventStoreDB's BigInt revisions as numbers; `any`, `no_stream`, `stream_exists`
 *   and exact revisions map to the client's constants. A conflict raises WrongExpectedRevisionError
 *   with the actual revision (-1 for no stream).
 * - Hash chain: each event's hash (SHA-256 over the same RFC 8785 canonical JSON as the PostgreSQL
 *   adapter) and its previous hash are kept in its metadata. Since the chain needs the revision and
 *   the previous hash before writing, every append is sent with an exact expected revision read
 *   just before: a caller's `any` or `stream_exists` that loses a race to another writer is re-read
 *   and retried here, so no two writers ever chain to the same event.
 * - `recordedAt` of a RecordedEvent is the server's `created` time (what `asOf` filters on); the
 *   instant inside the hash is the writer's clock, kept in the chain metadata, so that the hash can
 *   be computed before the write.
 * - Checkpoints: the $all commit/prepare position pair, zero-padded (`commit/prepare`).
 * - Idempotency: EventStoreDB's own for `no_stream` and exact revisions (an append of the same
 *   event ids at the same place is a no-op that answers as the first did); for `any` and
 *   `stream_exists`, an append whose ids are the stream's last events is a no-op too. Unlike the
 *   PostgreSQL adapter, the same event id may be used again in another stream.
 */
export function createEventStoreDbStore(options: EventStoreDbStoreOptions): EventStoreDbStore {
  return new EventStoreDbStore(EventStoreDBClient.connectionString(options.connectionString), options);
}

export class EventStoreDbStore implements EventStore {
  private readonly subscriptions = new Set<Subscription>();
  private closed = false;

  constructor(
    readonly client: EventStoreDBClient,
    private readonly options: EventStoreDbStoreOptions,
  ) {}

  async append(stream: string, events: readonly NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    this.assertOpen();
    assertStreamName(stream);
    const expected: ExpectedRevision = options.expected ?? 'any';
    assertExpectedRevision(expected);
    const prepared = prepareEvents(events);
    for (const e of prepared) {
      if (Object.prototype.hasOwnProperty.call(e.metadata, CHAIN_METADATA_KEY)) {
        throw new InvalidEventError(`Metadata key ${CHAIN_METADATA_KEY} is reserved for the hash chain`);
      }
    }
    if (prepared.length === 0) return this.appendNothing(stream, expected);

    if (expected === 'no_stream') {
      return this.write(stream, prepared, -1, null, null, expected);
    }
    if (typeof expected === 'number') {
      // Chain onto the event at the expected revision; EventStoreDB decides whether it is the last
      // one (append), whether these very events follow it already (idempotent retry), or neither.
      const at = await this.readOne(stream, expected);
      if (!at) throw new WrongExpectedRevisionError(stream, expected, await this.currentRevision(stream));
      return this.write(stream, prepared, expected, at.chain?.hash ?? null, at.chain?.recordedAt ?? null, expected);
    }
    // 'any' and 'stream_exists': append after the last event as read now, retrying a lost race.
    const maxRetries = this.options.maxRetries ?? 20;
    for (let attempt = 0; ; attempt++) {
      const tail = await this.readTail(stream, prepared.length);
      if (tail.length === 0 && expected === 'stream_exists') throw new WrongExpectedRevisionError(stream, expected, -1);
      const last = tail[tail.length - 1];
      if (tail.length === prepared.length && tail.every((t, i) => t.id === prepared[i].id)) {
        return { nextRevision: last.revision, position: last.position }; // a retry of a stored append
      }
      try {
        return await this.write(
          stream,
          prepared,
          last ? last.revision : -1,
          last?.chain?.hash ?? null,
          last?.chain?.recordedAt ?? null,
          expected,
        );
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= maxRetries) throw error;
      }
    }
  }

  /**
   * Appends with the exact revision `after` (-1: the stream must not exist), chaining onto
   * `previousHash`. Conflicts are reported against the caller's expectation.
   */
  private async write(
    stream: string,
    events: PreparedEvent[],
    after: number,
    previousHash: string | null,
    previousAt: string | null,
    callerExpected: ExpectedRevision,
  ): Promise<AppendResult> {
    let now = new Date().toISOString();
    if (previousAt !== null && previousAt > now) now = previousAt;
    let prev = previousHash;
    const data = events.map((e, i) => {
      const revision = after + 1 + i;
      const hash = eventHash({
        id: e.id,
        stream,
        revision,
        type: e.type,
        data: e.data,
        metadata: e.metadata,
        recordedAt: now,
        previousHash: prev,
      });
      const chain: ChainMetadata = { v: 1, recordedAt: now, hash, previousHash: prev };
      prev = hash;
      return jsonEvent({
        id: e.id,
        type: e.type,
        data: e.data as JSONType,
        metadata: { ...e.metadata, [CHAIN_METADATA_KEY]: chain },
      });
    });
    try {
      const result = await this.client.appendToStream(stream, data, {
        expectedRevision: after < 0 ? NO_STREAM : BigInt(after),
      });
      const nextRevision = Number(result.nextExpectedRevision);
      const position = result.position ? toCheckpoint(result.position) : (await this.readOne(stream, nextRevision))?.position;
      if (!position) throw new Error(`Stream ${stream}: appended, but revision ${nextRevision} cannot be read back`);
      return { nextRevision, position };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        const actual = error.actualVersion === NO_STREAM ? -1 : Number(error.actualVersion);
        throw new WrongExpectedRevisionError(stream, callerExpected, actual);
      }
      throw error;
    }
  }

  private async appendNothing(stream: string, expected: ExpectedRevision): Promise<AppendResult> {
    const [last] = await this.readTail(stream, 1);
    const actual = last ? last.revision : -1;
    const holds =
      expected === 'any' ||
      (expected === 'no_stream' && actual === -1) ||
      (expected === 'stream_exists' && actual >= 0) ||
      expected === actual;
    if (!holds) throw new WrongExpectedRevisionError(stream, expected, actual);
    return { nextRevision: actual, position: last ? last.position : toCheckpoint({ commit: BigInt(0), prepare: BigInt(0) }) };
  }

  private async currentRevision(stream: string): Promise<number> {
    const [last] = await this.readTail(stream, 1);
    return last ? last.revision : -1;
  }

  /** The last `count` events of a stream, oldest first. */
  private async readTail(stream: string, count: number): Promise<StoredEvent[]> {
    const events = await this.collect(this.client.readStream(stream, { direction: BACKWARDS, fromRevision: END, maxCount: count }));
    return events.reverse();
  }

  private async readOne(stream: string, revision: number): Promise<StoredEvent | undefined> {
    const [event] = await this.collect(
      this.client.readStream(stream, { direction: FORWARDS, fromRevision: BigInt(revision), maxCount: 1 }),
    );
    return event && event.revision === revision ? event : undefined;
  }

  private async collect(read: AsyncIterable<ResolvedEvent>): Promise<StoredEvent[]> {
    const out: StoredEvent[] = [];
    try {
      for await (const resolved of read) {
        const stored = toStored(resolved.event);
        if (stored) out.push(stored);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return out;
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertStreamName(stream);
    const from = options.from ?? 0;
    const to = options.to;
    if (to !== undefined && to < from) return [];
    const events = await this.collect(
      this.client.readStream(stream, {
        direction: FORWARDS,
        fromRevision: BigInt(from),
        ...(to !== undefined ? { maxCount: BigInt(to - from + 1) } : {}),
      }),
    );
    const asOf = options.asOf?.getTime();
    return events.filter((e) => asOf === undefined || e.recordedAt.getTime() <= asOf).map(toRecorded);
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllResult> {
    this.assertOpen();
    const from = options.from ?? null;
    const limit = options.limit ?? DEFAULT_READ_LIMIT;
    if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`Invalid limit ${limit}`);
    const matches = matcher(options.filter);
    const out: RecordedEvent[] = [];
    // $all has no server-side filter for reads in this client: read chunks and filter here.
    const chunk = Math.max(limit, 500);
    // Reading $all from a position includes the event there: skip everything up to `after`.
    let after: Checkpoint | null = from;
    for (;;) {
      let scanned = 0;
      let lastSeen: Checkpoint | null = null;
      const read = this.client.readAll({
        direction: FORWARDS,
        fromPosition: after === null ? START : parseCheckpoint(after),
        maxCount: chunk,
      });
      try {
        for await (const resolved of read as AsyncIterable<AllStreamResolvedEvent>) {
          scanned++;
          const event = resolved.event;
          if (!event) continue;
          const position = toCheckpoint(event.position);
          lastSeen = position;
          if (after !== null && this.compareCheckpoints(position, after) <= 0) continue;
          const stored = toStored(event);
          if (!stored || !matches(stored)) continue;
          out.push(toRecorded(stored));
          if (out.length === limit) break;
        }
      } finally {
        await read.cancel().catch(() => undefined);
      }
      if (out.length >= limit || scanned < chunk || lastSeen === null || lastSeen === after) break;
      after = lastSeen;
    }
    return { events: out, checkpoint: out.length > 0 ? out[out.length - 1].position : from };
  }

  subscribe(options: SubscribeOptions, handler: BatchHandler): Subscription {
    this.assertOpen();
    const from = options.from ?? null;
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    const matches = matcher(options.filter);
    const source: AllStreamSubscription = this.client.subscribeToAll({
      fromPosition: from === null ? START : parseCheckpoint(from),
      filter: serverFilter(options.filter),
    });
    const subscription = runPushSubscription(source, {
      batchSize,
      accept: (event) => {
        if (!event) return null;
        if (from !== null && this.compareCheckpoints(toCheckpoint(event.position), from) <= 0) return null;
        const stored = toStored(event);
        return stored && matches(stored) ? toRecorded(stored) : null;
      },
      handler,
    });
    this.subscriptions.add(subscription);
    const forget = () => this.subscriptions.delete(subscription);
    subscription.done.then(forget, forget);
    return subscription;
  }

  async verifyChains(stream?: string): Promise<VerifyResult> {
    this.assertOpen();
    const streams = stream === undefined ? await this.userStreams() : [stream];
    const checker = new ChainChecker();
    for (const name of streams.sort()) {
      const events = await this.collect(this.client.readStream(name, { direction: FORWARDS, fromRevision: START }));
      for (const e of events) {
        checker.add({
          ...pick(e, 'id', 'stream', 'revision', 'type', 'data', 'metadata'),
          recordedAt: e.chain?.recordedAt ?? '',
          previousHash: e.chain?.previousHash ?? null,
          hash: e.chain?.hash ?? '',
        });
      }
    }
    return { ok: checker.breaks.length === 0, streams: checker.streams, events: checker.events, breaks: checker.breaks };
  }

  /** Every stream that holds an event of this store (read from $all). */
  private async userStreams(): Promise<string[]> {
    const names = new Set<string>();
    let from: Checkpoint | null = null;
    for (;;) {
      const page = await this.readAll({ from, limit: 1000 });
      for (const e of page.events) names.add(e.stream);
      if (page.events.length < 1000) break;
      from = page.checkpoint;
    }
    return [...names];
  }

  compareCheckpoints(a: Checkpoint, b: Checkpoint): number {
    const pa = parseCheckpoint(a);
    const pb = parseCheckpoint(b);
    if (pa.commit !== pb.commit) return pa.commit < pb.commit ? -1 : 1;
    return pa.prepare === pb.prepare ? 0 : pa.prepare < pb.prepare ? -1 : 1;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.client.dispose();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The event store is closed');
  }
}

interface StoredEvent {
  id: string;
  stream: string;
  revision: number;
  position: Checkpoint;
  type: string;
  data: unknown;
  metadata: EventMetadata;
  recordedAt: Date;
  chain: ChainMetadata | null;
}

type AnyRecorded = NonNullable<ResolvedEvent['event']> | NonNullable<AllStreamResolvedEvent['event']>;

/** A stored event of this store (JSON, not a system event), or null. */
function toStored(event: AnyRecorded | undefined): StoredEvent | null {
  if (!event || !event.isJson || event.streamId.startsWith('$') || event.type.startsWith('$')) return null;
  const raw = (event.metadata ?? {}) as Record<string, unknown>;
  const metadata: Record<string, unknown> = {};
  let chain: ChainMetadata | null = null;
  if (raw && typeof raw === 'object' && !(raw instanceof Uint8Array) && !Array.isArray(raw)) {
    for (const [k, v] of Object.entries(raw)) {
      if (k === CHAIN_METADATA_KEY) chain = v as ChainMetadata;
      else metadata[k] = v;
    }
  }
  return {
    id: event.id,
    stream: event.streamId,
    revision: Number(event.revision),
    position: event.position ? toCheckpoint(event.position) : toCheckpoint({ commit: BigInt(0), prepare: BigInt(0) }),
    type: event.type,
    data: event.data,
    metadata: metadata as EventMetadata,
    recordedAt: event.created,
    chain,
  };
}

function toRecorded(e: StoredEvent): RecordedEvent {
  return {
    ...pick(e, 'id', 'stream', 'revision', 'position', 'type', 'data', 'metadata', 'recordedAt'),
    hash: e.chain?.hash ?? '',
    previousHash: e.chain?.previousHash ?? null,
  };
}

function matcher(filter: EventFilter | undefined): (e: StoredEvent) => boolean {
  const types = filter?.types ? new Set(filter.types) : null;
  const prefixes = filter?.streamPrefixes ?? null;
  return (e) => (types === null || types.has(e.type)) && (prefixes === null || prefixes.some((p) => e.stream.startsWith(p)));
}

/** The server-side part of a filter (the rest is applied on arrival); system events are always left out. */
function serverFilter(filter: EventFilter | undefined) {
  if (filter?.streamPrefixes && filter.streamPrefixes.length > 0) {
    return streamNameFilter({ prefixes: [...filter.streamPrefixes] });
  }
  if (filter?.types && filter.types.length > 0) {
    const escaped = filter.types.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    return eventTypeFilter({ regex: `^(?:${escaped.join('|')})$` });
  }
  return excludeSystemEvents();
}

/** `commit/prepare`, each zero-padded to 20 digits so that the strings also sort in order. */
export function toCheckpoint(position: Position): Checkpoint {
  return `${position.commit.toString().padStart(20, '0')}/${position.prepare.toString().padStart(20, '0')}` as Checkpoint;
}

const CHECKPOINT = /^(\d{1,20})\/(\d{1,20})$/;

export function parseCheckpoint(checkpoint: Checkpoint): Position {
  const m = CHECKPOINT.exec(checkpoint);
  if (!m) throw new RangeError(`Not an EventStoreDB checkpoint: ${String(checkpoint)}`);
  return { commit: BigInt(m[1]), prepare: BigInt(m[2]) };
}

export interface PushSubscriptionOptions {
  batchSize: number;
  accept(event: AllStreamResolvedEvent['event']): RecordedEvent | null;
  handler: BatchHandler;
}

/**
 * Turns the client's push subscription into the port's batches: events are queued as they arrive
 * (the source is paused while the queue is full), handed over in batches of at most `batchSize`,
 * and the handler is awaited before the next batch.
 */
export function runPushSubscription(source: AllStreamSubscription, options: PushSubscriptionOptions): Subscription {
  const queue: RecordedEvent[] = [];
  const highWater = options.batchSize * 4;
  let stopping = false;
  let failure: unknown = null;
  let ended = false;
  let wake: (() => void) | null = null;
  const poke = () => {
    const w = wake;
    wake = null;
    w?.();
  };

  source.on('data', (resolved: AllStreamResolvedEvent) => {
    const event = options.accept(resolved.event);
    if (!event) return;
    queue.push(event);
    if (queue.length >= highWater) source.pause();
    poke();
  });
  source.on('error', (error: Error) => {
    failure ??= error;
    poke();
  });
  source.on('end', () => {
    ended = true;
    poke();
  });

  const loop = async () => {
    try {
      while (!stopping) {
        if (failure) throw failure;
        if (queue.length === 0) {
          if (ended) throw new Error('The EventStoreDB subscription ended');
          await new Promise<void>((resolve) => (wake = resolve));
          continue;
        }
        const batch = queue.splice(0, options.batchSize);
        if (source.isPaused() && queue.length < highWater / 2) source.resume();
        await options.handler(batch, batch[batch.length - 1].position);
      }
    } finally {
      stopping = true;
      await source.unsubscribe().catch(() => undefined);
    }
  };
  return subscriptionOf(loop(), () => {
    stopping = true;
    poke();
  });
}
