import { Admin, Kafka } from 'kafkajs';
import { KAFKA_RETRY } from './kafka-retry';
import { LazyConnection } from './lazy-connection';

/** Creates topics (asking first, so the broker's "already exists" stays out of the logs) and remembers them. */
export class KafkaTopics {
  private readonly admin: LazyConnection<Admin>;
  private readonly known = new Set<string>();

  constructor(kafka: Kafka) {
    this.admin = new LazyConnection(() => kafka.admin({ retry: KAFKA_RETRY }));
  }

  async ensureTopic(topic: string, partitions: number): Promise<void> {
    if (this.known.has(topic)) return;
    const a = await this.admin.connected();
    if ((await a.listTopics()).includes(topic)) {
      this.known.add(topic);
      return;
    }
    try {
      await a.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
    } catch (error) {
      const errors = (error as { errors?: { type?: string }[] }).errors ?? [];
      if (!errors.every((e) => e.type === 'TOPIC_ALREADY_EXISTS')) throw error;
    }
    this.known.add(topic);
  }

  close(): Promise<void> {
    return this.admin.close();
  }
}

/** Readiness: asks the broker once, without retries; probes never pile up behind a slow one. */
export class KafkaReadiness {
  private admin: Admin | null = null;
  private probe: Promise<void> | null = null;

  constructor(private readonly kafka: Kafka) {}

  ready(): Promise<void> {
    this.probe ??= (async () => {
      try {
        this.admin ??= this.kafka.admin({ retry: { retries: 0 } });
        await this.admin.connect();
        await this.admin.describeCluster();
      } finally {
        this.probe = null;
      }
    })();
    return this.probe;
  }

  async close(): Promise<void> {
    await this.admin?.disconnect().catch(() => undefined);
    this.admin = null;
  }
}
