import { Counter, Gauge, Registry } from 'prom-client';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { guardDataSourcePool, isConnectionError } from '@kinerja/event-store';
import { deadLetterTopicOf, fromCloudEventHeaders, PublicEventMap, PublicEventType, validatePublicEvent } from '@kinerja/contracts';
import { ConsumedMessage, ConsumerHandle, MessageBatch, Transport } from './transport.port';

/** A public event as a consumer's handler sees it. */
export interface ReceivedEvent<Data = unknown> {
  id: string;
  type: string;
  source: string;
  time: string;
  subject: string;
  correlationId: string;
  traceparent: string;
  data: Data;
  key: string | null;
  topic: string;
  partition: number;
  offset: string;
}

/** The handler's open transaction; the inbox row commits with whatever the handler writes here. */
export interface HandlerContext {
  manager: EntityManager;
  /** Raw SQL on the same transaction; returns the rows. */
  query<Row = any>(sql: string, parameters?: unknown[]): Promise<Row[]>;
}

/** A public event of this type as a handler receives it: its data typed by the contract map. */
export type PublicEvent<Type extends PublicEventType> = ReceivedEvent<PublicEventMap[Type]> & { type: Type };

/** A handler of one public event type. */
export type PublicEventHandler<Type extends PublicEventType> = (event: PublicEvent<Type>, context: HandlerContext) => Promise<void>;

/** Public event type → handler, typed by the contract's data: the only handlers a consumer accepts. */
export type PublicEventHandlers = {
  [Type in PublicEventType]?: PublicEventHandler<Type>;
};

type EventHandler = (event: ReceivedEvent, context: HandlerContext) => Promise<void>;

export interface RetryPolicy {
  /** Tries before the message goes to the dead-letter topic. Default 5. */
  maxAttempts: number;
  initialDelayMs: number;
  factor: number;
  maxDelayMs: number;
}

