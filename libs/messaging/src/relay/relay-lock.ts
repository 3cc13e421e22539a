import { Client } from 'pg';
import { guardClient } from '@kinerja/event-store';
import { wait } from '../timing';

/**
 * One publishing relay per name: a session advisory lock on a connection of its own. Another relay
 * of the same name waits; it takes over when the holder's connection ends.
 */
export class RelayLock {
  constructor(
    private readonly connectionString: string,
    private readonly relay: string,
  ) {}

  /** Connects and takes the lock; null when `stopping()` says so first. The lock lives as long as the client. */
  async acquire(stopping: () => boolean, stopSignal: Promise<void>): Promise<Client | null> {
    while (!stopping()) {
      const client = guardClient(new Client({ connectionString: this.connectionString, application_name: `kinerja-relay-${this.relay}-lock` }));
      await client.connect();
      const { rows } = await client.query(`SELECT pg_try_advisory_lock(hashtext('kinerja_relay'), hashtext($1)) AS ok`, [this.relay]);
      if (rows[0].ok) return client;
      await client.end().catch(() => undefined);
      await wait(1_000, stopSignal);
    }
    return null;
  }
}
