import { Counter, Gauge, Registry } from 'prom-client';

export type ConsumerOutcome = 'applied' | 'duplicate' | 'skipped' | 'retried' | 'dead_lettered';

function metric<T>(registry: Registry, name: string, create: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? create();
}

/** `consumer_lag_messages` and `consumer_messages_total` of one group; nothing without a registry. */
export class ConsumerMetrics {
  private readonly lagGauge: Gauge | null;
  private readonly processed: Counter | null;

  constructor(
    private readonly groupId: string,
    registry: Registry | undefined,
  ) {
    this.lagGauge = registry
      ? metric(registry, 'consumer_lag_messages', () =>
          new Gauge({ name: 'consumer_lag_messages', help: 'Messages in the partition not yet committed by the consumer group', labelNames: ['group', 'topic', 'partition'], registers: [registry] }),
        )
      : null;
    this.processed = registry
      ? metric(registry, 'consumer_messages_total', () =>
          new Counter({ name: 'consumer_messages_total', help: 'Messages handled by outcome (applied, duplicate, skipped, retried, dead_lettered)', labelNames: ['group', 'topic', 'outcome'], registers: [registry] }),
        )
      : null;
  }

  count(topic: string, outcome: ConsumerOutcome, n = 1): void {
    if (n > 0) this.processed?.inc({ group: this.groupId, topic, outcome }, n);
  }

  /** Lag after a batch: the partition's high watermark minus the next offset to read. */
  lag(topic: string, partition: number, highWatermark: string, nextOffset: string): void {
    this.lagGauge?.set({ group: this.groupId, topic, partition: String(partition) }, Math.max(0, Number(BigInt(highWatermark) - BigInt(nextOffset))));
  }
}
