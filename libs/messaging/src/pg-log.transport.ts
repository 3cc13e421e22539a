import { Pool } from 'pg';
import { guardPool } from '@kinerja/event-store';
import { ConsumeOptions, ConsumerHandle, OutgoingMessage, Transport } from './transport.port';
import { PgLogCatalog } from './pg-log/pg-log-catalog';
import { PgLogConsumer } from './pg-log/pg-log-consumer';
import { PgLogProducer } from './pg-log/pg-log-producer';
import { PgLogRetention } from './pg-log/pg-log-retention';

export { ConsumerFencedError, UnknownTopicError } from './pg-log/errors';

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

/**
 * A Kafka-shaped log in PostgreSQL, for the embedded default. Offsets are dense per partition and
 * assigned under the partition row's lock, so they become visible in offset order and a reader
 * never skips one. A consumer owns a (group, topic, partition) through a session advisory lock held
 * by its listening connection and commits its offsets on that connection, so a consumer that lost
 * its connection cannot commit any more. The parts: `PgLogCatalog` (tables, topics),
 * `PgLogProducer`, `PgLogConsumer` (`PartitionLeases`, a `PartitionPoller` per partition,
 * `PgLogOffsetStore`) and `PgLogRetention`.
 */
export function createPgLogTransport(options: PgLogTransportOptions): PgLogTransport {
  const applicationName = options.applicationName ?? 'kinerja-pglog';
  // Connections killed by the server must not crash the process; the next query reconnects.
  const pool = guardPool(new Pool({ connectionString: options.connectionString, max: options.poolSize ?? 10, application_name: applicationName }));
  const catalog = new PgLogCatalog(pool, options.schema ?? 'kinerja_log');
  const producer = new PgLogProducer(pool, catalog);
  const retention = new PgLogRetention(pool, catalog, options.retentionMs ?? 7 * 24 * 3600_000);
  const consumers = new Set<ConsumerHandle>();
  retention.start(options.pruneIntervalMs ?? 3600_000);

  return {
    kind: 'pg-log',
    schema: catalog.schema,
    prune: () => retention.prune(),
    ensureTopic: (topic: string, partitions: number) => catalog.ensureTopic(topic, partitions),
    produce: (topic: string, messages: readonly OutgoingMessage[]) => producer.produce(topic, messages),
    async consume(consumeOptions: ConsumeOptions): Promise<ConsumerHandle> {
      await catalog.migrate();
      const consumer: PgLogConsumer = new PgLogConsumer(
        { connectionString: options.connectionString, applicationName, pool, catalog, pollIntervalMs: options.pollIntervalMs ?? 1000 },
        consumeOptions,
        () => consumers.delete(consumer),
      );
      consumers.add(consumer);
      return consumer;
    },
    async ready() {
      await pool.query('SELECT 1');
    },
    async close() {
      retention.stop();
      await Promise.all([...consumers].map((c) => c.stop()));
      await pool.end();
    },
  };
}
