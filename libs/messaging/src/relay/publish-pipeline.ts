import type { Checkpoint } from '@kinerja/event-store';
import { PublicEventToPublish, toOutgoingMessage } from '../public-message';
import { wait } from '../timing';
import { Transport } from '../transport.port';
import { RelayCheckpointStore } from './relay-checkpoint';

/** The session ended while a step waited to be tried again. */
export class Stopping extends Error {}

const MAX_BATCHES_IN_FLIGHT = 3;

export interface PublishPipelineOptions {
  relay: string;
  transport: Transport;
  checkpoints: RelayCheckpointStore;
  /** Partitions of topics the relay creates. */
  partitions: number;
  /** Topics already created (shared by the relay's sessions). */
  ensuredTopics: Set<string>;
  stopSignal: Promise<void>;
  onPublished?: (topic: string, count: number) => void;
  afterProduce?: (published: PublicEventToPublish[]) => void | Promise<void>;
  logger?: { warn(message: string, details?: Record<string, unknown>): void };
}

/**
 * One relay session's batches: produced strictly one after the other (order per key, checkpoints
 * in order), while the next batch is read and mapped; at most three batches in flight. After each
 * batch's produce and the previous checkpoint step, the checkpoint moves to the newest batch whose
 * produce was acknowledged: when later batches were acknowledged while an earlier checkpoint was
 * being written, one write covers them all (under load the relay writes a checkpoint per few
 * batches, not per batch; what a crash republishes stays bounded by the batches in flight). Each
 * step is tried again until it succeeds; once the session ended, a step gets its current attempt only.
 */
export class PublishPipeline {
  private ended = false;
  /** The last batch's produce. */
  private produced: Promise<void> = Promise.resolve();
  /** Checkpoint steps not yet done, oldest first. */
  private readonly pending: Promise<void>[] = [];
  /** The newest checkpoint whose batch, and every batch before it, the transport acknowledged. */
  private acknowledged: Checkpoint | null = null;
  /** The checkpoint last stored by this session. */
  private stored: Checkpoint | null = null;

  constructor(private readonly options: PublishPipelineOptions) {}

  async push(byTopic: Map<string, PublicEventToPublish[]>, publicEvents: PublicEventToPublish[], checkpoint: Checkpoint): Promise<void> {
    while (this.pending.length >= MAX_BATCHES_IN_FLIGHT) await this.pending.shift();
    const produced = this.produced.then(async () => {
      await this.produceAll(byTopic);
      if (this.options.afterProduce) await this.options.afterProduce(publicEvents);
      this.acknowledged = checkpoint;
    });
    const previous = this.pending[this.pending.length - 1] ?? Promise.resolve();
    const checkpointed = Promise.all([produced, previous]).then(() => this.storeCheckpoint());
    produced.catch(() => undefined);
    checkpointed.catch(() => undefined);
    this.produced = produced;
    this.pending.push(checkpointed);
  }

  /** The session ended: steps under way get their current attempt only. */
  end(): void {
    this.ended = true;
  }

  /** Resolves once the last batch's checkpoint was stored or given up. */
  async drained(): Promise<void> {
    await this.pending[this.pending.length - 1]?.catch(() => undefined);
  }

  private async produceAll(byTopic: Map<string, PublicEventToPublish[]>): Promise<void> {
    const { transport, ensuredTopics } = this.options;
    for (const [topic, list] of byTopic) {
      const messages = list.map(toOutgoingMessage);
      await this.untilDone('produce', async () => {
        if (!ensuredTopics.has(topic)) {
          await transport.ensureTopic(topic, this.options.partitions);
          ensuredTopics.add(topic);
        }
        await transport.produce(topic, messages);
      });
      this.options.onPublished?.(topic, list.length);
    }
  }

  private async storeCheckpoint(): Promise<void> {
    const checkpoint = this.acknowledged;
    if (checkpoint === null || checkpoint === this.stored) return;
    await this.untilDone('checkpoint', () => this.options.checkpoints.write(checkpoint));
    this.stored = checkpoint;
  }

  private async untilDone(what: string, work: () => Promise<void>): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      if (this.ended && attempt > 0) throw new Stopping();
      try {
        await work();
        return;
      } catch (error) {
        this.options.logger?.warn(`relay: ${what} failed, retrying`, { relay: this.options.relay, attempt, error: (error as Error).message });
        await wait(Math.min(100 * 2 ** attempt, 5_000), this.options.stopSignal);
      }
    }
  }
}
