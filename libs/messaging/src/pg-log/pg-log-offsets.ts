import { Pool } from 'pg';
import { SqlExecutor } from '../transport.port';
import { ConsumerFencedError } from './errors';
import { PgLogCatalog } from './pg-log-catalog';
import { PartitionLeases } from './partition-leases';

/**
 * A consumer group's committed offsets (`consumer_offsets`). A commit is fenced by the partition's
 * lease: on the lease's own connection, or in the handler's transaction only while the lease's
 * connection still holds the advisory lock.
 */
export class PgLogOffsetStore {
  constructor(
    private readonly pool: Pool,
    private readonly catalog: PgLogCatalog,
    private readonly groupId: string,
    private readonly fromBeginning: boolean,
  ) {}

  /** The committed offset, else the beginning (or the end, unless `fromBeginning`). */
  async startPosition(topic: string, partition: number): Promise<string> {
    const s = this.catalog.s;
    const { rows } = await this.pool.query(
      `SELECT coalesce(
         (SELECT next_offset FROM ${s}.consumer_offsets WHERE group_id = $1 AND topic = $2 AND partition = $3),
         CASE WHEN $4 THEN 0 ELSE (SELECT next_offset FROM ${s}.partitions WHERE topic = $2 AND partition = $3) END)::text AS o`,
      [this.groupId, topic, partition, this.fromBeginning],
    );
    return rows[0].o;
  }

  async commit(leases: PartitionLeases, topic: string, partition: number, nextOffset: string): Promise<void> {
    if (leases.lost) throw new ConsumerFencedError(this.groupId, topic, partition);
    await leases.run((client) =>
      client.query(
        `INSERT INTO ${this.catalog.s}.consumer_offsets (group_id, topic, partition, next_offset) VALUES ($1, $2, $3, $4)
         ON CONFLICT (group_id, topic, partition) DO UPDATE SET next_offset = EXCLUDED.next_offset, updated_at = now()`,
        [this.groupId, topic, partition, nextOffset],
      ),
    );
  }

  async commitInTransaction(leases: PartitionLeases, sql: SqlExecutor, topic: string, partition: number, nextOffset: string): Promise<void> {
    const result = (await sql.query(
      `WITH c AS (
         INSERT INTO ${this.catalog.s}.consumer_offsets (group_id, topic, partition, next_offset)
         SELECT $1::text, $2::text, $3::int, $4::bigint
         WHERE EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid = $5 AND objsubid = 2
                         AND classid = hashtext($1::text)::oid AND objid = hashtext($6::text)::oid)
         ON CONFLICT (group_id, topic, partition) DO UPDATE SET next_offset = EXCLUDED.next_offset, updated_at = now()
         RETURNING 1)
       SELECT count(*)::int AS n FROM c`,
      [this.groupId, topic, partition, nextOffset, leases.pid, `${topic}:${partition}`],
    )) as { n: number }[] | { rows: { n: number }[] };
    // A TypeORM query runner returns the rows, a pg client a result holding them.
    const rows = Array.isArray(result) ? result : result.rows;
    if (rows[0]?.n !== 1) throw new ConsumerFencedError(this.groupId, topic, partition);
  }
}
