import { project } from '@kinerja/domain';
import { Checkpoint, EventStore, guardDataSourcePool, isConnectionError, ReadAllResult, RecordedEvent, Subscription } from '@kinerja/event-store';
import { getHeapStatistics } from 'node:v8';
import { Gauge, Registry } from 'prom-client';
import { DataSource, EntityManager, EntityMetadata, ObjectLiteral } from 'typeorm';
import { checkpointsTable } from './checkpoints.migration';
import { ReadModel } from './read-model';
import { RowTable } from './row-table';

/** Minimal pino-compatible logger. */
export interface RunnerLogger {
  error(details: object, message: string): void;
  /** The database unreachable (an outage or a restart, not a bug); `error` when absent. */
  warn?(details: object, message: string): void;
}

export interface ProjectionRunnerOptions {
  /** Initialized, with the read models' entities and the checkpoints table (see `createDataSource`). */
  dataSource: DataSource;
  store: EventStore;
  readModels: readonly ReadModel<any>[];
  /** Events read and applied per transaction. Default 500. */
  batchSize?: number;
  /** Where `projection_lag_events` and `projection_lag_seconds` are registered. No metrics without it. */
  registry?: Registry;
  /** Lag in events is counted up to this many. Default 10,000. */
  lagScanLimit?: number;
  /**
   * Backoff between live retries after an error, doubling from `min` to `max`. Default 100 ms to
   * 5 s: after a database outage the read models follow within seconds of its return.
   */
  retryDelayMs?: { min: number; max: number };
  logger?: RunnerLogger;
  /**
   * Rows per read model kept in memory between the batches of a catch-up (not live, not a rebuild),
   * so a row written by an earlier batch is not read back. Default 100,000; the caches are emptied
   * whenever more than half the heap limit is in use after a batch.
   */
  catchUpCacheRows?: number;
  /**
   * A rebuild writes each row once, at its end, unless a read model holds more rows than this in
   * memory (or more than half the heap limit is in use) after a page: then it writes its rows out
   * and forgets them, still in its one transaction. Default: no limit but the heap's.
   */
  rebuildRowsInMemory?: number;
}

/** How far a read model is behind the store. */
export interface ProjectionLag {
  name: string;
  /** The read model's committed checkpoint; null = nothing applied yet. */
  checkpoint: Checkpoint | null;
  /** Events it handles that are not applied yet (counted up to `lagScanLimit`). */
  events: number;
  /** Age of the oldest of those events; 0 when none. */
  seconds: number;
}

export interface ProjectionRunnerStatus {
  live: boolean;
  /** Every read model has committed at least up to here. */
  applied: Checkpoint | null;
  /** The last error of the live loop, cleared by the next committed batch. */
  lastError: string | null;
}

/** `waitFor` gave up: the read models had not reached the checkpoint in time. */
export class WaitForTimeoutError extends Error {
  constructor(
    readonly checkpoint: Checkpoint,
    readonly timeoutMs: number,
  ) {
    super(`Read models did not reach checkpoint ${checkpoint} within ${timeoutMs} ms`);
    this.name = 'WaitForTimeoutError';
  }
}

/** A read model's stored checkpoint is behind the batch: someone rebuilt it; read again from the table. */
class ReadFromStoredCheckpoints extends Error {
  constructor(name: string) {
    super(`Read model ${name} is behind the batch (rebuilt elsewhere); restarting from stored checkpoints`);
  }
}

/**
 * The read models' writes of one batch, in flight together on the batch's connection (which runs
 * them in the order sent). A failed write aborts the transaction, so the statements after it fail
 * too: `done` rejects with the first failure, the cause.
 */
class Writes {
  private readonly pending: Promise<void>[] = [];

  /** Adds a model's writes once its rows are computed; resolves once their rows are on the wire, so the next model is projected while PostgreSQL takes them in. */
  async add(started: ModelWrite | Promise<ModelWrite>): Promise<void> {
    let write: ModelWrite;
    try {
      write = await started;
    } catch (error) {
      // A read after a failed write fails with it: report the write's failure.
      await this.done();
      throw error;
    }
    write.done.catch(() => undefined);
    this.pending.push(write.done);
    await write.sent;
  }

