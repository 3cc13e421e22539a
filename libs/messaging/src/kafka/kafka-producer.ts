import { Kafka, Partitioners, Producer } from 'kafkajs';
import { OutgoingMessage } from '../transport.port';
import { KAFKA_RETRY } from './kafka-retry';

/**
 * The idempotent producer (acks from all in-sync replicas, one request in flight, the Java-compatible
 * murmur2 partitioner), connected on first use and replaced after a failed send.
 */
export class KafkaProducer {
  private producer: Promise<Producer> | null = null;

  constructor(private readonly kafka: Kafka) {}

  async produce(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const p = await this.connected();
    try {
      await p.send({ topic, acks: -1, messages: messages.map((m) => ({ key: m.key, value: m.value, headers: m.headers })) });
    } catch (error) {
      // A fresh producer (new producer id) after a failure: the caller resends the whole batch,
      // and consumers dedupe on the event id.
      await this.close();
      throw error;
    }
  }

  async close(): Promise<void> {
    const current = this.producer;
    this.producer = null;
    if (current) await current.then((p) => p.disconnect()).catch(() => undefined);
  }

  private connected(): Promise<Producer> {
    if (!this.producer) {
      const created = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
        retry: KAFKA_RETRY,
      });
      const producer = created.connect().then(() => created);
      producer.catch(() => (this.producer = null));
      this.producer = producer;
    }
    return this.producer;
  }
}
