import { project, Recorded } from '@kinerja/domain';
import { createPostgresEventStore, PostgresEventStore } from '@kinerja/event-store';
import { createTestDatabase, TestDatabase } from '@kinerja/testing';
import { DataSource, In } from 'typeorm';
import { createDataSource, ProjectionRunner } from '../src';
import { RowTable } from '../src/row-table';
import { CreateLedgerView1763900000001, LedgerRow, ledgerProjection, ledgerReadModel, LedgerView, LedgerViewTypeorm } from './ledger/ledger';
import { allEvents, appendLedger } from './support';

// The root config's integration timeout does not reach single-file runs; state it here.
jest.setTimeout(300_000);

let db: TestDatabase;
let store: PostgresEventStore;
let dataSource: DataSource;

/** What `kinerja rebuild` compares: the row count and an md5 over every row's text in key order. */
async function checksum(table: string): Promise<{ rows: number; md5: string }> {
  const [row] = await dataSource.query(`SELECT count(*)::int AS rows, md5(coalesce(string_agg(md5(t::text), '' ORDER BY t.id), '')) AS md5 FROM ${table} t`);
  return row;
}

beforeAll(async () => {
  db = await createTestDatabase('projrows');
  store = await createPostgresEventStore({ connectionString: db.url });
  dataSource = await createDataSource({ url: db.url, entities: [LedgerView, LedgerViewTypeorm], migrations: [CreateLedgerView1763900000001], poolSize: 4 });
  await appendLedger(store, { prefix: 'l', accounts: 90, rounds: 10, perAppend: 6, seed: 11 });
});

afterAll(async () => {
  await dataSource?.destroy();
  await store?.close();
  await db?.drop();
});

describe('the set-based writer', () => {
  it('writes bigint, numeric, arrays, json, jsonb, dates and defaults as TypeORM does, live and in a rebuild', async () => {
    const events = await allEvents(store);
    const last = events[events.length - 1].position;

    // Live, in small batches: every batch reads its rows back from the table.
    const live = new ProjectionRunner({ dataSource, store, readModels: [ledgerReadModel], batchSize: 37 });
    await live.start();
    await live.waitFor(last, 240_000);
    await live.stop();
    const liveSum = await checksum('ledger_view');
    expect(liveSum.rows).toBeGreaterThan(60);

    // The reference: the in-memory fold written by TypeORM's own multi-row insert.
    const folded = [...project(ledgerProjection, events as readonly Recorded[]).values()].filter((row): row is LedgerRow => row !== null);
    expect(folded.some((row) => row.tier === undefined)).toBe(true);
    expect(folded.some((row) => row.tags.includes('with "quotes"') || row.tags.includes('with,comma'))).toBe(true);
    await dataSource.createQueryBuilder().insert().into(LedgerViewTypeorm).values(folded).execute();
    expect(await checksum('ledger_view_typeorm')).toEqual(liveSum);

    // A rebuild keeps its rows in memory and copies them in at its end…
    await new ProjectionRunner({ dataSource, store, readModels: [ledgerReadModel], batchSize: 5_000 }).rebuild();
    expect(await checksum('ledger_view')).toEqual(liveSum);
    // …and holding at most 10 rows writes them out page by page, reading most of them back, overwriting them.
    await new ProjectionRunner({ dataSource, store, readModels: [ledgerReadModel], batchSize: 300, rebuildRowsInMemory: 10 }).rebuild();
    expect(await checksum('ledger_view')).toEqual(liveSum);
    // A catch-up with a cache of 10 rows reads most of them back too.
    await dataSource.query(`TRUNCATE ledger_view; UPDATE projection_checkpoints SET checkpoint = NULL WHERE name = 'ledger'`);
    await new ProjectionRunner({ dataSource, store, readModels: [ledgerReadModel], batchSize: 300, catchUpCacheRows: 10 }).catchUp();
    expect(await checksum('ledger_view')).toEqual(liveSum);
  });

  it('reads rows back as TypeORM find does (transformers, dates, arrays, json)', async () => {
    const ids: string[] = (await dataSource.query('SELECT id FROM ledger_view ORDER BY id')).map((r: { id: string }) => r.id);
    expect(ids.length).toBeGreaterThan(60);
    const table = new RowTable(dataSource, dataSource.getMetadata(LedgerView));
    const byId = (a: LedgerRow, b: LedgerRow) => (a.id < b.id ? -1 : 1);
    const ours = (await table.load(dataSource.manager, [...ids, 'no-such-account'])) as LedgerRow[];
    const typeorm = await dataSource.manager.find(LedgerView, { where: { id: In(ids) } });
    expect(ours.sort(byId)).toEqual(typeorm.sort(byId));
    expect(ours[0]).toBeInstanceOf(LedgerView);
    expect(typeof ours[0].total).toBe('string');
    expect(ours[0].lastAt).toBeInstanceOf(Date);
  });

  it('empties a small table by DELETE and a large one by TRUNCATE, both undone with the transaction', async () => {
    // ledger_view stays small (its dead rows from the rewrites above compacted away); ledger_view_typeorm
    // grows past 1 MB: 6,000 rows with a 200-character note.
    await dataSource.query('VACUUM FULL ledger_view');
    await dataSource.query(
      `INSERT INTO ledger_view_typeorm (id, owner, total, average, tags, amounts, history, opened_on, last_at, closed, note)
       SELECT 'bulk-' || g, 'o', g, 1.5, '{}', '{}', '[]', '2026-01-01', now(), false, repeat('x', 200) FROM generate_series(1, 6000) g`,
    );
    const state = async () =>
      (await dataSource.query(
        `SELECT relname AS table, relfilenode AS file, (SELECT count(*)::int FROM ledger_view) AS small, (SELECT count(*)::int FROM ledger_view_typeorm) AS large
           FROM pg_class WHERE relname IN ('ledger_view', 'ledger_view_typeorm') ORDER BY relname`,
      )) as { table: string; file: number; small: number; large: number }[];
    const before = await state();
    expect(before[0].small).toBeGreaterThan(60);
    expect(before[0].large).toBeGreaterThan(6000);
    const tables = [LedgerView, LedgerViewTypeorm].map((entity) => new RowTable(dataSource, dataSource.getMetadata(entity)));

    const queryRunner = dataSource.createQueryRunner();
    await queryRunner.startTransaction();
    await RowTable.clear(queryRunner.manager, tables);
    const [counted] = await queryRunner.query('SELECT (SELECT count(*)::int FROM ledger_view) AS small, (SELECT count(*)::int FROM ledger_view_typeorm) AS large');
    expect(counted).toEqual({ small: 0, large: 0 });
    const files: { relname: string; relfilenode: number }[] = await queryRunner.query(
      `SELECT relname, relfilenode FROM pg_class WHERE relname IN ('ledger_view', 'ledger_view_typeorm') ORDER BY relname`,
    );
    // DELETE keeps the small table's file; TRUNCATE gave the large one a new file.
    expect(files[0].relfilenode).toBe(before[0].file);
    expect(files[1].relfilenode).not.toBe(before[1].file);
    await queryRunner.rollbackTransaction();
    await queryRunner.release();

    expect(await state()).toEqual(before);
    await dataSource.query(`DELETE FROM ledger_view_typeorm WHERE id LIKE 'bulk-%'`);
  });
});
