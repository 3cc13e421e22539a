import { Client, Pool } from 'pg';
import { Counter, Registry } from 'prom-client';
import { assertPublicEvent, DEFAULT_PARTITIONS, getContract, ProducingService, sourceOf } from '@kinerja/contracts';
import { guardClient, guardPool } from '@kinerja/event-store';
import type { Checkpoint, EventFilter, EventStore, RecordedEvent, Subscription } from '@kinerja/event-store';
import {
  keyOfDraft,
  PublicEventDraft,
  PublicEventToPublish,
  publicEventId,
  toOutgoingMessage,
  topicOfPublicEvent,
  traceparentFor,
  UncheckedPublicEventDraft,
} from './public-message';
import { Transport } from './transport.port';

/** The service's mapping: one internal event → zero or more public events, typed by the contract map. Pure. */
export type PublicEventMapping = (event: RecordedEvent) => PublicEventDraft[];

/** A mapping whose drafts only the schemas check, at run time. */
export type UncheckedPublicEventMapping = (event: RecordedEvent) => readonly UncheckedPublicEventDraft[];

export interface RelayOptions {
  /** Names the checkpoint row; one relay per service, e.g. `work-planning`. */
  name: string;
  service: ProducingService;
  store: EventStore;
  transport: Transport;
  /** PostgreSQL database holding `relay_checkpoints` (the service's own). */
  connectionString: string;
  map: PublicEventMapping;
  /** Read only these internal events (saves reading what the mapping drops). */
  filter?: EventFilter;
  batchSize?: number;
  /**
   * Prepended to every contract topic: lets environments (or test runs) share one broker.
   * Default none, i.e. `kinerja.<service>.v1`.
   */
  topicPrefix?: string;
  /** Partitions of topics the relay creates. Default 6. */
  partitions?: number;
  metrics?: Registry;
  /** Runs after the transport acknowledged a batch and before the checkpoint moves (tests, benchmarks). */
  afterProduce?: (published: PublicEventToPublish[]) => void | Promise<void>;
  logger?: { warn(message: string, details?: Record<string, unknown>): void };
}

export interface Relay {
  /** Resolves once the relay runs; it tails the store as soon as it holds its lock. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Rejects with RelayMappingError when the mapping fails or produces an invalid event; call stop() still. */
  readonly done: Promise<void>;
  /** The stored checkpoint (null before the first batch). */
  checkpoint(): Promise<Checkpoint | null>;
}

class Stopping extends Error {}

/** Builds the public events of a batch, with ids derived from the internal events' ids. */
export function toPublicEvents(service: ProducingService, events: readonly RecordedEvent[], map: UncheckedPublicEventMapping): PublicEventToPublish[] {
  const out: PublicEventToPublish[] = [];
  for (const event of events) {
    map(event).forEach((draft, index) => {
      const contract = getContract(draft.type);
      if (contract.service !== service) throw new Error(`${service} cannot publish ${draft.type}, a contract of ${contract.service}`);
      assertPublicEvent(draft.type, draft.data, 'produce');
      const id = publicEventId(event.id, index, draft.type);
      const correlationId = event.metadata.correlationId ?? event.id;
      out.push({
        id,
        type: draft.type,
        data: draft.data,
        key: keyOfDraft(draft),
        source: sourceOf(service),
        time: event.recordedAt.toISOString(),
        correlationId,
        traceparent: typeof event.metadata.traceparent === 'string' ? event.metadata.traceparent : traceparentFor(correlationId, id),
      });
    });
  }
  return out;
}

