import { Pool } from 'pg';
import { wait } from '../timing';
import { BatchHandler, ConsumedMessage, MessageBatch } from '../transport.port';
import { PgLogCatalog } from './pg-log-catalog';
import { PgLogOffsetStore } from './pg-log-offsets';
import { LeaseHolder, PartitionLeases } from './partition-leases';

export interface PartitionPollerOptions {
  pool: Pool;
  catalog: PgLogCatalog;
  offsets: PgLogOffsetStore;
  leases: PartitionLeases;
  handler: BatchHandler;
  maxBatchSize: number;
  /** Fallback poll when no notification arrives. */
  pollIntervalMs: number;
  stopping: () => boolean;
  stopSignal: Promise<void>;
}

/**
 * Reads one leased partition from the committed offset, in batches, hands each to the handler and
 * commits how far it got; sleeps until a notification (or the fallback poll) when caught up. A
 * failed batch is delivered again from the committed offset, after a backoff.
 */
export class PartitionPoller implements LeaseHolder {
  private dirty = true;
  private wakeUp: (() => void) | null = null;
  readonly finished: Promise<void>;

  constructor(
    readonly topic: string,
    readonly partition: number,
    private readonly options: PartitionPollerOptions,
  ) {
    this.finished = this.run();
  }

  wake(): void {
    this.dirty = true;
    this.wakeUp?.();
  }

  private readonly alive = (): boolean => !this.options.stopping() && !this.options.leases.lost;

  private async run(): Promise<void> {
    const { topic, partition } = this;
    const { pool, catalog, offsets, leases, handler } = this.options;
    let position: string | null = null;
    let failures = 0;
    // Let the constructor return before the first statement.
    await Promise.resolve();
    while (this.alive()) {
      try {
        position ??= await offsets.startPosition(topic, partition);
        this.dirty = false;
        const { rows } = await pool.query(
          `SELECT m."offset"::text AS "offset", m.key, m.headers, m.value, m."timestamp",
                  (SELECT next_offset::text FROM ${catalog.s}.partitions WHERE topic = $1 AND partition = $2) AS hw
           FROM ${catalog.s}.messages m
           WHERE m.topic = $1 AND m.partition = $2 AND m."offset" >= $3
           ORDER BY m."offset" LIMIT $4`,
          [topic, partition, position, this.options.maxBatchSize],
        );
        if (rows.length === 0) {
          if (!this.dirty && this.alive()) await this.sleep();
          continue;
        }
        const messages: ConsumedMessage[] = rows.map((r) => ({ topic, partition, offset: r.offset, key: r.key, value: r.value, headers: r.headers, timestamp: r.timestamp }));
        const batch: MessageBatch = {
          topic,
          partition,
          messages,
          highWatermark: rows[0].hw,
          heartbeat: async () => undefined,
          isRunning: this.alive,
          commitInTransaction: (sql, nextOffset) => offsets.commitInTransaction(leases, sql, topic, partition, nextOffset),
        };
        const result = await handler(batch);
        const next = result?.nextOffset ?? (BigInt(messages[messages.length - 1].offset) + 1n).toString();
        if (BigInt(next) > BigInt(position)) {
          await offsets.commit(leases, topic, partition, next);
          position = next;
        }
        failures = 0;
      } catch {
        if (!this.alive()) break;
        // Deliver again from the committed offset, as Kafka does after a failed batch.
        position = null;
        failures++;
        await wait(Math.min(100 * 2 ** failures, 5_000), this.options.stopSignal, leases.lostSignal);
      }
    }
  }

  private async sleep(): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, this.options.pollIntervalMs);
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.wakeUp = null;
  }
}
