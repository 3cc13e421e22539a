import { Client, Pool } from 'pg';
import { Counter, Registry } from 'prom-client';
import { assertPublicEvent, DEFAULT_PARTITIONS, ProducingService, sourceOf } from '@kinerja/contracts';
import type { Checkpoint, EventFilter, EventStore, RecordedEvent, Subscription } from '@kinerja/event-store';
import {
  keyOfDraft,
  PublicEventDraft,
  PublicEventToPublish,
  publicEventId,
  toOutgoingMessage,
  topicOfPublicEvent,
  traceparentFor,
} from './public-message';
import { Transport } from './transport.port';

/** The service's mapping: one internal event → zero or more public events. Pure. */
export type PublicEventMapping = (event: RecordedEvent) => PublicEventDraft[];

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
  /** Resolves once the relay holds its lock and tails the store. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Rejects when the relay stopped on an error it cannot get past (a mapping or schema error). */
  readonly done: Promise<void>;
  /** The stored checkpoint (null before the first batch). */
  checkpoint(): Promise<Checkpoint | null>;
}

class Stopping extends Error {}

/** Builds the public events of a batch, with ids derived from the internal events' ids. */
export function toPublicEvents(service: ProducingService, events: readonly RecordedEvent[], map: PublicEventMapping): PublicEventToPublish[] {
  const out: PublicEventToPublish[] = [];
  for (const event of events) {
    map(event).forEach((draft, index) => {
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

/**
 * Tails the service's event store from its stored checkpoint, maps internal events to public ones,
 * produces them and moves the checkpoint only after the transport acknowledged. A crash between the
 * two produces the batch again with the same `ce_id`s; consumers' inboxes drop the copies. Only
 * one relay per name runs at a time (a session advisory lock); a second one waits.
 */
export function createRelay(options: RelayOptions): Relay {
  const pool = new Pool({ connectionString: options.connectionString, max: 2, application_name: `kinerja-relay-${options.name}` });
  pool.on('error', () => undefined);
  const registry = options.metrics;
  const published = registry
    ? ((registry.getSingleMetric('relay_published_events_total') as Counter | undefined) ??
      new Counter({ name: 'relay_published_events_total', help: 'Public events produced by the relay', labelNames: ['relay', 'topic'], registers: [registry] }))
    : null;
  const ensured = new Set<string>();
  let stopping = false;
  let lockClient: Client | null = null;
  let subscription: Subscription | null = null;
  let resolveDone!: () => void;
  let rejectDone!: (error: unknown) => void;
  const done = new Promise<void>((resolve, reject) => {
    resolveDone = resolve;
    rejectDone = reject;
  });
  done.catch(() => undefined);

  async function readCheckpoint(): Promise<Checkpoint | null> {
    const { rows } = await pool.query('SELECT checkpoint FROM relay_checkpoints WHERE relay = $1', [options.name]);
    return rows.length ? (rows[0].checkpoint as Checkpoint) : null;
  }

  /** Retries until done; once stopping, whatever is under way gets its current attempt only. */
  async function untilDone(what: string, work: () => Promise<void>): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      if (stopping && attempt > 0) throw new Stopping();
      try {
        await work();
        return;
      } catch (error) {
        options.logger?.warn(`relay: ${what} failed, retrying`, { relay: options.name, attempt, error: (error as Error).message });
        await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** attempt, 5_000)));
      }
    }
  }

  async function publish(byTopic: Map<string, PublicEventToPublish[]>, publicEvents: PublicEventToPublish[], checkpoint: Checkpoint): Promise<void> {
    for (const [topic, list] of byTopic) {
      const messages = list.map(toOutgoingMessage);
      await untilDone('produce', async () => {
        if (!ensured.has(topic)) {
          await options.transport.ensureTopic(topic, options.partitions ?? DEFAULT_PARTITIONS);
          ensured.add(topic);
        }
        await options.transport.produce(topic, messages);
      });
      published?.inc({ relay: options.name, topic }, list.length);
    }
    if (options.afterProduce) await options.afterProduce(publicEvents);
    await untilDone('checkpoint', async () => {
      await pool.query(
        `INSERT INTO relay_checkpoints (relay, checkpoint) VALUES ($1, $2)
         ON CONFLICT (relay) DO UPDATE SET checkpoint = EXCLUDED.checkpoint, updated_at = now()`,
        [options.name, checkpoint],
      );
    });
  }

  /**
   * Batches are published strictly one after the other (order per key, checkpoints in order), but
   * the next batch is read and mapped while the previous one waits for its acknowledgement.
   */
  const pending: Promise<void>[] = [];
  const MAX_BATCHES_IN_FLIGHT = 2;

  async function relayBatch(events: RecordedEvent[], checkpoint: Checkpoint): Promise<void> {
    const publicEvents = toPublicEvents(options.service, events, options.map);
    const byTopic = new Map<string, PublicEventToPublish[]>();
    for (const e of publicEvents) {
      const topic = `${options.topicPrefix ?? ''}${topicOfPublicEvent(e.type)}`;
      const list = byTopic.get(topic);
      if (list) list.push(e);
      else byTopic.set(topic, [e]);
    }
    while (pending.length >= MAX_BATCHES_IN_FLIGHT) await pending.shift();
    const previous = pending[pending.length - 1] ?? Promise.resolve();
    const next = previous.then(() => publish(byTopic, publicEvents, checkpoint));
    next.catch(() => undefined);
    pending.push(next);
  }

  async function drain(): Promise<void> {
    const last = pending[pending.length - 1];
    pending.length = 0;
    await last?.catch(() => undefined);
  }

  async function acquireLock(): Promise<void> {
    while (!stopping) {
      const client = new Client({ connectionString: options.connectionString, application_name: `kinerja-relay-${options.name}-lock` });
      client.on('error', () => undefined);
      await client.connect();
      const { rows } = await client.query(`SELECT pg_try_advisory_lock(hashtext('kinerja_relay'), hashtext($1)) AS ok`, [options.name]);
      if (rows[0].ok) {
        lockClient = client;
        // Losing the lock's connection means another relay may start: stop publishing at once.
        client.on('end', () => {
          if (!stopping) void fail(new Error(`relay ${options.name} lost its lock connection`));
        });
        return;
      }
      await client.end();
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }

  async function fail(error: unknown): Promise<void> {
    options.logger?.warn('relay stopped', { relay: options.name, error: (error as Error).message });
    stopping = true;
    await subscription?.stop();
    await drain();
    await release();
    rejectDone(error);
  }

  async function release(): Promise<void> {
    const client = lockClient;
    lockClient = null;
    await client?.end().catch(() => undefined);
    await pool.end().catch(() => undefined);
  }

  return {
    done,
    checkpoint: readCheckpoint,
    async start() {
      await pool.query(`CREATE TABLE IF NOT EXISTS relay_checkpoints (
        relay text PRIMARY KEY,
        checkpoint text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now())`).catch(async (error) => {
        // Two relays creating the table at once: one wins, the other sees it exist.
        if (!(await readCheckpoint().then(() => true, () => false))) throw error;
      });
      await acquireLock();
      if (stopping) return;
      const from = await readCheckpoint();
      subscription = options.store.subscribe({ from, filter: options.filter, batchSize: options.batchSize ?? 500 }, relayBatch);
      subscription.done.then(
        () => {
          if (stopping) resolveDone();
        },
        (error) => {
          if (error instanceof Stopping || stopping) resolveDone();
          else void fail(error);
        },
      );
    },
    async stop() {
      if (stopping) return done.catch(() => undefined);
      stopping = true;
      await subscription?.stop();
      await drain();
      await release();
      resolveDone();
    },
  };
}
