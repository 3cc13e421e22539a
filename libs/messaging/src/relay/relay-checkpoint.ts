import { Pool } from 'pg';
import type { Checkpoint } from '@kinerja/event-store';

/** The relay's position in the event store, `relay_checkpoints(relay, checkpoint)` in the service's database. */
export class RelayCheckpointStore {
  constructor(
    private readonly pool: Pool,
    private readonly relay: string,
  ) {}

  async ensureTable(): Promise<void> {
    await this.pool
      .query(
        `CREATE TABLE IF NOT EXISTS relay_checkpoints (
          relay text PRIMARY KEY,
          checkpoint text NOT NULL,
          updated_at timestamptz NOT NULL DEFAULT now())`,
      )
      .catch(async (error) => {
        // Two relays creating the table at once: one wins, the other sees it exist.
        if (!(await this.read().then(() => true, () => false))) throw error;
      });
  }

  async read(): Promise<Checkpoint | null> {
    const { rows } = await this.pool.query('SELECT checkpoint FROM relay_checkpoints WHERE relay = $1', [this.relay]);
    return rows.length ? (rows[0].checkpoint as Checkpoint) : null;
  }

  async write(checkpoint: Checkpoint): Promise<void> {
    await this.pool.query(
      `INSERT INTO relay_checkpoints (relay, checkpoint) VALUES ($1, $2)
       ON CONFLICT (relay) DO UPDATE SET checkpoint = EXCLUDED.checkpoint, updated_at = now()`,
      [this.relay, checkpoint],
    );
  }
}
