import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { guardDataSourcePool } from '@kinerja/event-store';
import { ConsumerMetrics } from './consumer/consumer-metrics';
import { DeadLetterPublisher } from './consumer/dead-letter-publisher';
import { Inbox } from './consumer/inbox';
import { InboxBatchHandler, RetryPolicy } from './consumer/inbox-batch-handler';
import { PublicEventHandlers, ReceivedEvent } from './consumer/received-event';
import { Transport } from './transport.port';

export type { HandlerContext, PublicEvent, PublicEventHandler, PublicEventHandlers, ReceivedEvent } from './consumer/received-event';
export type { RetryPolicy } from './consumer/inbox-batch-handler';

export interface ConsumerRuntimeOptions {
  transport: Transport;
  /** An initialised TypeORM DataSource on the service's PostgreSQL database (handler work, inbox). */
  dataSource: DataSource;
  /** One consumer group per service: the inbox's key, the metrics' label, the dead letters' source. */
  groupId: string;
  /**
   * The group's name on the transport, when it differs from `groupId`: on a Kafka broker that other
   * systems share (each with its own TOPIC_PREFIX), the prefix keeps their groups apart, so one
   * system's consumer is never handed the partitions of another's topics. Default `groupId`.
   */
  transportGroupId?: string;
  topics: string[];
  /** Public event type → handler. Other types on the topics are skipped. */
  handlers: PublicEventHandlers;
  retry?: Partial<RetryPolicy>;
  /** Gets `consumer_lag_messages` and `consumer_messages_total`. */
  metrics?: Registry;
  /**
   * Commit the consumer offset inside the handler's transaction. Only for a transport whose log
   * lives in the same database as `dataSource` (the PostgreSQL log in the embedded default).
   */
  commitOffsetsWithHandler?: boolean;
  /** Inbox table (created when absent). Default `inbox`. */
  inboxTable?: string;
  maxBatchSize?: number;
  /** Called after a transaction with these events committed. */
  onApplied?: (events: ReceivedEvent[]) => void;
  logger?: { warn(message: string, details?: Record<string, unknown>): void };
}

export interface RunningConsumer {
  stop(): Promise<void>;
  readonly done: Promise<void>;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, initialDelayMs: 200, factor: 2, maxDelayMs: 30_000 };

/**
 * Runs a service's consumer: per message, the envelope and the JSON Schema are checked (invalid →
 * dead-letter topic at once); then the handler runs in a database transaction together with an
 * inbox row keyed by (group, event id), so a redelivered event changes nothing. A failing handler
 * is retried with exponential backoff, then its message is dead-lettered and the partition moves on.
 * The parts: `Inbox`, `InboxBatchHandler`, `DeadLetterPublisher`, `ConsumerMetrics`.
 */
export async function startConsumer(options: ConsumerRuntimeOptions): Promise<RunningConsumer> {
  const { transport, dataSource, groupId } = options;
  const inbox = new Inbox(options.inboxTable ?? 'inbox', groupId);
  guardDataSourcePool(dataSource);
  const metrics = new ConsumerMetrics(groupId, options.metrics);
  await inbox.migrate(dataSource);
  const batches = new InboxBatchHandler({
    dataSource,
    handlers: options.handlers,
    inbox,
    deadLetters: new DeadLetterPublisher(transport, groupId, metrics, options.logger),
    metrics,
    retry: { ...DEFAULT_RETRY, ...options.retry },
    commitOffsetsWithHandler: options.commitOffsetsWithHandler ?? false,
    onApplied: options.onApplied,
  });
  const handle = await transport.consume({ groupId: options.transportGroupId ?? groupId, topics: options.topics, maxBatchSize: options.maxBatchSize, handler: batches.handle });
  return { stop: () => handle.stop(), done: handle.done };
}
