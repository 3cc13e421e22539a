import { Client, Notification, Pool, PoolClient } from 'pg';
import { guardPool } from '@kinerja/event-store';
import { partitionForKey } from './partitioner';
import {
  ConsumedMessage,
  ConsumeOptions,
  ConsumerHandle,
  MessageBatch,
  OutgoingMessage,
  SqlExecutor,
  toBuffer,
  Transport,
} from './transport.port';

export interface PgLogTransportOptions {
  connectionString: string;
  /** Schema of the log's tables. Default `kinerja_log`. */
  schema?: string;
  /** Fallback poll when no notification arrives (a lost NOTIFY, a reconnect). Default 1000 ms. */
  pollIntervalMs?: number;
  /** `application_name` of the log's connections (lets operators and tests find them). */
  applicationName?: string;
  poolSize?: number;
  /**
   * Messages older than this are deleted, as Kafka's `retention.ms` does (default 7 days). A
   * consumer that had not read them yet continues with the oldest message left.
   */
  retentionMs?: number;
  /** How often this transport prunes while it is open. Default 1 hour; 0 = never. */
  pruneIntervalMs?: number;
}

export interface PgLogTransport extends Transport {
  readonly schema: string;
  /** Deletes the messages past retention now; returns how many. */
  prune(): Promise<number>;
}

const CHANNEL = 'kinerja_log';
/** Resolves after `ms` or as soon as one of the signals resolves, leaving no timer behind. */
function wait(ms: number, ...signals: Promise<void>[]): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  return Promise.race([timeout, ...signals]).finally(() => clearTimeout(timer));
}

export class UnknownTopicError extends Error {
  constructor(readonly topic: string) {
    super(`Unknown topic ${topic}: create it with ensureTopic first`);
    this.name = 'UnknownTopicError';
  }
}

/** This consumer lost its partition (connection dropped, another consumer took over). */
export class ConsumerFencedError extends Error {
  constructor(groupId: string, topic: string, partition: number) {
    super(`Consumer of group ${groupId} no longer owns ${topic}/${partition}`);
    this.name = 'ConsumerFencedError';
  }
}

/**
 * A Kafka-shaped log in PostgreSQL, for the embedded default. Offsets are dense per partition and
 * assigned under the partition row's lock, so they become visible in offset order and a reader
 * never skips one. A consumer owns a (group, topic, partition) through a session advisory lock held
 * by its listening connection and commits its offsets on that connection, so a consumer that lost
 * its connection cannot commit any more.
 */
