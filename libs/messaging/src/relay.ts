import { Pool } from 'pg';
import { Counter, Registry } from 'prom-client';
import { DEFAULT_PARTITIONS, ProducingService } from '@kinerja/contracts';
import { guardPool } from '@kinerja/event-store';
import type { Checkpoint, EventFilter, EventStore, Subscription } from '@kinerja/event-store';
import { PublicEventToPublish } from './public-message';
import { PublishPipeline, Stopping } from './relay/publish-pipeline';
import { RelayCheckpointStore } from './relay/relay-checkpoint';
import { RelayLock } from './relay/relay-lock';
import { mapBatch, PublicEventMapping, RelayMappingError } from './relay/relay-mapping';
import { wait } from './timing';
import { Transport } from './transport.port';

export { RelayMappingError, toPublicEvents } from './relay/relay-mapping';
export type { PublicEventMapping, UncheckedPublicEventMapping } from './relay/relay-mapping';

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

/**
 * Tails the service's event store from its stored checkpoint, maps internal events to public ones,
 * produces them and moves the checkpoint only after the transport acknowledged. A crash between the
 * two produces the batch again with the same `ce_id`s; consumers' inboxes drop the copies.
 * Only one relay per name publishes at a time (`RelayLock`); another one waits. Losing the database
 * or the lock ends the session; the relay starts a new one from the stored checkpoint
 * (`RelayCheckpointStore`). A session's batches go through a `PublishPipeline`.
 */
export function createRelay(options: RelayOptions): Relay {
  const pool = guardPool(new Pool({ connectionString: options.connectionString, max: 2, application_name: `kinerja-relay-${options.name}` }));
  const checkpoints = new RelayCheckpointStore(pool, options.name);
  const lock = new RelayLock(options.connectionString, options.name);
  const registry = options.metrics;
  const published = registry
    ? ((registry.getSingleMetric('relay_published_events_total') as Counter | undefined) ??
      new Counter({ name: 'relay_published_events_total', help: 'Public events produced by the relay', labelNames: ['relay', 'topic'], registers: [registry] }))
    : null;
  const ensuredTopics = new Set<string>();
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

  async function runSession(): Promise<void> {
    const client = await lock.acquire(() => stopping, stopSignal);
    if (!client) return;
    const pipeline = new PublishPipeline({
      relay: options.name,
      transport: options.transport,
      checkpoints,
      partitions: options.partitions ?? DEFAULT_PARTITIONS,
      ensuredTopics,
      stopSignal,
      onPublished: (topic, count) => published?.inc({ relay: options.name, topic }, count),
      afterProduce: options.afterProduce,
      logger: options.logger,
    });
    let lost!: () => void;
    const lostSignal = new Promise<void>((resolve) => (lost = resolve));
    // Without the lock another relay may start: this one stops publishing at once.
    client.on('end', lost);
    let subscription: Subscription | null = null;
    try {
      const from = await checkpoints.read();
      subscription = options.store.subscribe({ from, filter: options.filter, batchSize: options.batchSize ?? 500 }, async (events, checkpoint) => {
        const { publicEvents, byTopic } = mapBatch(options.service, events, options.map, options.topicPrefix ?? '');
        await pipeline.push(byTopic, publicEvents, checkpoint);
      });
      const outcome = await Promise.race([
        subscription.done.then(
          () => null,
          (error: unknown) => error,
        ),
        lostSignal.then(() => new Error(`relay ${options.name} lost its lock connection`)),
        stopSignal.then(() => null),
      ]);
      pipeline.end();
      await subscription.stop();
      await pipeline.drained();
      if (outcome && !(outcome instanceof Stopping)) throw outcome;
    } finally {
      pipeline.end();
      await subscription?.stop();
      await client.end().catch(() => undefined);
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
    checkpoint: () => checkpoints.read(),
    async start() {
      if (loop) return;
      await checkpoints.ensureTable();
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