  async done(): Promise<void> {
    const settled = await Promise.allSettled(this.pending);
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
  }
}

/** A read model's writes of a batch: `sent` once the last statement and its rows are handed to the connection, `done` once PostgreSQL has run them. */
interface ModelWrite {
  sent: Promise<void>;
  done: Promise<void>;
}

interface Bound {
  readModel: ReadModel<ObjectLiteral>;
  name: string;
  handles: Set<string>;
  metadata: EntityMetadata;
  keyProperty: string;
  keyColumn: string;
  table: RowTable;
  /** Rows as committed, while catching up; null when live or after a failed batch. */
  cache: RowCache | null;
}

/**
 * What this runner knows of a read model's committed rows while it catches up. It holds while the
 * stored checkpoint is still `at`: any other writer (another runner, a rebuild elsewhere) moves or
 * deletes the checkpoint, and the cache is dropped.
 */
interface RowCache {
  at: Checkpoint | null;
  /** key → row (null: no row), least recently written first. */
  rows: Map<string, ObjectLiteral | null>;
}

/**
 * A read model being rebuilt, within the rebuild's one transaction: its rows as the replay has them
 * so far, which of them the table holds as they are (written by an earlier flush), which not.
 */
interface Replay {
  model: Bound;
  /** key → row (null: no row). Emptied after a flush under memory pressure. */
  rows: Map<string, ObjectLiteral | null>;
  /** Keys with a row in the table (an earlier flush wrote it): the others have none, the table was emptied. */
  written: Set<string>;
  /** Keys whose row changed since the last flush. */
  dirty: Set<string>;
}

/** Past this share of the heap limit in use after a batch, the catch-up caches are emptied (a rebuild writes its rows out and forgets them). */
const HEAP_SHARE_FOR_CACHE = 0.5;

/** What a batch read and wrote for one read model, merged into its cache once the batch commits. */
type Staged = Map<string, ObjectLiteral | null>;

