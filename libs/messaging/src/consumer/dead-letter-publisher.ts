import { deadLetterTopicOf } from '@kinerja/contracts';
import { ConsumedMessage, Transport } from '../transport.port';
import { ConsumerMetrics } from './consumer-metrics';

export type DeadLetterReason = 'handler' | 'schema' | 'envelope';

/**
 * Produces a message the group cannot apply to `<topic>.dlq.<group>` (created on first use, one
 * partition) with the original headers plus why, after how many attempts and where it came from.
 */
export class DeadLetterPublisher {
  private readonly ensured = new Map<string, Promise<void>>();

  constructor(
    private readonly transport: Transport,
    private readonly groupId: string,
    private readonly metrics: ConsumerMetrics,
    private readonly logger?: { warn(message: string, details?: Record<string, unknown>): void },
  ) {}

  async publish(message: ConsumedMessage, reason: DeadLetterReason, error: string, attempts: number): Promise<void> {
    const topic = deadLetterTopicOf(message.topic, this.groupId);
    await this.ensureTopic(topic);
    await this.transport.produce(topic, [
      {
        key: message.key,
        value: message.value,
        headers: {
          ...message.headers,
          dlq_error: error.slice(0, 2000),
          dlq_reason: reason,
          dlq_attempts: String(attempts),
          dlq_group: this.groupId,
          dlq_original_topic: message.topic,
          dlq_original_partition: String(message.partition),
          dlq_original_offset: message.offset,
          dlq_failed_at: new Date().toISOString(),
        },
      },
    ]);
    this.metrics.count(message.topic, 'dead_lettered');
    const { groupId } = this;
    this.logger?.warn('message dead-lettered', { groupId, topic: message.topic, partition: message.partition, offset: message.offset, reason, error });
  }

  private ensureTopic(topic: string): Promise<void> {
    let ensured = this.ensured.get(topic);
    if (!ensured) {
      ensured = this.transport.ensureTopic(topic, 1);
      ensured.catch(() => this.ensured.delete(topic));
      this.ensured.set(topic, ensured);
    }
    return ensured;
  }
}
