import { Kafka, logLevel as KafkaLogLevel } from 'kafkajs';
import { ConsumeOptions, ConsumerHandle, OutgoingMessage, Transport } from './transport.port';
import { KafkaReadiness, KafkaTopics } from './kafka/kafka-admin';
import { KafkaGroupConsumer } from './kafka/kafka-group-consumer';
import { KafkaProducer } from './kafka/kafka-producer';
import { KAFKA_RETRY } from './kafka/kafka-retry';

export interface KafkaTransportOptions {
  brokers: string[];
  clientId: string;
  logLevel?: KafkaLogLevel;
  /** Max time a consumer waits for new data before a fetch returns empty. Default 100 ms. */
  maxWaitTimeInMs?: number;
}

/**
 * Kafka through kafkajs: idempotent producer (acks from all in-sync replicas, one request in
 * flight, so a retried send neither duplicates nor reorders within a producer session), the
 * Java-compatible murmur2 partitioner, and consumers that commit offsets only after the handler
 * resolved. The parts: `KafkaProducer`, `KafkaTopics`, `KafkaReadiness`, `KafkaGroupConsumer`.
 */
export function createKafkaTransport(options: KafkaTransportOptions): Transport {
  const kafka = new Kafka({ clientId: options.clientId, brokers: options.brokers, logLevel: options.logLevel ?? KafkaLogLevel.WARN, retry: KAFKA_RETRY });
  const producer = new KafkaProducer(kafka);
  const topics = new KafkaTopics(kafka);
  const readiness = new KafkaReadiness(kafka);
  const consumers = new Set<ConsumerHandle>();

  return {
    kind: 'kafka',
    ensureTopic: (topic: string, partitions: number) => topics.ensureTopic(topic, partitions),
    produce: (topic: string, messages: readonly OutgoingMessage[]) => producer.produce(topic, messages),
    async consume(consumeOptions: ConsumeOptions): Promise<ConsumerHandle> {
      const consumer: KafkaGroupConsumer = new KafkaGroupConsumer(kafka, consumeOptions, options.maxWaitTimeInMs ?? 100, () => consumers.delete(consumer));
      await consumer.begin();
      consumers.add(consumer);
      return consumer;
    },
    ready: () => readiness.ready(),
    async close() {
      await Promise.all([...consumers].map((c) => c.stop()));
      await producer.close();
      await topics.close();
      await readiness.close();
    },
  };
}
