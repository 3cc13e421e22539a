import { Client } from 'pg';
import { guardClient } from '@kinerja/event-store';

/** One piece of work that must run once across a service's replicas. */
export interface LeaseClaim {
  /** What the lock guards, e.g. `work_planning/projections`: one holder per name in a database. */
  name: string;
  /** Called once this process holds the lock; the work starts here. */
  acquired: () => Promise<void>;
  /** Called when the lock is lost (its connection ended) or on `stop()` while held; the work stops here. */
  lost: (why: 'connection-lost' | 'stopped') => Promise<void>;
}

export interface LeaseOptions {
  connectionString: string;
  /** Names the connection: `kinerja-lease <pid> <label>` in pg_stat_activity. */
  label: string;
  /** Tried and started in this order; stopped in the reverse order. */
  claims: readonly LeaseClaim[];
  /** Between two attempts at the claims not held, and between two checks that the connection is alive. Default 1 s. */
  retryMs?: number;
  logger?: { info(details: object, message: string): void; warn(details: object, message: string): void };
}

/** The advisory lock of a claim: `pg_locks` shows it as classid = hashtext('kinerja_lease'), objid = hashtext(name). */
const LOCK = `hashtext('kinerja_lease'), hashtext($1)`;

/**
 * The work a service must run once across its replicas (projections, each reactor, audit anchors):
 * one PostgreSQL session advisory lock per claim, all held on one connection of the process's own.
 * A lock lives exactly as long as that connection, so when the holding process dies (kill -9, a
 * crash, a lost host) PostgreSQL ends the session and releases its locks, and another replica,
 * trying every `retryMs`, takes each over. A holder that loses its connection (a database restart,
 * a network cut) stops the work, then competes again.
 */
export class Lease {
  private client: Client | null = null;
  private readonly holding = new Set<string>();
  private stopping = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private readonly retryMs: number;

  constructor(private readonly options: LeaseOptions) {
    this.retryMs = options.retryMs ?? 1_000;
  }

  /** Whether this process holds the claim. */
  holds(name: string): boolean {
    return this.holding.has(name);
  }

  /**
   * Makes one attempt at every claim at once (so a single replica holds them before it answers
   * requests, exactly as without replicas), then keeps trying in the background. Resolves with the
   * names held; rejects, as a boot without a lease would, when the database or an `acquired` fails.
   */
  async start(): Promise<string[]> {
    if (this.loop) throw new Error('Lease already started');
    this.stopping = false;
    await this.attempt();
    this.loop = this.run();
    return [...this.holding];
  }

  /** Stops competing; the work stops (`lost('stopped')`, in reverse order) before the locks are released. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    this.loop = null;
    await this.releaseAll('stopped');
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      await this.pause();
      if (this.stopping) break;
      if (this.client && this.holding.size > 0) {
        const alive = await this.client
          .query('SELECT 1')
          .then(() => true)
          .catch(() => false);
        if (!alive) {
          this.options.logger?.warn({ lease: this.options.label, claims: [...this.holding] }, 'lease lost with its database connection; the work that runs once stops here');
          await this.releaseAll('connection-lost').catch((error: unknown) =>
            this.options.logger?.warn({ lease: this.options.label, err: error }, 'the work that runs once did not stop cleanly'),
          );
          continue;
        }
      }
      if (this.holding.size === this.options.claims.length) continue;
      await this.attempt().catch((error: unknown) => this.options.logger?.warn({ lease: this.options.label, err: error }, 'lease not taken; trying again'));
    }
  }

  /** Connects when needed and tries each claim not held; starts the work of each one taken. */
  private async attempt(): Promise<void> {
    const client = await this.connection();
    for (const claim of this.options.claims) {
      if (this.stopping || this.holding.has(claim.name)) continue;
      const { rows } = await client.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(${LOCK}) AS ok`, [claim.name]);
      if (!rows[0].ok) continue;
      this.holding.add(claim.name);
      this.options.logger?.info({ lease: this.options.label, claim: claim.name }, 'lease taken: this replica runs the work');
      try {
        await claim.acquired();
      } catch (error) {
        // Could not start the work: give the claim up, so that another replica (or the next attempt) can.
        this.holding.delete(claim.name);
        await client.query(`SELECT pg_advisory_unlock(${LOCK})`, [claim.name]).catch(() => undefined);
        this.options.logger?.warn({ lease: this.options.label, claim: claim.name, err: error }, 'lease given up: the work did not start');
        throw error;
      }
    }
    if (this.holding.size === 0) await this.disconnect();
  }

  private async connection(): Promise<Client> {
    if (this.client) return this.client;
    const client = guardClient(new Client({ connectionString: this.options.connectionString, application_name: `kinerja-lease ${process.pid} ${this.options.label}`.slice(0, 63) }));
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.client = client;
    return client;
  }

  /** Stops the work of every claim held (reverse order), then ends the session, which releases the locks. */
  private async releaseAll(why: 'connection-lost' | 'stopped'): Promise<void> {
    let failure: unknown = null;
    for (const claim of [...this.options.claims].reverse()) {
      if (!this.holding.delete(claim.name)) continue;
      await claim.lost(why).catch((error: unknown) => (failure ??= error));
    }
    await this.disconnect();
    if (failure) throw failure;
  }

  private async disconnect(): Promise<void> {
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
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
