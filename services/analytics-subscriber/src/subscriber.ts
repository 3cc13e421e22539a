import { topicOf } from '@kinerja/contracts';
import { Consumer, EachBatchPayload, Kafka, logLevel as KafkaLogLevel, LogEntry } from 'kafkajs';
import { Pool } from 'pg';
import { SubscriberConfig } from './config';
import { HANDLERS } from './facts';
import { SubscriberMetrics, SubscriberStatus } from './http';
import { errorFields, Log } from './log';
import { classify, RawMessage } from './message';
import { ensureSchema } from './schema';

/** The producing services whose topics feed the statistics. career-decisions adds nothing here. */
export const SOURCE_SERVICES = ['work-planning', 'feedback-intake', 'evaluation'] as const;

export function topicsOf(config: Pick<SubscriberConfig, 'topicPrefix'>): string[] {
  return SOURCE_SERVICES.map((service) => `${config.topicPrefix}${topicOf(service)}`);
}

export interface BatchOutcome {
  applied: number;
  duplicates: number;
  ignored: number;
  rejected: number;
}

/**
 * Applies the messages of one batch in ONE transaction: per event, the dedupe row (`ce_id`) and the
 * facts it adds. A `ce_id` already there (a redelivery, or a re-publish after a producer crash) is
 * skipped. Rejected messages are recorded, not applied. The caller commits the Kafka offsets only
 * after this returns, so a crash in between means a redelivery that the dedupe rows absorb.
 */
export async function applyMessages(pool: Pool, schema: string, messages: readonly RawMessage[], log: Log): Promise<BatchOutcome> {
  const outcome: BatchOutcome = { applied: 0, duplicates: 0, ignored: 0, rejected: 0 };
  const classified = messages.map((message) => ({ message, c: classify(message) }));
  if (classified.every(({ c }) => c.kind === 'ignored')) {
    outcome.ignored = classified.length;
    return outcome;
  }
  const client = await pool.connect();
  let broken = false;
  // A checked-out client's lost connection is emitted on the client, not the pool: without a
  // listener it would take the process down. The failing query rejects and the batch is retried.
  const lost = (error: Error) => {
    broken = true;
    log('warn', 'database connection lost during a batch', errorFields(error));
  };
  client.on('error', lost);
  try {
    await client.query('BEGIN');
    for (const { message, c } of classified) {
      if (c.kind === 'ignored') {
        outcome.ignored++;
      } else if (c.kind === 'rejected') {
        outcome.rejected++;
        await client.query(
          `INSERT INTO ${schema}.rejected_events (topic, kafka_partition, kafka_offset, ce_id, ce_type, reason) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT DO NOTHING`,
          [message.topic, message.partition, message.offset, c.ceId, c.type, c.reason],
        );
        log('warn', 'message rejected', { topic: message.topic, partition: message.partition, offset: message.offset, ce_id: c.ceId, ce_type: c.type, reason: c.reason });
      } else {
        const first = await client.query(
          `INSERT INTO ${schema}.processed_events (ce_id, ce_type, topic, kafka_partition, kafka_offset) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (ce_id) DO NOTHING`,
          [c.ceId, c.type, message.topic, message.partition, message.offset],
        );
        if (first.rowCount === 0) {
          outcome.duplicates++;
          continue;
        }
        await HANDLERS[c.type](c.data, { client, schema, ceId: c.ceId, time: c.time });
        outcome.applied++;
      }
    }
    await client.query('COMMIT');
    return outcome;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => (broken = true));
    throw error;
  } finally {
    client.removeListener('error', lost);
    client.release(broken);
  }
}

