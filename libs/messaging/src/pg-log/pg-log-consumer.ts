import { Pool } from 'pg';
import { wait } from '../timing';
import { ConsumeOptions, ConsumerHandle } from '../transport.port';
import { PgLogCatalog } from './pg-log-catalog';
import { PgLogOffsetStore } from './pg-log-offsets';
import { PartitionLeases } from './partition-leases';
import { PartitionPoller } from './partition-poller';

export interface PgLogConsumerOptions {
  connectionString: string;
  applicationName: string;
  pool: Pool;
  catalog: PgLogCatalog;
  pollIntervalMs: number;
}

/**
 * A consumer group member on the PostgreSQL log: a session (`PartitionLeases`) that claims every
 * partition of its topics no other member holds, and a `PartitionPoller` per claimed partition.
 * It claims again periodically (partitions a dead member freed, topics created later); a lost
 * session ends its pollers and a new one starts after a backoff.
 */
export class PgLogConsumer implements ConsumerHandle {
  readonly done: Promise<void>;
  private resolveDone!: () => void;
  private stopping = false;
  private signalStop!: () => void;
  private readonly stopSignal: Promise<void>;
  private session: PartitionLeases | null = null;
  private readonly offsets: PgLogOffsetStore;
  private readonly supervisor: Promise<void>;

  constructor(
    private readonly options: PgLogConsumerOptions,
    private readonly consume: ConsumeOptions,
    private readonly onStop: () => void,
  ) {
    this.done = new Promise<void>((resolve) => (this.resolveDone = resolve));
    this.stopSignal = new Promise<void>((resolve) => (this.signalStop = resolve));
    this.offsets = new PgLogOffsetStore(options.pool, options.catalog, consume.groupId, consume.fromBeginning ?? true);
    this.supervisor = this.supervise();
  }

  async stop(): Promise<void> {
    if (this.stopping) return this.done;
    this.stopping = true;
    this.onStop();
    this.signalStop();
    this.session?.wakeAll();
    await this.supervisor;
    this.resolveDone();
  }

  private async supervise(): Promise<void> {
    const { connectionString, applicationName, pollIntervalMs } = this.options;
    let failures = 0;
    while (!this.stopping) {
      let session: PartitionLeases | null = null;
      try {
        session = await PartitionLeases.open(connectionString, applicationName, this.consume.groupId);
        this.session = session;
        failures = 0;
        while (!this.stopping && !session.lost) {
          await this.claimPartitions(session);
          // Re-claim periodically: partitions freed by a consumer that died, topics created later.
          await wait(pollIntervalMs * 5, session.lostSignal, this.stopSignal);
        }
      } catch {
        failures++;
      }
      if (session) {
        if (!this.stopping) session.lost = true;
        session.wakeAll();
        await Promise.all([...session.holders.values()].map((poller) => poller.finished));
        await session.end();
        this.session = null;
      }
      if (!this.stopping) await wait(Math.min(200 * 2 ** failures, 5_000), this.stopSignal);
    }
  }

  private async claimPartitions(session: PartitionLeases): Promise<void> {
    for (const topic of this.consume.topics) {
      const count = await this.options.catalog.partitionsOf(topic);
      if (!count) continue;
      for (let partition = 0; partition < count; partition++) {
        const id = `${topic}:${partition}`;
        if (session.holders.has(id) || session.lost || this.stopping) continue;
        if (!(await session.tryTake(id))) continue;
        session.holders.set(
          id,
          new PartitionPoller(topic, partition, {
            pool: this.options.pool,
            catalog: this.options.catalog,
            offsets: this.offsets,
            leases: session,
            handler: this.consume.handler,
            maxBatchSize: this.consume.maxBatchSize ?? 500,
            pollIntervalMs: this.options.pollIntervalMs,
            stopping: () => this.stopping,
            stopSignal: this.stopSignal,
          }),
        );
      }
    }
  }
}