export interface ConsumerRuntimeOptions {
  transport: Transport;
  /** An initialised TypeORM DataSource on the service's PostgreSQL database (handler work, inbox). */
  dataSource: DataSource;
  /** One consumer group per service. */
  groupId: string;
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

/** A failure of the handler's own code: counted against the message's attempts. */
class HandlerFailure extends Error {
  constructor(readonly original: unknown) {
    super(original instanceof Error ? original.message : String(original));
    this.name = 'HandlerFailure';
  }
}

type Parsed =
  | { kind: 'event'; message: ConsumedMessage; event: ReceivedEvent; handler: EventHandler }
  | { kind: 'skip'; message: ConsumedMessage }
  | { kind: 'invalid'; message: ConsumedMessage; reason: 'envelope' | 'schema'; error: string };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function metric<T>(registry: Registry, name: string, create: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? create();
}

/**
 * Runs a service's consumer: per message, the envelope and the JSON Schema are checked (invalid →
 * dead-letter topic at once); then the handler runs in a database transaction together with an
 * inbox row keyed by (group, event id), so a redelivered event changes nothing. A failing handler
 * is retried with exponential backoff, then its message is dead-lettered and the partition moves on.
 */
export async function startConsumer(options: ConsumerRuntimeOptions): Promise<RunningConsumer> {
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const inbox = options.inboxTable ?? 'inbox';
  if (!/^[a-z_][a-z0-9_.]*$/.test(inbox)) throw new Error(`Invalid inbox table name ${inbox}`);
  const { transport, dataSource, groupId } = options;
  guardDataSourcePool(dataSource);
  const registry = options.metrics;
  const lag = registry
    ? metric(registry, 'consumer_lag_messages', () =>
        new Gauge({ name: 'consumer_lag_messages', help: 'Messages in the partition not yet committed by the consumer group', labelNames: ['group', 'topic', 'partition'], registers: [registry] }),
      )
    : null;
  const processed = registry
    ? metric(registry, 'consumer_messages_total', () =>
        new Counter({ name: 'consumer_messages_total', help: 'Messages handled by outcome (applied, duplicate, skipped, retried, dead_lettered)', labelNames: ['group', 'topic', 'outcome'], registers: [registry] }),
      )
    : null;
  const count = (topic: string, outcome: string, n = 1) => processed?.inc({ group: groupId, topic, outcome }, n);

  await dataSource.transaction(async (manager) => {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('kinerja_inbox_migrate'))`);
    await manager.query(`CREATE TABLE IF NOT EXISTS ${inbox} (
      group_id text NOT NULL,
      event_id text NOT NULL,
      event_type text NOT NULL,
      topic text NOT NULL,
      partition int NOT NULL,
      "offset" bigint NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (group_id, event_id))`);
  });

  const ensuredDlq = new Map<string, Promise<void>>();
  const ensureDlq = (topic: string) => {
    let p = ensuredDlq.get(topic);
    if (!p) {
      p = transport.ensureTopic(topic, 1);
      p.catch(() => ensuredDlq.delete(topic));
      ensuredDlq.set(topic, p);
    }
    return p;
  };

  function parse(message: ConsumedMessage): Parsed {
    const envelope = fromCloudEventHeaders(message.headers);
    if (!envelope.ok) return { kind: 'invalid', message, reason: 'envelope', error: envelope.error };
    const handler = (options.handlers as Record<string, EventHandler | undefined>)[envelope.envelope.type];
    if (!handler) return { kind: 'skip', message };
    let data: unknown;
    try {
      data = JSON.parse(message.value.toString('utf8'));
    } catch {
      return { kind: 'invalid', message, reason: 'envelope', error: 'the value is not JSON' };
    }
    const valid = validatePublicEvent(envelope.envelope.type, data, 'consume');
    if (!valid.ok) return { kind: 'invalid', message, reason: 'schema', error: `schema: ${valid.errors.join('; ')}` };
    const { id, type, source, time, subject, correlationId, traceparent } = envelope.envelope;
    return {
      kind: 'event',
      message,
      handler,
      event: { id, type, source, time, subject, correlationId, traceparent, data, key: message.key, topic: message.topic, partition: message.partition, offset: message.offset },
    };
  }

  /** Applies a run of messages in one transaction. Throws HandlerFailure for the handler's errors. */
  async function applyInTransaction(batch: MessageBatch, run: Parsed[]): Promise<void> {
    const runner: QueryRunner = dataSource.createQueryRunner();
    const applied: ReceivedEvent[] = [];
    let duplicates = 0;
    try {
      await runner.startTransaction();
      const context: HandlerContext = { manager: runner.manager, query: (sql, parameters) => runner.query(sql, parameters) };
      const events = run.flatMap((item) => (item.kind === 'event' ? [item] : []));
      // One statement records the whole run in the inbox; what was already there is a redelivery.
      const fresh = new Set<string>(
        events.length === 0
          ? []
          : (
              (await runner.query(
                `INSERT INTO ${inbox} (group_id, event_id, event_type, topic, partition, "offset")
                 SELECT $1, e.id, e.type, $2, $3, e.off FROM unnest($4::text[], $5::text[], $6::bigint[]) AS e(id, type, off)
                 ON CONFLICT (group_id, event_id) DO NOTHING RETURNING event_id`,
                [groupId, batch.topic, batch.partition, events.map((e) => e.event.id), events.map((e) => e.event.type), events.map((e) => e.event.offset)],
              )) as { event_id: string }[]
            ).map((row) => row.event_id),
      );
      for (const item of events) {
        if (!fresh.delete(item.event.id)) {
          duplicates++;
          continue;
        }
        try {
          await item.handler(item.event, context);
        } catch (error) {
          // Not the message's fault: no attempt is counted, the batch is delivered again.
          if (isConnectionError(error)) throw error;
          throw new HandlerFailure(error);
        }
        applied.push(item.event);
      }
      if (options.commitOffsetsWithHandler && batch.commitInTransaction) {
        await batch.commitInTransaction(runner, (BigInt(run[run.length - 1].message.offset) + 1n).toString());
      }
      await runner.commitTransaction();
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
    const topic = batch.topic;
    if (applied.length) count(topic, 'applied', applied.length);
    if (duplicates) count(topic, 'duplicate', duplicates);
    const skipped = run.filter((r) => r.kind === 'skip').length;
    if (skipped) count(topic, 'skipped', skipped);
    if (applied.length) options.onApplied?.(applied);
  }

  async function deadLetter(message: ConsumedMessage, reason: string, error: string, attempts: number): Promise<void> {
    const topic = deadLetterTopicOf(message.topic, groupId);
    await ensureDlq(topic);
    await transport.produce(topic, [
      {
        key: message.key,
        value: message.value,
        headers: {
          ...message.headers,
          dlq_error: error.slice(0, 2000),
          dlq_reason: reason,
          dlq_attempts: String(attempts),
          dlq_group: groupId,
          dlq_original_topic: message.topic,
          dlq_original_partition: String(message.partition),
          dlq_original_offset: message.offset,
          dlq_failed_at: new Date().toISOString(),
        },
      },
    ]);
    count(message.topic, 'dead_lettered');
    options.logger?.warn('message dead-lettered', { groupId, topic: message.topic, partition: message.partition, offset: message.offset, reason, error });
  }

  async function pause(batch: MessageBatch, ms: number): Promise<void> {
    const until = Date.now() + ms;
    while (Date.now() < until && batch.isRunning()) {
      await sleep(Math.min(1000, until - Date.now()));
      await batch.heartbeat();
    }
  }

  /** One message, its own transaction per attempt. False when the consumer is stopping first. */
  async function applyWithRetries(batch: MessageBatch, item: Parsed): Promise<boolean> {
    let lastError = '';
    for (let attempt = 1; attempt <= retry.maxAttempts; attempt++) {
      try {
        await applyInTransaction(batch, [item]);
        return true;
      } catch (error) {
        if (!(error instanceof HandlerFailure)) throw error;
        lastError = error.message;
        if (attempt < retry.maxAttempts) {
          count(batch.topic, 'retried');
          await pause(batch, Math.min(retry.initialDelayMs * retry.factor ** (attempt - 1), retry.maxDelayMs));
          if (!batch.isRunning()) return false;
        }
      }
    }
    await deadLetter(item.message, 'handler', lastError, retry.maxAttempts);
    return true;
  }

  async function handleBatch(batch: MessageBatch): Promise<{ nextOffset: string }> {
    const items = batch.messages.map(parse);
    let i = 0;
    while (i < items.length && batch.isRunning()) {
      const item = items[i];
      if (item.kind === 'invalid') {
        await deadLetter(item.message, item.reason, item.error, 0);
        i++;
        continue;
      }
      let end = i;
      while (end < items.length && items[end].kind !== 'invalid') end++;
      const run = items.slice(i, end);
      try {
        await applyInTransaction(batch, run);
        i = end;
      } catch (error) {
        if (!(error instanceof HandlerFailure)) throw error;
        // Something in the run failed: apply it one message at a time to find and retry the culprit.
        for (; i < end; i++) {
          if (!(await applyWithRetries(batch, items[i]))) break;
        }
        if (i < end) break;
      }
      await batch.heartbeat();
    }
    const nextOffset = i < items.length ? items[i].message.offset : (BigInt(items[items.length - 1].message.offset) + 1n).toString();
    lag?.set({ group: groupId, topic: batch.topic, partition: String(batch.partition) }, Math.max(0, Number(BigInt(batch.highWatermark) - BigInt(nextOffset))));
    return { nextOffset };
  }

  const handle: ConsumerHandle = await transport.consume({
    groupId,
    topics: options.topics,
    maxBatchSize: options.maxBatchSize,
    handler: handleBatch,
  });
  return { stop: () => handle.stop(), done: handle.done };
}