interface Waiter {
  target: Checkpoint;
  resolve(): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * Keeps read models up to date with the event store (docs/design.md §5). Each batch of events and the
 * read models' checkpoints commit in one transaction of the read-model database, so a crash never
 * loses or doubles an update: the next run redoes the batch from the committed rows.
 *
 * Every read model has its own checkpoint (`projection_checkpoints`); one reading of the store
 * serves them all, each applying only events after its own checkpoint. Safe to run in several
 * processes at once: the checkpoint rows are locked for the duration of a batch. A service's
 * replicas run it live in one process only (the holder of the service's lease) and `follow()` in
 * the others, which serve `waitFor` from the committed checkpoints.
 */
export class ProjectionRunner {
  private readonly dataSource: DataSource;
  private readonly store: EventStore;
  private readonly models: Bound[];
  private readonly table: string;
  private readonly batchSize: number;
  private readonly lagScanLimit: number;
  private readonly retry: { min: number; max: number };
  private readonly logger: RunnerLogger;
  private readonly cacheRows: number;
  private readonly rebuildRows: number;

  private mode: 'idle' | 'live' | 'catching-up' | 'following' = 'idle';
  private following: { timer: NodeJS.Timeout | null; polling: Promise<void> | null; everyMs: number } | null = null;
  private stopping = false;
  private loop: Promise<void> | null = null;
  private subscription: Subscription | null = null;
  private wakeUp: (() => void) | null = null;
  private delay: number;
  private cursor: Checkpoint | null = null;
  private applied: Checkpoint | null = null;
  private lastError: string | null = null;
  private waiters = new Set<Waiter>();
  private lagCache: { at: number; lag: Promise<ProjectionLag[]> } | null = null;

  constructor(options: ProjectionRunnerOptions) {
    const { dataSource } = options;
    if (!dataSource.isInitialized) throw new Error('ProjectionRunner needs an initialized DataSource');
    if (dataSource.options.type !== 'postgres') throw new Error('ProjectionRunner needs a PostgreSQL DataSource');
    this.dataSource = dataSource;
    guardDataSourcePool(dataSource);
    this.store = options.store;
    this.table = checkpointsTable(dataSource.driver.schema);
    this.batchSize = options.batchSize ?? 500;
    this.lagScanLimit = options.lagScanLimit ?? 10_000;
    this.retry = options.retryDelayMs ?? { min: 100, max: 5_000 };
    this.delay = this.retry.min;
    this.logger = options.logger ?? { error: (details, message) => console.error(message, details) };
    this.cacheRows = Math.max(0, options.catchUpCacheRows ?? 100_000);
    this.rebuildRows = Math.max(0, options.rebuildRowsInMemory ?? Number.POSITIVE_INFINITY);
    if (options.readModels.length === 0) throw new Error('ProjectionRunner needs at least one read model');
    this.models = options.readModels.map((readModel) => bind(dataSource, readModel));
    const names = this.models.map((m) => m.name);
    const duplicate = names.find((name, i) => names.indexOf(name) !== i);
    if (duplicate) throw new Error(`Two read models are named ${duplicate}`);
    if (options.registry) this.registerMetrics(options.registry);
  }

  /** Names of the read models, as used by `rebuild` and the metrics' `projection` label. */
  get names(): string[] {
    return this.models.map((m) => m.name);
  }

  /**
   * Goes live: catches up from the stored checkpoints, then follows the store until `stop()`.
   * Errors are logged and retried with backoff. Resolves once started; fails fast if the
   * checkpoints cannot be read.
   */
  async start(): Promise<void> {
    if (this.mode === 'following') await this.stopFollowing();
    if (this.mode !== 'idle') throw new Error(`ProjectionRunner is already ${this.mode}`);
    const from = await this.minStoredCheckpoint();
    this.mode = 'live';
    this.stopping = false;
    this.loop = this.runLive(from);
  }

  /**
   * Another process applies the events (it holds the service's lease, see `Lease` in
   * @kinerja/platform): this one only reads the committed checkpoints, every `everyMs` while a
   * `waitFor` is pending, so a request served here still answers with its own write visible.
   * `start()` goes live from here (a takeover); `stop()` ends it.
   */
  async follow(everyMs = 10): Promise<void> {
    if (this.mode === 'live') await this.stopLive();
    if (this.mode === 'following') return;
    if (this.mode !== 'idle') throw new Error(`ProjectionRunner is ${this.mode}`);
    // The database may be gone (the lease was lost with it): the polling catches up once it is back.
    this.applied = await this.minStoredCheckpoint().catch(() => this.applied);
    this.mode = 'following';
    this.following = { timer: null, polling: null, everyMs };
    this.pollStoredCheckpoints();
  }

  /** Stops following the store after the batch in progress; rejects pending `waitFor` calls. */
  async stop(): Promise<void> {
    await this.stopFollowing();
    await this.stopLive();
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error('ProjectionRunner stopped'));
    }
    this.waiters.clear();
  }

  /**
   * Applies everything the store holds now, then returns (for a runner that is not live: CLI
   * rebuilds, tests). A failing batch rejects, leaving the previous batches committed.
   */
  async catchUp(): Promise<void> {
    if (this.mode !== 'idle') throw new Error(`ProjectionRunner is already ${this.mode}`);
    this.mode = 'catching-up';
    try {
      let from = await this.minStoredCheckpoint();
      this.cursor = from;
      this.applied = from;
      // The next batch is read while this one is applied (the store has its own connections).
      let page = this.readPage(from);
      for (;;) {
        let next: Promise<ReadAllResult> | null = null;
        let to: Checkpoint | null;
        try {
          // A page with nothing new needs no transaction.
          const batch = await page;
          if (!this.pageAfter(batch, from)) return;
          to = await this.applyBatch(batch, from, (checkpoint) => (next = this.readPage(checkpoint)));
        } catch (error) {
          if (!(error instanceof ReadFromStoredCheckpoints)) throw error;
          from = await this.minStoredCheckpoint();
          this.cursor = from;
          this.applied = from;
          page = this.readPage(from);
          continue;
        }
        if (to === null || next === null) return;
        from = to;
        this.advance(to);
        page = next;
      }
    } finally {
      this.mode = 'idle';
      for (const model of this.models) model.cache = null;
    }
  }

