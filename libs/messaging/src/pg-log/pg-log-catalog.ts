import { Pool, PoolClient } from 'pg';

/** The channel producers notify with `<topic>:<partition>`. */
export const CHANNEL = 'kinerja_log';

/**
 * The log's tables in their schema (created on first use, one migrator at a time) and its topics:
 * `topics`, `partitions(next_offset)`, `messages`, `consumer_offsets`, and the `produce` function.
 */
export class PgLogCatalog {
  /** The schema, quoted for SQL. */
  readonly s: string;
  private readonly partitionCounts = new Map<string, number>();
  private ready: Promise<void> | null = null;

  constructor(
    private readonly pool: Pool,
    readonly schema: string,
  ) {
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`Invalid schema name ${schema}`);
    this.s = `"${schema}"`;
  }

  migrate(): Promise<void> {
    this.ready ??= this.withTransaction(async (client) => {
      await client.query(`SELECT pg_advisory_xact_lock(hashtext('kinerja_log_migrate'))`);
      await client.query(this.ddl());
    }).catch((error: unknown) => {
      this.ready = null;
      throw error;
    });
    return this.ready;
  }

  /** The topic's partition count; null for a topic that does not exist. */
  async partitionsOf(topic: string): Promise<number | null> {
    const cached = this.partitionCounts.get(topic);
    if (cached) return cached;
    await this.migrate();
    const { rows } = await this.pool.query(`SELECT partitions FROM ${this.s}.topics WHERE name = $1`, [topic]);
    if (rows.length === 0) return null;
    this.partitionCounts.set(topic, rows[0].partitions);
    return rows[0].partitions;
  }

  async ensureTopic(topic: string, partitions: number): Promise<void> {
    await this.migrate();
    await this.withTransaction(async (client) => {
      await client.query(`INSERT INTO ${this.s}.topics (name, partitions) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`, [topic, partitions]);
      await client.query(
        `INSERT INTO ${this.s}.partitions (topic, partition)
         SELECT $1, p FROM ${this.s}.topics t, generate_series(0, t.partitions - 1) p WHERE t.name = $1
         ON CONFLICT DO NOTHING`,
        [topic],
      );
    });
  }

  private async withTransaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private ddl(): string {
    const s = this.s;
    return `
      CREATE SCHEMA IF NOT EXISTS ${s};
      CREATE TABLE IF NOT EXISTS ${s}.topics (
        name text PRIMARY KEY,
        partitions int NOT NULL CHECK (partitions > 0),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE IF NOT EXISTS ${s}.partitions (
        topic text NOT NULL REFERENCES ${s}.topics(name),
        partition int NOT NULL,
        next_offset bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (topic, partition)
      );
      CREATE TABLE IF NOT EXISTS ${s}.messages (
        topic text NOT NULL,
        partition int NOT NULL,
        "offset" bigint NOT NULL,
        key text,
        headers jsonb NOT NULL,
        value bytea NOT NULL,
        "timestamp" timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (topic, partition, "offset"),
        FOREIGN KEY (topic, partition) REFERENCES ${s}.partitions(topic, partition)
      );
      CREATE INDEX IF NOT EXISTS messages_timestamp ON ${s}.messages ("timestamp");
      -- Partition rows are locked in partition order (no deadlock between producers); each
      -- partition's offsets continue from next_offset without a gap, in message order.
      CREATE OR REPLACE FUNCTION ${s}.produce(p_topic text, p_partitions int[], p_keys text[], p_headers jsonb[], p_values bytea[])
      RETURNS void LANGUAGE plpgsql AS $fn$
      DECLARE inserted bigint;
      BEGIN
        PERFORM 1 FROM ${s}.partitions
          WHERE topic = p_topic AND partition = ANY (p_partitions) ORDER BY partition FOR UPDATE;
        WITH m AS (
          SELECT u.partition, u.key, u.headers, u.value,
                 row_number() OVER (PARTITION BY u.partition ORDER BY u.ord) - 1 AS idx
          FROM unnest(p_partitions, p_keys, p_headers, p_values) WITH ORDINALITY AS u(partition, key, headers, value, ord)
        ), counts AS (
          SELECT partition, count(*) AS n FROM m GROUP BY partition
        ), bumped AS (
          UPDATE ${s}.partitions p SET next_offset = p.next_offset + c.n FROM counts c
          WHERE p.topic = p_topic AND p.partition = c.partition
          RETURNING p.partition, p.next_offset - c.n AS first
        )
        INSERT INTO ${s}.messages (topic, partition, "offset", key, headers, value)
        SELECT p_topic, m.partition, b.first + m.idx, m.key, m.headers, m.value FROM m JOIN bumped b USING (partition);
        GET DIAGNOSTICS inserted = ROW_COUNT;
        IF inserted <> cardinality(p_partitions) THEN
          RAISE EXCEPTION 'topic % lacks partitions for % of % messages', p_topic, cardinality(p_partitions) - inserted, cardinality(p_partitions);
        END IF;
        PERFORM pg_notify('${CHANNEL}', p_topic || ':' || x.p) FROM (SELECT DISTINCT unnest(p_partitions) AS p) x;
      END
      $fn$;
      CREATE TABLE IF NOT EXISTS ${s}.consumer_offsets (
        group_id text NOT NULL,
        topic text NOT NULL,
        partition int NOT NULL,
        next_offset bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (group_id, topic, partition)
      );`;
  }
}