export function createPgLogTransport(options: PgLogTransportOptions): PgLogTransport {
  const schema = options.schema ?? 'kinerja_log';
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`Invalid schema name ${schema}`);
  const applicationName = options.applicationName ?? 'kinerja-pglog';
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  // Connections killed by the server must not crash the process; the next query reconnects.
  const pool = guardPool(new Pool({ connectionString: options.connectionString, max: options.poolSize ?? 10, application_name: applicationName }));
  const s = `"${schema}"`;
  const partitionCounts = new Map<string, number>();
  const consumers = new Set<ConsumerHandle>();
  let roundRobin = 0;
  let ready: Promise<void> | null = null;

  function migrate(): Promise<void> {
    ready ??= (async () => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(`SELECT pg_advisory_xact_lock(hashtext('kinerja_log_migrate'))`);
        await client.query(`
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
          );`);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        ready = null;
        throw error;
      } finally {
        client.release();
      }
    })();
    return ready;
  }

  async function partitionsOf(topic: string): Promise<number | null> {
    const cached = partitionCounts.get(topic);
    if (cached) return cached;
    await migrate();
    const { rows } = await pool.query(`SELECT partitions FROM ${s}.topics WHERE name = $1`, [topic]);
    if (rows.length === 0) return null;
    partitionCounts.set(topic, rows[0].partitions);
    return rows[0].partitions;
  }

  async function withTransaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
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

  async function ensureTopic(topic: string, partitions: number): Promise<void> {
    await migrate();
    await withTransaction(async (client) => {
      await client.query(`INSERT INTO ${s}.topics (name, partitions) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`, [topic, partitions]);
      await client.query(
        `INSERT INTO ${s}.partitions (topic, partition)
         SELECT $1, p FROM ${s}.topics t, generate_series(0, t.partitions - 1) p WHERE t.name = $1
         ON CONFLICT DO NOTHING`,
        [topic],
      );
    });
  }

  async function produce(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const count = await partitionsOf(topic);
    if (!count) throw new UnknownTopicError(topic);
    const partitionOf = messages.map((m) => (m.key === null ? roundRobin++ % count : partitionForKey(m.key, count)));
    // One statement, so the transaction (and the row locks it holds) is as short as it can be.
    await pool.query(`SELECT ${s}.produce($1, $2::int[], $3::text[], $4::jsonb[], $5::bytea[])`, [
      topic,
      partitionOf,
      messages.map((m) => m.key),
      messages.map((m) => JSON.stringify(m.headers)),
      messages.map((m) => toBuffer(m.value)),
    ]);
  }


  async function consume(consumeOptions: ConsumeOptions): Promise<ConsumerHandle> {
    await migrate();
    const { groupId, topics, handler } = consumeOptions;
    const maxBatchSize = consumeOptions.maxBatchSize ?? 500;
    let stopping = false;
    let resolveDone!: () => void;
    const done = new Promise<void>((resolve) => (resolveDone = resolve));
    let signalStop!: () => void;
    const stopped = new Promise<void>((resolve) => (signalStop = resolve));

    interface Worker {
      topic: string;
      partition: number;
      dirty: boolean;
      wake: (() => void) | null;
      finished: Promise<void>;
    }

    /** One session: a listening connection holding the advisory locks, and a worker per owned partition. */
    interface Session {
      client: Client;
      pid: number;
      lost: boolean;
      workers: Map<string, Worker>;
      lostSignal: Promise<void>;
      /** The session connection runs one statement at a time; workers queue here. */
      queue: Promise<unknown>;
    }
    let session: Session | null = null;

    const wakeAll = (sess: Session) => {
      for (const w of sess.workers.values()) {
        w.dirty = true;
        w.wake?.();
      }
    };

    async function openSession(): Promise<Session> {
      const client = new Client({ connectionString: options.connectionString, application_name: applicationName });
      let markLost!: () => void;
      const lostSignal = new Promise<void>((resolve) => (markLost = resolve));
      const sess: Session = { client, pid: 0, lost: false, workers: new Map(), lostSignal, queue: Promise.resolve() };
      const lose = () => {
        if (sess.lost) return;
        sess.lost = true;
        markLost();
        wakeAll(sess);
      };
      client.on('error', lose);
      client.on('end', lose);
      client.on('notification', (n: Notification) => {
        const worker = n.payload ? sess.workers.get(n.payload) : undefined;
        if (worker) {
          worker.dirty = true;
          worker.wake?.();
        }
      });
      try {
        await client.connect();
        const { rows } = await client.query('SELECT pg_backend_pid() AS pid');
        sess.pid = rows[0].pid;
        await client.query(`LISTEN ${CHANNEL}`);
      } catch (error) {
        lose();
        await client.end().catch(() => undefined);
        throw error;
      }
      return sess;
    }

    function onSession<T>(sess: Session, statement: () => Promise<T>): Promise<T> {
      const result = sess.queue.then(statement);
      sess.queue = result.catch(() => undefined);
      return result;
    }

    async function commit(sess: Session, topic: string, partition: number, nextOffset: string): Promise<void> {
      if (sess.lost) throw new ConsumerFencedError(groupId, topic, partition);
      await onSession(sess, () => sess.client.query(
        `INSERT INTO ${s}.consumer_offsets (group_id, topic, partition, next_offset) VALUES ($1, $2, $3, $4)
         ON CONFLICT (group_id, topic, partition) DO UPDATE SET next_offset = EXCLUDED.next_offset, updated_at = now()`,
        [groupId, topic, partition, nextOffset],
      ));
    }

    async function commitInTransaction(sess: Session, sql: SqlExecutor, topic: string, partition: number, nextOffset: string) {
      const result = (await sql.query(
        `WITH c AS (
           INSERT INTO ${s}.consumer_offsets (group_id, topic, partition, next_offset)
           SELECT $1::text, $2::text, $3::int, $4::bigint
           WHERE EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid = $5 AND objsubid = 2
                           AND classid = hashtext($1::text)::oid AND objid = hashtext($6::text)::oid)
           ON CONFLICT (group_id, topic, partition) DO UPDATE SET next_offset = EXCLUDED.next_offset, updated_at = now()
           RETURNING 1)
         SELECT count(*)::int AS n FROM c`,
        [groupId, topic, partition, nextOffset, sess.pid, `${topic}:${partition}`],
      )) as { n: number }[] | { rows: { n: number }[] };
      // A TypeORM query runner returns the rows, a pg client a result holding them.
      const rows = Array.isArray(result) ? result : result.rows;
      if (rows[0]?.n !== 1) throw new ConsumerFencedError(groupId, topic, partition);
    }

    async function startPosition(topic: string, partition: number): Promise<string> {
      const { rows } = await pool.query(
        `SELECT coalesce(
           (SELECT next_offset FROM ${s}.consumer_offsets WHERE group_id = $1 AND topic = $2 AND partition = $3),
           CASE WHEN $4 THEN 0 ELSE (SELECT next_offset FROM ${s}.partitions WHERE topic = $2 AND partition = $3) END)::text AS o`,
        [groupId, topic, partition, consumeOptions.fromBeginning ?? true],
      );
      return rows[0].o;
    }

    async function runWorker(sess: Session, worker: Worker): Promise<void> {
      const { topic, partition } = worker;
      const alive = () => !stopping && !sess.lost;
      let position: string | null = null;
      let failures = 0;
      while (alive()) {
        try {
          position ??= await startPosition(topic, partition);
          worker.dirty = false;
          const { rows } = await pool.query(
            `SELECT m."offset"::text AS "offset", m.key, m.headers, m.value, m."timestamp",
                    (SELECT next_offset::text FROM ${s}.partitions WHERE topic = $1 AND partition = $2) AS hw
             FROM ${s}.messages m
             WHERE m.topic = $1 AND m.partition = $2 AND m."offset" >= $3
             ORDER BY m."offset" LIMIT $4`,
            [topic, partition, position, maxBatchSize],
          );
          if (rows.length === 0) {
            if (!worker.dirty && alive()) {
              await new Promise<void>((resolve) => {
                const timer = setTimeout(resolve, pollIntervalMs);
                worker.wake = () => {
                  clearTimeout(timer);
                  resolve();
                };
              });
              worker.wake = null;
            }
            continue;
          }
          const messages: ConsumedMessage[] = rows.map((r) => ({
            topic,
            partition,
            offset: r.offset,
            key: r.key,
            value: r.value,
            headers: r.headers,
            timestamp: r.timestamp,
          }));
          const batch: MessageBatch = {
            topic,
            partition,
            messages,
            highWatermark: rows[0].hw,
            heartbeat: async () => undefined,
            isRunning: alive,
            commitInTransaction: (sql, nextOffset) => commitInTransaction(sess, sql, topic, partition, nextOffset),
          };
          const result = await handler(batch);
          const next = result?.nextOffset ?? (BigInt(messages[messages.length - 1].offset) + 1n).toString();
          if (BigInt(next) > BigInt(position)) {
            await commit(sess, topic, partition, next);
            position = next;
          }
          failures = 0;
        } catch {
          if (!alive()) break;
          // Deliver again from the committed offset, as Kafka does after a failed batch.
          position = null;
          failures++;
          await wait(Math.min(100 * 2 ** failures, 5_000), stopped, sess.lostSignal);
        }
      }
    }

    async function claimPartitions(sess: Session): Promise<void> {
      for (const topic of topics) {
        const count = await partitionsOf(topic);
        if (!count) continue;
        for (let partition = 0; partition < count; partition++) {
          const id = `${topic}:${partition}`;
          if (sess.workers.has(id) || sess.lost || stopping) continue;
          const { rows } = await onSession(sess, () =>
            sess.client.query('SELECT pg_try_advisory_lock(hashtext($1), hashtext($2)) AS ok', [groupId, id]),
          );
          if (!rows[0].ok) continue;
          const worker: Worker = { topic, partition, dirty: true, wake: null, finished: Promise.resolve() };
          sess.workers.set(id, worker);
          worker.finished = runWorker(sess, worker);
        }
      }
    }

    async function supervise(): Promise<void> {
      let failures = 0;
      while (!stopping) {
        let sess: Session | null = null;
        try {
          sess = await openSession();
          session = sess;
          failures = 0;
          while (!stopping && !sess.lost) {
            await claimPartitions(sess);
            // Re-claim periodically: partitions freed by a consumer that died, topics created later.
            await wait(pollIntervalMs * 5, sess.lostSignal, stopped);
          }
        } catch {
          failures++;
        }
        if (sess) {
          if (!stopping) sess.lost = true;
          wakeAll(sess);
          await Promise.all([...sess.workers.values()].map((w) => w.finished));
          await sess.client.end().catch(() => undefined);
          session = null;
        }
        if (!stopping) await wait(Math.min(200 * 2 ** failures, 5_000), stopped);
      }
    }

    const supervisor = supervise();
    const handle: ConsumerHandle = {
      done,
      async stop() {
        if (stopping) return done;
        stopping = true;
        consumers.delete(handle);
        signalStop();
        if (session) wakeAll(session);
        await supervisor;
        resolveDone();
      },
    };
    consumers.add(handle);
    return handle;
  }

  const retentionMs = options.retentionMs ?? 7 * 24 * 3600_000;
  async function prune(): Promise<number> {
    await migrate();
    let deleted = 0;
    for (;;) {
      const { rowCount } = await pool.query(
        `DELETE FROM ${s}.messages WHERE ctid = ANY (ARRAY(
           SELECT ctid FROM ${s}.messages WHERE "timestamp" < now() - make_interval(secs => $1::double precision / 1000) LIMIT 5000))`,
        [retentionMs],
      );
      deleted += rowCount ?? 0;
      if (!rowCount) return deleted;
    }
  }
  const pruneIntervalMs = options.pruneIntervalMs ?? 3600_000;
  const pruner = pruneIntervalMs > 0 ? setInterval(() => void prune().catch(() => undefined), pruneIntervalMs) : null;
  pruner?.unref();

  return {
    kind: 'pg-log',
    prune,
    schema,
    ensureTopic,
    produce,
    consume,
    async ready() {
      await pool.query('SELECT 1');
    },
    async close() {
      if (pruner) clearInterval(pruner);
      await Promise.all([...consumers].map((c) => c.stop()));
      await pool.end();
    },
  };
}