  /**
   * Empties the read model's table (all read models' when no name is given) and replays every
   * event into it, in one transaction: readers see the old rows until the new read model is whole
   * (a table emptied by TRUNCATE makes them wait instead), a replay that fails leaves the read
   * models and their checkpoints as they were, and each row is written once, when the replay ends
   * (earlier only when more than half the heap limit is in use). A live runner pauses meanwhile
   * and goes live again afterwards, even if the replay failed.
   */
  async rebuild(name?: string): Promise<void> {
    const models = name === undefined ? this.models : [this.model(name)];
    if (this.mode === 'catching-up') throw new Error('ProjectionRunner is already catching-up');
    const wasLive = this.mode === 'live';
    if (wasLive) await this.stopLive();
    try {
      await this.replay(models);
    } finally {
      if (wasLive) await this.start();
    }
  }

  private async replay(models: readonly Bound[]): Promise<void> {
    if (this.mode !== 'idle') throw new Error(`ProjectionRunner is already ${this.mode}`);
    this.mode = 'catching-up';
    const replays: Replay[] = models.map((model) => ({ model, rows: new Map(), written: new Set(), dirty: new Set() }));
    let to: Checkpoint | null = null;
    try {
      // The first page is on its way while the tables are emptied.
      let page = this.readPage(null);
      await this.dataSource.transaction(async (manager) => {
        await this.clear(manager, models);
        await RowTable.prepare(
          manager,
          models.map((m) => m.table),
        );
        for (;;) {
          const batch = this.pageAfter(await page, to);
          if (!batch) {
            await this.flush(manager, replays, false);
            break;
          }
          // A short page is the last: nothing more was there to read. Each read model's rows then
          // go out as soon as it is applied, while the next one is (as a catch-up's batch does).
          const last = batch.events.length < this.batchSize;
          // Else the next page is read while this one is applied (the store has its own connections).
          if (!last) page = this.readPage(batch.to);
          const writes = new Writes();
          for (const replay of replays) {
            const pending = batch.events.filter((e) => replay.model.handles.has(e.type));
            if (pending.length > 0) await this.replayEvents(manager, replay, pending);
            if (last) await writes.add(this.writeOut(manager, replay, false));
          }
          await writes.done();
          to = batch.to;
          this.cursor = to;
          if (last) break;
          if (heapPressed() || replays.some((r) => r.rows.size > this.rebuildRows)) {
            await this.flush(manager, replays, true);
          }
        }
        if (to !== null) await this.moveCheckpoints(manager, models.map((m) => m.name), to);
      });
      this.applied = this.cursor = await this.minStoredCheckpoint();
    } finally {
      this.mode = 'idle';
    }
  }

  /** Evolves the rows the events name: from memory, from the table when an earlier flush wrote and forgot them, else no row. */
  private async replayEvents(manager: EntityManager, replay: Replay, events: readonly RecordedEvent[]): Promise<void> {
    const { projection } = replay.model.readModel;
    const { rows, written, dirty } = replay;
    const keysOf = events.map((event) => new Set(projection.keys(event)));
    const unknown: string[] = [];
    for (const keys of keysOf) {
      for (const key of keys) {
        if (rows.has(key)) continue;
        rows.set(key, null);
        if (written.has(key)) unknown.push(key);
      }
    }
    for (const row of await replay.model.table.load(manager, unknown)) rows.set(String(row[replay.model.keyProperty]), row);
    events.forEach((event, i) => {
      for (const key of keysOf[i]) {
        const row = rows.get(key) ?? null;
        const next = projection.evolve(row, event, key);
        if (next === row) continue;
        rows.set(key, next);
        dirty.add(key);
      }
    });
  }

  /**
   * Writes the rows changed since the last flush, every read model's writes in flight together;
   * `forget`: then drops the rows from memory (a key touched again is read back from the table).
   */
  private async flush(manager: EntityManager, replays: readonly Replay[], forget: boolean): Promise<void> {
    const writes = new Writes();
    for (const replay of replays) await writes.add(this.writeOut(manager, replay, forget));
    await writes.done();
  }

  /** Starts writing a read model's rows changed since its last write; `forget`: drops its rows from memory. */
  private writeOut(manager: EntityManager, replay: Replay, forget: boolean): ModelWrite {
    const { model, rows, written, dirty } = replay;
    const upserts: ObjectLiteral[] = [];
    const inserts: ObjectLiteral[] = [];
    const deletes: string[] = [];
    for (const key of dirty) {
      const row = rows.get(key) ?? null;
      if (row === null) {
        if (written.delete(key)) deletes.push(key);
        continue;
      }
      checkKey(model, row, key);
      (written.has(key) ? upserts : inserts).push(row);
      written.add(key);
    }
    dirty.clear();
    if (forget) rows.clear();
    return writeRows(manager, model, { deletes, upserts, inserts });
  }

