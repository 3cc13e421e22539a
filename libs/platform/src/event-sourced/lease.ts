import { Client } from 'pg';
import { guardClient } from '@kinerja/event-store';

export interface LeaseOptions {
  connectionString: string;
  /** What the lease guards, e.g. `work_planning_events/work_planning`: one holder per name in a database. */
  name: string;
  /** Called once this process holds the lease; the work that must run once starts here. */
  acquired: () => Promise<void>;
  /** Called when the lease is lost (its connection ended) or on `stop()` while held; the work stops here. */
  lost: (why: 'connection-lost' | 'stopped') => Promise<void>;
  /** Between two attempts to take the lease, and between two checks that the held lease's connection is alive. Default 1 s. */
  retryMs?: number;
  logger?: { info(details: object, message: string): void; warn(details: object, message: string): void };
}

/**
 * The service's work that must run once across its replicas (projections, reactors, audit anchors):
 * a PostgreSQL session advisory lock held on a connection of its own, named `kinerja-lease <pid> <name>`
 * (pg_stat_activity.application_name: which process holds it).
 * The lock lives exactly as long as that connection, so when the holding process dies (kill -9, a
 * crash, a lost host) PostgreSQL ends the session and releases it, and another replica, trying every
 * `retryMs`, takes over. A holder that loses its connection (a database restart, a network cut)
 * stops the work, then competes again.
 */
export class Lease {
  private client: Client | null = null;
  private holding = false;
  private stopping = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private readonly retryMs: number;

  constructor(private readonly options: LeaseOptions) {
    this.retryMs = options.retryMs ?? 1_000;
  }

  get held(): boolean {
    return this.holding;
  }

  /**
   * Makes one attempt at once (so a single replica holds the lease before it answers requests,
   * exactly as without one), then keeps trying in the background. Resolves with the first attempt's
   * outcome; rejects, as a boot without a lease would, when the database or `acquired` fails.
   */
  async start(): Promise<boolean> {
    if (this.loop) throw new Error('Lease already started');
    this.stopping = false;
    const first = await this.attempt();
    this.loop = this.run(first);
    return first;
  }

  /** Stops competing; the work stops (`lost('stopped')`) before the lock is released. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    this.loop = null;
  }

  private async run(holding: boolean): Promise<void> {
    while (!this.stopping) {
      if (!holding) {
        await this.pause();
        if (this.stopping) break;
        holding = await this.attempt().catch((error: unknown) => {
          this.options.logger?.warn({ lease: this.options.name, err: error }, 'lease not taken; trying again');
          return false;
        });
        continue;
      }
      // Held: check that the connection (and so the lock) is still there.
      await this.pause();
      if (this.stopping) break;
      const alive = await this.client!.query('SELECT 1')
        .then(() => true)
        .catch(() => false);
      if (alive) continue;
      this.options.logger?.warn({ lease: this.options.name }, 'lease lost with its database connection; the work that runs once stops here');
      await this.release('connection-lost').catch((error: unknown) => this.options.logger?.warn({ lease: this.options.name, err: error }, 'the work that runs once did not stop cleanly'));
      holding = false;
    }
    if (this.holding) await this.release('stopped');
  }

  private async attempt(): Promise<boolean> {
    const client = guardClient(new Client({ connectionString: this.options.connectionString, application_name: `kinerja-lease ${process.pid} ${this.options.name}`.slice(0, 63) }));
    try {
      await client.connect();
      const { rows } = await client.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(hashtext('kinerja_lease'), hashtext($1)) AS ok`, [this.options.name]);
      if (!rows[0].ok) {
        await client.end().catch(() => undefined);
        return false;
      }
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.client = client;
    this.holding = true;
    this.options.logger?.info({ lease: this.options.name }, 'lease taken: this replica runs the work that runs once');
    try {
      await this.options.acquired();
    } catch (error) {
      // Could not start the work: give the lease up, so that another replica (or the next attempt) can.
      this.options.logger?.warn({ lease: this.options.name, err: error }, 'lease given up: the work that runs once did not start');
      await this.release('connection-lost');
      throw error;
    }
    return true;
  }

  private async release(why: 'connection-lost' | 'stopped'): Promise<void> {
    this.holding = false;
    try {
      await this.options.lost(why);
    } finally {
      const client = this.client;
      this.client = null;
      // Ending the session releases the lock.
      await client?.end().catch(() => undefined);
    }
  }

  private pause(): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, this.retryMs);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => (this.wake = null));
  }
}
