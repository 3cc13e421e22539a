import { DataSource, QueryRunner } from 'typeorm';

/**
 * The consumer group's record of the events it applied, `inbox(group_id, event_id)`, written in
 * the handlers' transaction: an event id already there is a redelivery.
 */
export class Inbox {
  constructor(
    readonly table: string,
    private readonly groupId: string,
  ) {
    if (!/^[a-z_][a-z0-9_.]*$/.test(table)) throw new Error(`Invalid inbox table name ${table}`);
  }

  /** Creates the table when absent (one creator at a time). */
  async migrate(dataSource: DataSource): Promise<void> {
    await dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('kinerja_inbox_migrate'))`);
      await manager.query(`CREATE TABLE IF NOT EXISTS ${this.table} (
        group_id text NOT NULL,
        event_id text NOT NULL,
        event_type text NOT NULL,
        topic text NOT NULL,
        partition int NOT NULL,
        "offset" bigint NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (group_id, event_id))`);
    });
  }

  /** Records the events in one statement; returns the ids that were new (the rest are redeliveries). */
  async record(
    runner: QueryRunner,
    topic: string,
    partition: number,
    events: readonly { id: string; type: string; offset: string }[],
  ): Promise<Set<string>> {
    if (events.length === 0) return new Set();
    const rows = (await runner.query(
      `INSERT INTO ${this.table} (group_id, event_id, event_type, topic, partition, "offset")
       SELECT $1, e.id, e.type, $2, $3, e.off FROM unnest($4::text[], $5::text[], $6::bigint[]) AS e(id, type, off)
       ON CONFLICT (group_id, event_id) DO NOTHING RETURNING event_id`,
      [this.groupId, topic, partition, events.map((e) => e.id), events.map((e) => e.type), events.map((e) => e.offset)],
    )) as { event_id: string }[];
    return new Set(rows.map((row) => row.event_id));
  }
}