export interface Subscriber {
  /** Lets the batch in flight finish (and commit), leaves the group, closes the pool. */
  stop(): Promise<void>;
  /** For /health: whether the consumer runs, and when the last batch was applied. */
  status(): SubscriberStatus;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function kafkaLogger(log: Log) {
  return () =>
    ({ namespace, level, log: entry }: LogEntry) => {
      const { message, timestamp: _timestamp, logger: _logger, ...fields } = entry as LogEntry['log'] & { logger?: string };
      const ours = level <= KafkaLogLevel.ERROR ? 'error' : level === KafkaLogLevel.WARN ? 'warn' : level === KafkaLogLevel.INFO ? 'info' : 'debug';
      log(ours, message, { kafkajs: namespace, ...fields });
    };
}

/**
 * Creates the schema, joins the consumer group and consumes the topics from the beginning (for a
 * new group). Returns once the consumer runs; a broker that is down or topics that do not exist yet
 * are waited for in the background (logged).
 */
export async function startSubscriber(config: SubscriberConfig, log: Log, metrics?: SubscriberMetrics): Promise<Subscriber> {
  const pool = new Pool({ connectionString: config.databaseUrl, max: 4 });
  // An idle connection that dies (server restart) must not take the process down; the next query reconnects.
  pool.on('error', (error) => log('warn', 'idle database connection lost', errorFields(error)));
  // pg-pool hands a client out without its listener, and one killed right as it connects can emit
  // 'error' before applyMessages attaches its own: every client keeps a listener for its whole life.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const client = await pool.connect();
  try {
    await ensureSchema(client, config.schema, config.timeZone);
  } finally {
    client.release();
  }

  const topics = topicsOf(config);
  const kafka = new Kafka({
    clientId: 'kinerja-analytics-subscriber',
    brokers: config.brokers,
    logLevel: config.logLevel === 'debug' ? KafkaLogLevel.INFO : KafkaLogLevel.WARN,
    logCreator: kafkaLogger(log),
  });
  let stopping = false;
  let wake!: () => void;
  const stopped = new Promise<void>((resolve) => (wake = resolve));
  /** A pause that stop() cuts short. */
  const pause = (ms: number) => Promise.race([sleep(ms), stopped]);
  let consumer: Consumer | null = null;
  let running: Promise<void> = Promise.resolve();
  let consuming = false;
  let lastBatchAt: string | null = null;

  const eachBatch = async ({ batch, heartbeat, isRunning, isStale, resolveOffset, commitOffsetsIfNecessary }: EachBatchPayload) => {
    if (batch.isEmpty() || isStale()) return;
    const messages: RawMessage[] = batch.messages.map((m) => ({
      topic: batch.topic,
      partition: batch.partition,
      offset: m.offset,
      timestamp: m.timestamp,
      value: m.value,
      headers: m.headers,
    }));
    let outcome: BatchOutcome | null = null;
    for (let attempt = 1; outcome === null; attempt++) {
      try {
        outcome = await applyMessages(pool, config.schema, messages, log);
      } catch (error) {
        // Database down or a bug: nothing was committed, so nothing is lost. Retry this batch (its
        // partition waits) until it applies or we are stopped; then it is delivered again.
        log('error', 'batch not applied, retrying', { topic: batch.topic, partition: batch.partition, firstOffset: batch.firstOffset(), attempt, ...errorFields(error) });
        if (!isRunning() || isStale()) return;
        await pause(Math.min(200 * 2 ** attempt, 5_000));
        if (stopping || !isRunning() || isStale()) return;
        await heartbeat();
      }
    }
    const next = (BigInt(batch.lastOffset()) + 1n).toString();
    // With explicit offsets: kafkajs drops consumer.commitOffsets() once the consumer is stopping,
    // which would lose the commit of the batch a graceful stop lets finish.
    await commitOffsetsIfNecessary({ topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: next }] }] });
    resolveOffset(batch.lastOffset());
    lastBatchAt = new Date().toISOString();
    metrics?.batchApplied(outcome);
    log('info', 'batch applied', { topic: batch.topic, partition: batch.partition, firstOffset: batch.firstOffset(), lastOffset: batch.lastOffset(), ...outcome });
  };

  const start = async (): Promise<void> => {
    const created = kafka.consumer({ groupId: config.groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 500 });
    consumer = created;
    created.on(created.events.CRASH, (event) => {
      consuming = false;
      // kafkajs restarts by itself after retriable errors; after any other crash we start again.
      if (!event.payload.restart && !stopping) running = restart(created);
    });
    await created.connect();
    await created.subscribe({ topics, fromBeginning: true });
    await created.run({ autoCommit: false, eachBatchAutoResolve: false, partitionsConsumedConcurrently: 3, eachBatch });
    consuming = true;
    log('info', 'consuming', { groupId: config.groupId, topics, schema: config.schema });
    if (stopping) await created.disconnect().catch(() => undefined);
  };

  const restart = async (previous: Consumer): Promise<void> => {
    await previous.disconnect().catch(() => undefined);
    for (let attempt = 1; !stopping; attempt++) {
      await pause(Math.min(500 * 2 ** attempt, 10_000));
      if (stopping) return;
      try {
        await start();
        return;
      } catch (error) {
        log('warn', 'cannot consume yet (broker down or topics missing?), retrying', { attempt, topics, ...errorFields(error) });
        await consumer?.disconnect().catch(() => undefined);
      }
    }
  };

  try {
    await start();
  } catch (error) {
    log('warn', 'cannot consume yet (broker down or topics missing?), retrying', { topics, ...errorFields(error) });
    if (consumer) running = restart(consumer);
  }

  return {
    status: () => ({ consuming: consuming && !stopping, lastBatchAt }),
    async stop() {
      if (stopping) return;
      stopping = true;
      wake();
      await (consumer as Consumer | null)?.disconnect().catch(() => undefined);
      await running;
      await pool.end();
      log('info', 'stopped', { groupId: config.groupId });
    },
  };
}
