import { Batch, Consumer, EachBatchPayload, IHeaders, Kafka } from 'kafkajs';
import { sleep } from '../timing';
import { ConsumeOptions, ConsumerHandle, Headers, MessageBatch } from '../transport.port';
import { KAFKA_RETRY } from './kafka-retry';

function decodeHeaders(headers: IHeaders | undefined): Headers {
  const out: Headers = {};
  for (const [name, raw] of Object.entries(headers ?? {})) {
    const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    if (value !== undefined) out[name] = Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
  }
  return out;
}

function toMessageBatch(batch: Batch, payload: Pick<EachBatchPayload, 'heartbeat' | 'isRunning' | 'isStale'>): MessageBatch {
  return {
    topic: batch.topic,
    partition: batch.partition,
    highWatermark: batch.highWatermark,
    messages: batch.messages.map((m) => ({
      topic: batch.topic,
      partition: batch.partition,
      offset: m.offset,
      key: m.key === null ? null : m.key.toString('utf8'),
      value: m.value ?? Buffer.alloc(0),
      headers: decodeHeaders(m.headers),
      timestamp: new Date(Number(m.timestamp)),
    })),
    heartbeat: payload.heartbeat,
    isRunning: () => payload.isRunning() && !payload.isStale(),
  };
}

/**
 * A consumer group member through kafkajs: `eachBatch` without auto-commit, the offset committed
 * after the handler resolved; restarted with backoff after a crash kafkajs does not restart itself,
 * and kept trying in the background when the broker or the topic is not there at first.
 */
export class KafkaGroupConsumer implements ConsumerHandle {
  readonly done: Promise<void>;
  private resolveDone!: () => void;
  private stopping = false;
  private current: Consumer | null = null;

  constructor(
    private readonly kafka: Kafka,
    private readonly options: ConsumeOptions,
    private readonly maxWaitTimeInMs: number,
    private readonly onStop: () => void,
  ) {
    this.done = new Promise<void>((resolve) => (this.resolveDone = resolve));
  }

  /** Joins the group; on failure keeps trying in the background, as after a crash. */
  async begin(): Promise<void> {
    try {
      await this.start();
    } catch {
      if (this.current) void this.restart(this.current);
    }
  }

  async stop(): Promise<void> {
    if (this.stopping) return this.done;
    this.stopping = true;
    this.onStop();
    await this.current?.disconnect().catch(() => undefined);
    this.resolveDone();
  }

  private async start(): Promise<void> {
    const consumer = this.kafka.consumer({
      groupId: this.options.groupId,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: this.maxWaitTimeInMs,
      retry: KAFKA_RETRY,
    });
    this.current = consumer;
    consumer.on(consumer.events.CRASH, (event) => {
      // kafkajs restarts by itself after retriable errors; anything else we restart here.
      if (!event.payload.restart && !this.stopping) void this.restart(consumer);
    });
    await consumer.connect();
    await consumer.subscribe({ topics: this.options.topics, fromBeginning: this.options.fromBeginning ?? true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 32,
      eachBatch: (payload) => this.eachBatch(payload),
    });
    // stop() ran while this (re)start was under way and disconnected the previous consumer.
    if (this.stopping) await consumer.disconnect().catch(() => undefined);
  }

  private async eachBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, isStale, resolveOffset, commitOffsetsIfNecessary } = payload;
    if (batch.isEmpty() || isStale()) return;
    const result = await this.options.handler(toMessageBatch(batch, payload));
    const next = result?.nextOffset ?? (BigInt(batch.lastOffset()) + 1n).toString();
    if (BigInt(next) <= BigInt(batch.firstOffset() ?? next)) return;
    // Not consumer.commitOffsets: kafkajs drops that silently once the consumer is stopping,
    // which would lose the commit of the batch that a graceful stop lets finish.
    await commitOffsetsIfNecessary({ topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: next }] }] });
    resolveOffset((BigInt(next) - 1n).toString());
  }

  private async restart(crashed: Consumer): Promise<void> {
    await crashed.disconnect().catch(() => undefined);
    for (let attempt = 0; !this.stopping; attempt++) {
      await sleep(Math.min(200 * 2 ** attempt, 5_000));
      if (this.stopping) return;
      try {
        await this.start();
        return;
      } catch {
        await this.current?.disconnect().catch(() => undefined);
      }
    }
  }
}
