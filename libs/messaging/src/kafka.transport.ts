import { Admin, Consumer, IHeaders, Kafka, logLevel as KafkaLogLevel, Partitioners, Producer } from 'kafkajs';
import { ConsumeOptions, ConsumerHandle, Headers, MessageBatch, OutgoingMessage, Transport } from './transport.port';

export interface KafkaTransportOptions {
  brokers: string[];
  clientId: string;
  logLevel?: KafkaLogLevel;
  /** Max time a consumer waits for new data before a fetch returns empty. Default 100 ms. */
  maxWaitTimeInMs?: number;
}

const RETRY = { retries: 10, initialRetryTime: 200, maxRetryTime: 5_000 };

function decodeHeaders(headers: IHeaders | undefined): Headers {
  const out: Headers = {};
  for (const [name, raw] of Object.entries(headers ?? {})) {
    const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    if (value !== undefined) out[name] = Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
  }
  return out;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Kafka through kafkajs: idempotent producer (acks from all in-sync replicas, one request in
 * flight, so a retried send neither duplicates nor reorders within a producer session), the
 * Java-compatible murmur2 partitioner, and consumers that commit offsets only after the handler
 * resolved.
 */
export function createKafkaTransport(options: KafkaTransportOptions): Transport {
  const kafka = new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    logLevel: options.logLevel ?? KafkaLogLevel.WARN,
    retry: RETRY,
  });
  let producer: Promise<Producer> | null = null;
  let admin: Promise<Admin> | null = null;
  const consumers = new Set<ConsumerHandle>();
  const knownTopics = new Set<string>();

  function getProducer(): Promise<Producer> {
    if (!producer) {
      const created = kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
        retry: RETRY,
      });
      producer = created.connect().then(() => created);
      producer.catch(() => (producer = null));
    }
    return producer;
  }

  function getAdmin(): Promise<Admin> {
    if (!admin) {
      const created = kafka.admin({ retry: RETRY });
      admin = created.connect().then(() => created);
      admin.catch(() => (admin = null));
    }
    return admin;
  }

  // Readiness asks the broker once, without retries; probes never pile up behind a slow one.
  let probeAdmin: Admin | null = null;
  let probe: Promise<void> | null = null;
  function ready(): Promise<void> {
    probe ??= (async () => {
      try {
        probeAdmin ??= kafka.admin({ retry: { retries: 0 } });
        await probeAdmin.connect();
        await probeAdmin.describeCluster();
      } finally {
        probe = null;
      }
    })();
    return probe;
  }

  async function dropProducer(): Promise<void> {
    const current = producer;
    producer = null;
    if (current) await current.then((p) => p.disconnect()).catch(() => undefined);
  }

  return {
    kind: 'kafka',

    async ensureTopic(topic, partitions) {
      if (knownTopics.has(topic)) return;
      const a = await getAdmin();
      // Asking first keeps the broker's "already exists" error out of the logs.
      if ((await a.listTopics()).includes(topic)) {
        knownTopics.add(topic);
        return;
      }
      try {
        await a.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
      } catch (error) {
        const errors = (error as { errors?: { type?: string }[] }).errors ?? [];
        if (!errors.every((e) => e.type === 'TOPIC_ALREADY_EXISTS')) throw error;
      }
      knownTopics.add(topic);
    },

    async produce(topic: string, messages: readonly OutgoingMessage[]) {
      if (messages.length === 0) return;
      const p = await getProducer();
      try {
        await p.send({
          topic,
          acks: -1,
          messages: messages.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
        });
      } catch (error) {
        // A fresh producer (new producer id) after a failure: the caller resends the whole batch,
        // and consumers dedupe on the event id.
        await dropProducer();
        throw error;
      }
    },

    async consume(consumeOptions: ConsumeOptions): Promise<ConsumerHandle> {
      let stopping = false;
      let current: Consumer | null = null;
      let resolveDone!: () => void;
      const done = new Promise<void>((resolve) => (resolveDone = resolve));

      const start = async (): Promise<void> => {
        const consumer = kafka.consumer({
          groupId: consumeOptions.groupId,
          allowAutoTopicCreation: false,
          maxWaitTimeInMs: options.maxWaitTimeInMs ?? 100,
          retry: RETRY,
        });
        current = consumer;
        consumer.on(consumer.events.CRASH, (event) => {
          // kafkajs restarts by itself after retriable errors; anything else we restart here.
          if (!event.payload.restart && !stopping) void restart(consumer);
        });
        await consumer.connect();
        await consumer.subscribe({ topics: consumeOptions.topics, fromBeginning: consumeOptions.fromBeginning ?? true });
        await consumer.run({
          autoCommit: false,
          eachBatchAutoResolve: false,
          partitionsConsumedConcurrently: 32,
          eachBatch: async ({ batch, heartbeat, isRunning, isStale, resolveOffset, commitOffsetsIfNecessary }) => {
            if (batch.isEmpty() || isStale()) return;
            const messageBatch: MessageBatch = {
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
              heartbeat,
              isRunning: () => isRunning() && !isStale(),
            };
            const result = await consumeOptions.handler(messageBatch);
            const next = result?.nextOffset ?? (BigInt(batch.lastOffset()) + 1n).toString();
            if (BigInt(next) <= BigInt(batch.firstOffset() ?? next)) return;
            // Not consumer.commitOffsets: kafkajs drops that silently once the consumer is stopping,
            // which would lose the commit of the batch that a graceful stop lets finish.
            await commitOffsetsIfNecessary({ topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: next }] }] });
            resolveOffset((BigInt(next) - 1n).toString());
          },
        });
        // stop() ran while this (re)start was under way and disconnected the previous consumer.
        if (stopping) await consumer.disconnect().catch(() => undefined);
      };

      const restart = async (crashed: Consumer): Promise<void> => {
        await crashed.disconnect().catch(() => undefined);
        for (let attempt = 0; !stopping; attempt++) {
          await sleep(Math.min(200 * 2 ** attempt, 5_000));
          if (stopping) return;
          try {
            await start();
            return;
          } catch {
            await current?.disconnect().catch(() => undefined);
          }
        }
      };

      try {
        await start();
      } catch {
        // Broker down or topic not there yet: keep trying in the background, as after a crash.
        if (current) void restart(current);
      }
      const handle: ConsumerHandle = {
        done,
        async stop() {
          if (stopping) return done;
          stopping = true;
          consumers.delete(handle);
          await current?.disconnect().catch(() => undefined);
          resolveDone();
        },
      };
      consumers.add(handle);
      return handle;
    },

    ready,

    async close() {
      await Promise.all([...consumers].map((c) => c.stop()));
      await dropProducer();
      const a = admin;
      admin = null;
      if (a) await a.then((x) => x.disconnect()).catch(() => undefined);
      await probeAdmin?.disconnect().catch(() => undefined);
      probeAdmin = null;
    },
  };
}