  /**
   * Resolves once every read model has committed the event at `checkpoint` (e.g. the position
   * returned by the append of a command), so a request can answer with its own write visible.
   * Rejects with `WaitForTimeoutError` after `timeoutMs`.
   */
  waitFor(checkpoint: Checkpoint, timeoutMs = 5_000): Promise<void> {
    if (this.compare(this.applied, checkpoint) >= 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        target: checkpoint,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          reject(new WaitForTimeoutError(checkpoint, timeoutMs));
        }, timeoutMs),
      };
      this.waiters.add(waiter);
      this.pollStoredCheckpoints();
    });
  }

  /** How far each read model is behind the store, from the committed checkpoints (for health checks). */
  async lag(): Promise<ProjectionLag[]> {
    const stored = await this.storedCheckpoints(this.dataSource.manager);
    const lags: ProjectionLag[] = [];
    for (const model of this.models) {
      const checkpoint = stored.get(model.name) ?? null;
      const { events } = await this.store.readAll({
        from: checkpoint,
        limit: this.lagScanLimit,
        filter: { types: [...model.handles] },
      });
      const seconds = events.length === 0 ? 0 : Math.max(0, (Date.now() - events[0].recordedAt.getTime()) / 1000);
      lags.push({ name: model.name, checkpoint, events: events.length, seconds });
    }
    return lags;
  }

  status(): ProjectionRunnerStatus {
    return { live: this.mode === 'live', applied: this.applied, lastError: this.lastError };
  }

  /** A page of the store from `after`; a failure is seen where the page is awaited (or nowhere, when a failing batch ends the loop first). */
  private readPage(after: Checkpoint | null): Promise<ReadAllResult> {
    const page = this.store.readAll({ from: after, limit: this.batchSize });
    page.catch(() => undefined);
    return page;
  }

  /** While following and a `waitFor` is pending: reads the stored checkpoints again after `everyMs`. */
  private pollStoredCheckpoints(): void {
    const following = this.following;
    if (!following || following.timer || following.polling || this.waiters.size === 0) return;
    following.timer = setTimeout(() => {
      following.timer = null;
      following.polling = this.minStoredCheckpoint()
        .then((checkpoint) => {
          if (this.following === following && this.compare(checkpoint, this.applied) > 0) this.advance(checkpoint!);
        })
        .catch((error: unknown) => {
          this.lastError = error instanceof Error ? error.message : String(error);
        })
        .finally(() => {
          following.polling = null;
          if (this.following === following) this.pollStoredCheckpoints();
        });
    }, following.everyMs);
  }

  private async stopFollowing(): Promise<void> {
    const following = this.following;
    if (!following) return;
    this.following = null;
    if (following.timer) clearTimeout(following.timer);
    await following.polling;
    this.mode = 'idle';
  }

  private async runLive(initialFrom: Checkpoint | null): Promise<void> {
    let first = true;
    while (!this.stopping) {
      try {
        this.cursor = first ? initialFrom : await this.minStoredCheckpoint();
        this.applied = this.cursor;
        first = false;
        const subscription = this.store.subscribe({ from: this.cursor, batchSize: this.batchSize }, (events, checkpoint) =>
          this.onLiveBatch(events, checkpoint),
        );
        this.subscription = subscription;
        if (this.stopping) await subscription.stop();
        await subscription.done;
        if (!this.stopping) throw new Error('The store ended the subscription');
      } catch (error) {
        if (this.stopping) break;
        if (error instanceof ReadFromStoredCheckpoints) continue;
        this.lastError = error instanceof Error ? error.message : String(error);
        if (isConnectionError(error) && this.logger.warn) {
          this.logger.warn({ err: error, retryInMs: this.delay }, 'Database unavailable; projections retry');
        } else {
          this.logger.error({ err: error, retryInMs: this.delay }, 'Projection batch failed; retrying');
        }
        await this.sleep(this.delay);
        this.delay = Math.min(this.delay * 2, this.retry.max);
      } finally {
        this.subscription = null;
      }
    }
  }

  private async onLiveBatch(events: RecordedEvent[], checkpoint: Checkpoint): Promise<void> {
    const from = this.cursor;
    if (this.compare(checkpoint, from) <= 0) return;
    await this.applyBatch({ events, checkpoint }, from);
    this.cursor = checkpoint;
    this.delay = this.retry.min;
    this.lastError = null;
    this.advance(checkpoint);
  }

  private async stopLive(): Promise<void> {
    if (this.mode !== 'live') return;
    this.stopping = true;
    this.wakeUp?.();
    await this.subscription?.stop();
    await this.loop;
    this.loop = null;
    this.mode = 'idle';
  }

  /** The page's events and its checkpoint when it holds events after `from`. */
  private pageAfter(page: ReadAllResult, from: Checkpoint | null): { events: readonly RecordedEvent[]; to: Checkpoint } | null {
    const { events, checkpoint } = page;
    return events.length === 0 || checkpoint === null || this.compare(checkpoint, from) <= 0 ? null : { events, to: checkpoint };
  }

  /**
   * One transaction: lock the checkpoints, apply the page's events each read model has not seen,
   * move the checkpoints to the page's checkpoint. Resolves with that checkpoint, or null when the
   * page held nothing after `from`. `onPage`: told the page's checkpoint once the checkpoints are locked.
   */
  private async applyBatch(page: ReadAllResult, from: Checkpoint | null, onPage?: (checkpoint: Checkpoint) => void): Promise<Checkpoint | null> {
    const caching = this.mode === 'catching-up' && this.cacheRows > 0;
    const staged = new Map<Bound, Staged>();
    let applied: Checkpoint | null = null;
    try {
      await this.dataSource.transaction(async (manager) => {
        const stored = await this.lockCheckpoints(manager);
        // The tables' columns are read once per runner.
        await RowTable.prepare(
          manager,
          this.models.map((m) => m.table),
        );
        const batch = this.pageAfter(page, from);
        if (!batch) return;
        const { events, to } = batch;
        onPage?.(to);
        applied = to;
        const advanced: string[] = [];
        // Each read model's writes are sent while the next one's rows are computed: the connection
        // runs them in order, and PostgreSQL takes in one table while Node projects the next.
        const writes = new Writes();
        for (const model of this.models) {
          const at = stored.get(model.name) ?? null;
          if (this.compare(at, from) < 0) throw new ReadFromStoredCheckpoints(model.name);
          if (this.compare(at, to) >= 0) continue;
          if (caching && (model.cache === null || this.compare(model.cache.at, at) !== 0)) {
            // Written elsewhere since (or never known): start again from what the table holds.
            model.cache = { at, rows: new Map() };
          }
          const cache = caching ? model.cache : null;
          // A page is in the store's order: when its first event is after this read model's
          // checkpoint, so is every other, and none needs comparing (a rebuild's 26,000 events
          // were each compared once per read model, parsing both checkpoints).
          const all = events.length > 0 && this.compare(events[0].position, at) > 0;
          const pending = events.filter((e) => model.handles.has(e.type) && (all || this.compare(e.position, at) > 0));
          const changes: Staged = new Map();
          if (pending.length > 0) await writes.add(this.applyEvents(manager, model, pending, cache, changes));
          staged.set(model, changes);
          advanced.push(model.name);
        }
        await writes.done();
        if (advanced.length > 0) await this.moveCheckpoints(manager, advanced, to);
      });
    } catch (error) {
      // What the failed batch did is gone with its transaction; so is anything cached from before it.
      for (const model of this.models) model.cache = null;
      throw error;
    }
    if (!caching || applied === null) return applied;
    // Under a small heap (a service image's NODE_OPTIONS) the cache gives way before the events do.
    const limit = heapPressed() ? 0 : this.cacheRows;
    for (const [model, changes] of staged) {
      const cache = model.cache;
      if (!cache) continue;
      for (const [key, row] of changes) {
        cache.rows.delete(key);
        cache.rows.set(key, row);
      }
      for (const key of cache.rows.keys()) {
        if (cache.rows.size <= limit) break;
        cache.rows.delete(key);
      }
      cache.at = applied;
    }
    return applied;
  }

  /**
   * Loads the rows the events name (from the cache while catching up, else from the table), evolves
   * them in memory, and starts writing back only the changed ones: resolves with the writes under
   * way, which the caller awaits. `changes` gets every row read or written.
   */
  private async applyEvents(
    manager: EntityManager,
    model: Bound,
    events: readonly RecordedEvent[],
    cache: RowCache | null,
    changes: Staged,
  ): Promise<ModelWrite> {
    const { projection } = model.readModel;
    const keys = [...new Set(events.flatMap((event) => projection.keys(event)))];
    const rows = new Map<string, ObjectLiteral | null>();
    const unknown: string[] = [];
    /** Keys the cache knows to have no row in the table: their new rows need no ON CONFLICT. */
    const absent = new Set<string>();
    for (const key of keys) {
      const cached = cache?.rows.get(key);
      if (cached !== undefined) {
        rows.set(key, cached);
        if (cached === null) absent.add(key);
      } else {
        rows.set(key, null);
        unknown.push(key);
      }
    }
    for (const row of await model.table.load(manager, unknown)) rows.set(String(row[model.keyProperty]), row);
    const before = new Map(rows);
    project(projection, events, rows);

    const upserts: ObjectLiteral[] = [];
    const inserts: ObjectLiteral[] = [];
    const deletes: string[] = [];
    for (const [key, row] of rows) {
      changes.set(key, row);
      const previous = before.get(key) ?? null;
      if (row === previous) continue;
      if (row === null) {
        deletes.push(key);
        continue;
      }
      checkKey(model, row, key);
      (absent.has(key) ? inserts : upserts).push(row);
    }
    // Wrapped: an async function returning the promise itself would wait for it.
    return writeRows(manager, model, { deletes, upserts, inserts });
  }

  /** Locks the checkpoints, empties the read models' tables and sets their checkpoints to NULL. */
  private async clear(manager: EntityManager, models: readonly Bound[]): Promise<void> {
    await this.lockCheckpoints(manager);
    await RowTable.clear(
      manager,
      models.map((m) => m.table),
    );
    await this.moveCheckpoints(
      manager,
      models.map((m) => m.name),
      null,
    );
  }

  /** Sets these read models' checkpoints (NULL: nothing applied), in the caller's transaction. */
  private async moveCheckpoints(manager: EntityManager, names: readonly string[], to: Checkpoint | null): Promise<void> {
    await manager.query(`UPDATE ${this.table} SET checkpoint = $1, updated_at = now() WHERE name = ANY($2)`, [to, names]);
  }

  /** Locks the read models' checkpoint rows (creating missing ones as NULL) and returns their values. */
  private async lockCheckpoints(manager: EntityManager): Promise<Map<string, Checkpoint | null>> {
    const names = this.names;
    const lock = `SELECT name, checkpoint FROM ${this.table} WHERE name = ANY($1) ORDER BY name FOR UPDATE`;
    let rows: { name: string; checkpoint: string | null }[] = await manager.query(lock, [names]);
    if (rows.length < names.length) {
      await manager.query(`INSERT INTO ${this.table} (name) SELECT unnest($1::text[]) ON CONFLICT (name) DO NOTHING`, [
        names,
      ]);
      rows = await manager.query(lock, [names]);
    }
    return new Map(rows.map((r) => [r.name, r.checkpoint as Checkpoint | null]));
  }

  private async storedCheckpoints(manager: EntityManager): Promise<Map<string, Checkpoint | null>> {
    const rows: { name: string; checkpoint: string | null }[] = await manager.query(
      `SELECT name, checkpoint FROM ${this.table} WHERE name = ANY($1)`,
      [this.names],
    );
    return new Map(rows.map((r) => [r.name, r.checkpoint as Checkpoint | null]));
  }

  /** Where reading must start so that no read model misses an event. */
  private async minStoredCheckpoint(): Promise<Checkpoint | null> {
    const stored = await this.storedCheckpoints(this.dataSource.manager);
    let min: Checkpoint | null | undefined;
    for (const model of this.models) {
      const at = stored.get(model.name) ?? null;
      if (min === undefined || this.compare(at, min) < 0) min = at;
    }
    return min ?? null;
  }

  private advance(checkpoint: Checkpoint): void {
    this.applied = checkpoint;
    for (const waiter of this.waiters) {
      if (this.compare(checkpoint, waiter.target) >= 0) {
        clearTimeout(waiter.timer);
        this.waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }

  /** Orders checkpoints; null (nothing read yet) comes first. */
  private compare(a: Checkpoint | null, b: Checkpoint | null): number {
    if (a === null) return b === null ? 0 : -1;
    if (b === null) return 1;
    return this.store.compareCheckpoints(a, b);
  }

  private model(name: string): Bound {
    const model = this.models.find((m) => m.name === name);
    if (!model) throw new Error(`Unknown read model ${name}; known: ${this.names.join(', ')}`);
    return model;
  }

  /** Waits `ms`, or less if `stop()` is called meanwhile. */
  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => {
      this.wakeUp = null;
    });
  }

  private registerMetrics(registry: Registry): void {
    // Both gauges are collected in one scrape: measure once for the two.
    const lagOncePerScrape = (): Promise<ProjectionLag[]> => {
      if (!this.lagCache || Date.now() - this.lagCache.at > 1_000) {
        this.lagCache = { at: Date.now(), lag: this.lag() };
      }
      return this.lagCache.lag;
    };
    const collectInto = async (gauge: Gauge<'projection'>, pick: (lag: ProjectionLag) => number) => {
      try {
        for (const lag of await lagOncePerScrape()) gauge.set({ projection: lag.name }, pick(lag));
      } catch (error) {
        this.logger.error({ err: error }, 'Could not measure projection lag');
      }
    };
    new Gauge({
      name: 'projection_lag_events',
      help: 'Events a read model handles that are not applied yet (counted up to a limit)',
      labelNames: ['projection'],
      registers: [registry],
      async collect() {
        await collectInto(this, (lag) => lag.events);
      },
    });
    new Gauge({
      name: 'projection_lag_seconds',
      help: 'Age of the oldest event a read model has not applied yet; 0 when caught up',
      labelNames: ['projection'],
      registers: [registry],
      async collect() {
        await collectInto(this, (lag) => lag.seconds);
      },
    });
  }
}

