import { Pool } from 'pg';
import { partitionForKey } from '../partitioner';
import { OutgoingMessage, toBuffer } from '../transport.port';
import { UnknownTopicError } from './errors';
import { PgLogCatalog } from './pg-log-catalog';

/** Appends messages to their partitions (murmur2 of the key; round robin without one) in one statement. */
export class PgLogProducer {
  private roundRobin = 0;

  constructor(
    private readonly pool: Pool,
    private readonly catalog: PgLogCatalog,
  ) {}

  async produce(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const count = await this.catalog.partitionsOf(topic);
    if (!count) throw new UnknownTopicError(topic);
    const partitionOf = messages.map((m) => (m.key === null ? this.roundRobin++ % count : partitionForKey(m.key, count)));
    // One statement, so the transaction (and the row locks it holds) is as short as it can be.
    await this.pool.query(`SELECT ${this.catalog.s}.produce($1, $2::int[], $3::text[], $4::jsonb[], $5::bytea[])`, [
      topic,
      partitionOf,
      messages.map((m) => m.key),
      messages.map((m) => JSON.stringify(m.headers)),
      messages.map((m) => toBuffer(m.value)),
    ]);
  }
}
