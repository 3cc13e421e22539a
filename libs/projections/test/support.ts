import { project, Recorded } from '@kinerja/domain';
import { EventStore, NewEvent, PostgresEventStore, RecordedEvent } from '@kinerja/event-store';
import { DataSource, EntityTarget } from 'typeorm';
import { createDataSource, defineReadModel } from '../src';
import { AccountView, AccountViewCopy } from './account/account-view.entity';
import { CreateAccountView1763900000000 } from './account/account-view.migration';
import { accountProjection, AccountRow } from './account/account.projection';
import { AccountEvent } from './account/account.events';

export const accountReadModel = defineReadModel({ projection: accountProjection, entity: AccountView });
export const accountCopyReadModel = defineReadModel({
  projection: { ...accountProjection, name: 'account_copy' },
  entity: AccountViewCopy,
});

export function openReadModels(url: string, applicationName?: string): Promise<DataSource> {
  return createDataSource({
    url,
    entities: [AccountView, AccountViewCopy],
    migrations: [CreateAccountView1763900000000],
    poolSize: 4,
    applicationName,
  });
}

/** A row as compared across runs. */
export type Comparable = Omit<AccountRow, 'openedAt'> & { openedAt: string };

export function comparable(row: AccountRow): Comparable {
  return { ...row, openedAt: row.openedAt.toISOString() };
}

export async function rowsOf(dataSource: DataSource, entity: EntityTarget<AccountRow>): Promise<Comparable[]> {
  const rows = await dataSource.getRepository(entity).find({ order: { id: 'ASC' } });
  return rows.map((row) => comparable({ ...row }));
}

/**
 * Every event of the store, in checkpoint order: the oracle's input. `readAll` never reads past a
 * transaction older than the oldest one still running anywhere on the server (another suite's, in
 * another database, holds that horizon back for a moment), so an empty page ends the reading only
 * once every event the table holds has been read; until then it reads on from where it stopped.
 */
export async function allEvents(store: PostgresEventStore): Promise<RecordedEvent[]> {
  const { rows } = await store.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${store.schema}".events`);
  const stored = rows[0].n;
  const events: RecordedEvent[] = [];
  let from: RecordedEvent['position'] | null = null;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const page = await store.readAll({ from, limit: 5_000 });
    events.push(...page.events);
    from = page.checkpoint;
    if (page.events.length > 0) continue;
    if (events.length >= stored) return events;
    if (Date.now() > deadline) throw new Error(`allEvents: ${events.length} of ${stored} stored events readable after 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The rows the projection gives in memory: the oracle for the tables. */
export function expectedRows(events: readonly RecordedEvent[]): Comparable[] {
  const rows = project(accountProjection, events as readonly Recorded[]);
  return [...rows.values()]
    .filter((row): row is AccountRow => row !== null)
    .map(comparable)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Appends a ledger: `accounts` streams opened, then `rounds` rounds in which each account appends
 * `perAppend` events (deposits, transfers, audits, now and then a close-and-reopen), several streams
 * at once so that positions interleave; finally every tenth account closes for good. Returns the number of events appended.
 */
export async function appendLedger(
  store: EventStore,
  { prefix, accounts, rounds, perAppend, seed = 1 }: { prefix: string; accounts: number; rounds: number; perAppend: number; seed?: number },
): Promise<number> {
  const next = random(seed);
  const ids = Array.from({ length: accounts }, (_, i) => `${prefix}-${String(i).padStart(4, '0')}`);
  let count = 0;
  const appendAll = async (batches: { stream: string; events: AccountEvent[] }[]) => {
    for (let i = 0; i < batches.length; i += 8) {
      await Promise.all(
        batches.slice(i, i + 8).map(({ stream, events }) => store.append(stream, events as NewEvent[], { expected: 'any' })),
      );
    }
    count += batches.reduce((n, b) => n + b.events.length, 0);
  };
  await appendAll(ids.map((id) => ({ stream: `account-${id}`, events: [{ type: 'AccountOpened', data: { accountId: id, owner: `owner of ${id}` } }] })));
  for (let round = 0; round < rounds; round++) {
    await appendAll(
      ids.map((id) => {
        const events: AccountEvent[] = [];
        while (events.length < perAppend) {
          const r = next();
          if (r < 0.45) events.push({ type: 'Deposited', data: { accountId: id, amount: 1 + Math.floor(next() * 100) } });
          else if (r < 0.85) {
            const to = ids[Math.floor(next() * ids.length)];
            events.push({ type: 'Transferred', data: { from: id, to, amount: 1 + Math.floor(next() * 50) } });
          } else if (r < 0.97) events.push({ type: 'Audited', data: { accountId: id } });
          else {
            events.push({ type: 'AccountClosed', data: { accountId: id } });
            events.push({ type: 'AccountOpened', data: { accountId: id, owner: `new owner of ${id}` } });
          }
        }
        return { stream: `account-${id}`, events };
      }),
    );
  }
  await appendAll(
    ids
      .filter((_, i) => i % 10 === 3)
      .map((id) => ({ stream: `account-${id}`, events: [{ type: 'AccountClosed', data: { accountId: id } }] })),
  );
  return count;
}
