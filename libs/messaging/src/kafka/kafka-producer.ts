import { Kafka, Partitioners, Producer } from 'kafkajs';
import { OutgoingMessage } from '../transport.port';
import { KAFKA_RETRY } from './kafka-retry';
import { LazyConnection } from './lazy-connection';

/**
 * The idempotent producer (acks from all in-sync replicas, one request in flight, the Java-compatible
 * murmur2 partitioner), connected on first use and replaced after a failed send.
 */
export class KafkaProducer {
  private readonly producer: LazyConnection<Producer>;

  constructor(kafka: Kafka) {
    this.producer = new LazyConnection(() =>
      kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
        retry: KAFKA_RETRY,
      }),
    );
  }

  async produce(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const p = await this.producer.connected();
    try {
      await p.send({ topic, acks: -1, messages: messages.map((m) => ({ key: m.key, value: m.value, headers: m.headers })) });
    } catch (error) {
      // A fresh producer (new producer id) after a failure: the caller resends the whole batch,
      // and consumers dedupe on the event id.
      await this.close();
      throw error;
    }
  }

  close(): Promise<void> {
    return this.producer.close();
  }
}