/** The service's mapping threw, or produced an event its contract rejects: the relay cannot go on. */
export class RelayMappingError extends Error {
  constructor(
    readonly eventId: string,
    override readonly cause: unknown,
  ) {
    super(`relay mapping failed on internal event ${eventId}: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'RelayMappingError';
  }
}

function wait(ms: number, ...signals: Promise<unknown>[]): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  return Promise.race([timeout, ...signals]).then(() => clearTimeout(timer));
}

/**
 * Tails the service's event store from its stored checkpoint, maps internal events to public ones,
 * produces them and moves the checkpoint only after the transport acknowledged. A crash between the
 * two produces the batch again with the same `ce_id`s; consumers' inboxes drop the copies.
 * Only one relay per name publishes at a time (a session advisory lock); another one waits. Losing
 * the database or the lock ends the session; the relay starts a new one from the stored checkpoint.
 */
export function createRelay(options: RelayOptions): Relay {
  const pool = guardPool(new Pool({ connectionString: options.connectionString, max: 2, application_name: `kinerja-relay-${options.name}` }));
  const registry = options.metrics;
  const published = registry
    ? ((registry.getSingleMetric('relay_published_events_total') as Counter | undefined) ??
      new Counter({ name: 'relay_published_events_total', help: 'Public events produced by the relay', labelNames: ['relay', 'topic'], registers: [registry] }))
    : null;
  const ensured = new Set<string>();
  let stopping = false;
  let signalStop!: () => void;
  const stopSignal = new Promise<void>((resolve) => (signalStop = resolve));
  let resolveDone!: () => void;
  let rejectDone!: (error: unknown) => void;
  const done = new Promise<void>((resolve, reject) => {
    resolveDone = resolve;
    rejectDone = reject;
  });
  done.catch(() => undefined);
  let loop: Promise<void> | null = null;

  interface Session {
    ended: boolean;
    /** The last batch's produce. */
    produced: Promise<void>;
    /** Checkpoint writes not yet done, oldest first. */
    pending: Promise<void>[];
  }

  async function readCheckpoint(): Promise<Checkpoint | null> {
    const { rows } = await pool.query('SELECT checkpoint FROM relay_checkpoints WHERE relay = $1', [options.name]);
    return rows.length ? (rows[0].checkpoint as Checkpoint) : null;
  }

  /** Retries until done; once the session ends, whatever is under way gets its current attempt only. */
  async function untilDone(session: Session, what: string, work: () => Promise<void>): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      if (session.ended && attempt > 0) throw new Stopping();
      try {
        await work();
        return;
      } catch (error) {
        options.logger?.warn(`relay: ${what} failed, retrying`, { relay: options.name, attempt, error: (error as Error).message });
        await wait(Math.min(100 * 2 ** attempt, 5_000), stopSignal);
      }
    }
  }

  async function produceAll(session: Session, byTopic: Map<string, PublicEventToPublish[]>): Promise<void> {
    for (const [topic, list] of byTopic) {
      const messages = list.map(toOutgoingMessage);
      await untilDone(session, 'produce', async () => {
        if (!ensured.has(topic)) {
          await options.transport.ensureTopic(topic, options.partitions ?? DEFAULT_PARTITIONS);
          ensured.add(topic);
        }
        await options.transport.produce(topic, messages);
      });
      published?.inc({ relay: options.name, topic }, list.length);
    }
  }

  async function storeCheckpoint(session: Session, publicEvents: PublicEventToPublish[], checkpoint: Checkpoint): Promise<void> {
    if (options.afterProduce) await options.afterProduce(publicEvents);
    await untilDone(session, 'checkpoint', async () => {
      await pool.query(
        `INSERT INTO relay_checkpoints (relay, checkpoint) VALUES ($1, $2)
         ON CONFLICT (relay) DO UPDATE SET checkpoint = EXCLUDED.checkpoint, updated_at = now()`,
        [options.name, checkpoint],
      );
    });
  }

  const MAX_BATCHES_IN_FLIGHT = 3;

  /**
   * Batches are published strictly one after the other (order per key, checkpoints in order), but
   * the next batch is read and mapped while the previous one waits for its acknowledgement.
   */
  async function relayBatch(session: Session, events: RecordedEvent[], checkpoint: Checkpoint): Promise<void> {
    let publicEvents: PublicEventToPublish[];
    try {
      publicEvents = toPublicEvents(options.service, events, options.map);
    } catch (error) {
      // Find the culprit for the message; the batch is not published either way.
      const culprit = events.find((e) => {
        try {
          toPublicEvents(options.service, [e], options.map);
          return false;
        } catch {
          return true;
        }
      });
      throw new RelayMappingError(culprit?.id ?? events[0].id, error);
    }
    const byTopic = new Map<string, PublicEventToPublish[]>();
    for (const e of publicEvents) {
      const topic = `${options.topicPrefix ?? ''}${topicOfPublicEvent(e.type)}`;
      const list = byTopic.get(topic);
      if (list) list.push(e);
      else byTopic.set(topic, [e]);
    }
    while (session.pending.length >= MAX_BATCHES_IN_FLIGHT) await session.pending.shift();
    // Produces follow one another; a checkpoint follows its own produce and the previous checkpoint,
    // but the next produce does not wait for it.
    const produced = session.produced.then(() => produceAll(session, byTopic));
    const previous = session.pending[session.pending.length - 1] ?? Promise.resolve();
    const checkpointed = Promise.all([produced, previous]).then(() => storeCheckpoint(session, publicEvents, checkpoint));
    produced.catch(() => undefined);
    checkpointed.catch(() => undefined);
    session.produced = produced;
    session.pending.push(checkpointed);
  }

  /** Connects and takes the relay's lock; null when stopping first. */
  async function acquireLock(): Promise<Client | null> {
    while (!stopping) {
      const client = guardClient(new Client({ connectionString: options.connectionString, application_name: `kinerja-relay-${options.name}-lock` }));
      await client.connect();
      const { rows } = await client.query(`SELECT pg_try_advisory_lock(hashtext('kinerja_relay'), hashtext($1)) AS ok`, [options.name]);
      if (rows[0].ok) return client;
      await client.end().catch(() => undefined);
      await wait(1_000, stopSignal);
    }
    return null;
  }

  async function runSession(): Promise<void> {
    const lock = await acquireLock();
    if (!lock) return;
    const session: Session = { ended: false, produced: Promise.resolve(), pending: [] };
    let lost!: () => void;
    const lostSignal = new Promise<void>((resolve) => (lost = resolve));
    // Without the lock another relay may start: this one stops publishing at once.
    lock.on('end', lost);
    let subscription: Subscription | null = null;
    try {
      const from = await readCheckpoint();
      subscription = options.store.subscribe({ from, filter: options.filter, batchSize: options.batchSize ?? 500 }, (events, checkpoint) =>
        relayBatch(session, events, checkpoint),
      );
      const outcome = await Promise.race([
        subscription.done.then(
          () => null,
          (error: unknown) => error,
        ),
        lostSignal.then(() => new Error(`relay ${options.name} lost its lock connection`)),
        stopSignal.then(() => null),
      ]);
      session.ended = true;
      await subscription.stop();
      const last = session.pending[session.pending.length - 1];
      await last?.catch(() => undefined);
      if (outcome && !(outcome instanceof Stopping)) throw outcome;
    } finally {
      session.ended = true;
      await subscription?.stop();
      await lock.end().catch(() => undefined);
    }
  }

  async function supervise(): Promise<void> {
    let failures = 0;
    while (!stopping) {
      try {
        await runSession();
        failures = 0;
      } catch (error) {
        if (error instanceof RelayMappingError) {
          options.logger?.warn('relay stopped', { relay: options.name, error: error.message });
          stopping = true;
          rejectDone(error);
          return;
        }
        failures++;
        options.logger?.warn('relay session ended, starting again', { relay: options.name, failures, error: (error as Error).message });
      }
      if (!stopping) await wait(Math.min(200 * 2 ** failures, 10_000), stopSignal);
    }
    resolveDone();
  }

  return {
    done,
    checkpoint: readCheckpoint,
    async start() {
      if (loop) return;
      await pool.query(`CREATE TABLE IF NOT EXISTS relay_checkpoints (
        relay text PRIMARY KEY,
        checkpoint text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now())`).catch(async (error) => {
        // Two relays creating the table at once: one wins, the other sees it exist.
        if (!(await readCheckpoint().then(() => true, () => false))) throw error;
      });
      loop = supervise();
    },
    async stop() {
      stopping = true;
      signalStop();
      if (loop) await loop;
      await pool.end().catch(() => undefined);
      await done.catch(() => undefined);
    },
  };
}
