import { Client, Notification, QueryResult, QueryResultRow } from 'pg';
import { CHANNEL } from './pg-log-catalog';

/** What a lease holder needs to hear: new messages on its partition, or that the session ended. */
export interface LeaseHolder {
  wake(): void;
  /** Resolves once the holder stopped working on the partition. */
  readonly finished: Promise<void>;
}

/**
 * One consumer session: a listening connection that holds a session advisory lock per owned
 * (group, topic, partition), so one consumer of a group owns a partition at a time. Losing the
 * connection loses every lease at once (`lost`, `lostSignal`); the connection runs one statement
 * at a time, so statements queue (`run`).
 */
export class PartitionLeases {
  pid = 0;
  lost = false;
  readonly holders = new Map<string, LeaseHolder>();
  readonly lostSignal: Promise<void>;
  private markLost!: () => void;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly client: Client;

  private constructor(
    connectionString: string,
    applicationName: string,
    private readonly groupId: string,
  ) {
    this.client = new Client({ connectionString, application_name: applicationName });
    this.lostSignal = new Promise<void>((resolve) => (this.markLost = resolve));
    this.client.on('error', () => this.lose());
    this.client.on('end', () => this.lose());
    this.client.on('notification', (n: Notification) => {
      if (n.payload) this.holders.get(n.payload)?.wake();
    });
  }

  /** Connects and listens for produced messages. */
  static async open(connectionString: string, applicationName: string, groupId: string): Promise<PartitionLeases> {
    const leases = new PartitionLeases(connectionString, applicationName, groupId);
    try {
      await leases.client.connect();
      const { rows } = await leases.client.query('SELECT pg_backend_pid() AS pid');
      leases.pid = rows[0].pid;
      await leases.client.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      leases.lose();
      await leases.client.end().catch(() => undefined);
      throw error;
    }
    return leases;
  }

  /** Takes the lease of `topic:partition` when no other consumer of the group holds it. */
  async tryTake(id: string): Promise<boolean> {
    const { rows } = await this.run((client) => client.query('SELECT pg_try_advisory_lock(hashtext($1), hashtext($2)) AS ok', [this.groupId, id]));
    return rows[0].ok === true;
  }

  /** A statement on the session's connection, after the ones queued before it. */
  run<Row extends QueryResultRow>(statement: (client: Client) => Promise<QueryResult<Row>>): Promise<QueryResult<Row>> {
    const result = this.queue.then(() => statement(this.client));
    this.queue = result.catch(() => undefined);
    return result;
  }

  lose(): void {
    if (this.lost) return;
    this.lost = true;
    this.markLost();
    this.wakeAll();
  }

  wakeAll(): void {
    for (const holder of this.holders.values()) holder.wake();
  }

  /** Ends the connection, and with it every lease. */
  async end(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }
}