/** More than HEAP_SHARE_FOR_CACHE of the heap limit in use. */
function heapPressed(): boolean {
  const heap = getHeapStatistics();
  return heap.used_heap_size > heap.heap_size_limit * HEAP_SHARE_FOR_CACHE;
}

/** A row `evolve` returned must carry the key it was asked for. */
function checkKey(model: Bound, row: ObjectLiteral, key: string): void {
  if (String(row[model.keyProperty]) !== key) {
    throw new Error(`Projection ${model.name} returned a row with ${model.keyProperty}=${String(row[model.keyProperty])} for key ${key}`);
  }
}

/**
 * Starts a read model's writes on the transaction's connection: deletes, overwrites, then the rows
 * known to be new (by COPY). Every column is overwritten, so a row is exactly what `evolve` returned.
 */
function writeRows(manager: EntityManager, model: Bound, rows: { deletes: readonly string[]; upserts: readonly ObjectLiteral[]; inserts: readonly ObjectLiteral[] }): ModelWrite {
  let handedOver!: () => void;
  const sent = new Promise<void>((resolve) => (handedOver = resolve));
  const done = (async () => {
    await model.table.remove(manager, rows.deletes);
    await model.table.upsert(manager, rows.upserts);
    await model.table.upsert(manager, rows.inserts, true, handedOver);
  })();
  done.then(handedOver, handedOver);
  return { sent, done };
}

function bind(dataSource: DataSource, readModel: ReadModel<any>): Bound {
  const metadata = dataSource.getMetadata(readModel.entity);
  const name = readModel.projection.name;
  if (metadata.primaryColumns.length !== 1) {
    throw new Error(`Read model ${name}: entity ${metadata.name} must have exactly one primary column, the row key`);
  }
  const [primary] = metadata.primaryColumns;
  return {
    readModel,
    name,
    handles: new Set(readModel.projection.handles),
    metadata,
    keyProperty: primary.propertyPath,
    keyColumn: primary.databaseName,
    table: new RowTable(dataSource, metadata),
    cache: null,
  };
}
