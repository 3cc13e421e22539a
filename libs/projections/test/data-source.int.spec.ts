import { createPostgresEventStore, PostgresEventStore } from '@kinerja/event-store';
import { createTestDatabase, TestDatabase } from '@kinerja/testing';
import { DataSource } from 'typeorm';
import { createDataSource, ProjectionRunner } from '../src';
import { AccountView, AccountViewCopy } from './account/account-view.entity';
import { CreateAccountView1763900000000 } from './account/account-view.migration';
import { accountReadModel, allEvents, appendLedger, expectedRows, rowsOf } from './support';

jest.setTimeout(120_000);

let db: TestDatabase;
let store: PostgresEventStore;
const dataSources: DataSource[] = [];

function open(schema: string): Promise<DataSource> {
  return createDataSource({
    url: db.url,
    schema,
    entities: [AccountView, AccountViewCopy],
    migrations: [CreateAccountView1763900000000],
    poolSize: 2,
  }).then((dataSource) => {
    dataSources.push(dataSource);
    return dataSource;
  });
}

async function tablesIn(dataSource: DataSource, schema: string): Promise<string[]> {
  const rows: { table_name: string }[] = await dataSource.query(
    'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
    [schema],
  );
  return rows.map((r) => r.table_name);
}

beforeAll(async () => {
  db = await createTestDatabase('projds');
  store = await createPostgresEventStore({ connectionString: db.url });
  await appendLedger(store, { prefix: 's', accounts: 10, rounds: 3, perAppend: 4, seed: 3 });
});

afterAll(async () => {
  await Promise.all(dataSources.map((d) => d.destroy()));
  await store?.close();
  await db?.drop();
});

describe('createDataSource', () => {
  it('creates the schema and runs the migrations there, checkpoints included, and only once', async () => {
    const first = await open('reporting');
    expect(await tablesIn(first, 'reporting')).toEqual(['account_view', 'account_view_copy', 'migrations', 'projection_checkpoints']);
    expect(await tablesIn(first, 'public')).toEqual([]);

    const again = await open('reporting');
    const [{ n }] = await again.query('SELECT count(*)::int AS n FROM reporting.migrations');
    expect(n).toBe(2);
    expect(again.options.synchronize).toBe(false);
  });

  it('replicas opening it at once: one runs the migrations, the others wait and find them done', async () => {
    const opened = await Promise.all([open('racing'), open('racing'), open('racing')]);
    const [{ n }] = await opened[2].query('SELECT count(*)::int AS n FROM racing.migrations');
    expect(n).toBe(2);
    expect(await tablesIn(opened[1], 'racing')).toEqual(['account_view', 'account_view_copy', 'migrations', 'projection_checkpoints']);
  });

  it('keeps the read models of two schemas in one database apart', async () => {
    const [one, two] = [await open('service_one'), await open('service_two')];
    await new ProjectionRunner({ dataSource: one, store, readModels: [accountReadModel] }).catchUp();

    expect(await rowsOf(one, AccountView)).toEqual(expectedRows(await allEvents(store)));
    expect(await rowsOf(two, AccountView)).toEqual([]);
    expect(await one.query('SELECT name FROM service_one.projection_checkpoints')).toEqual([{ name: 'account' }]);
    expect(await two.query('SELECT name FROM service_two.projection_checkpoints')).toEqual([]);
  });

  it('rejects a schema name that would need quoting', async () => {
    await expect(open('Bad-Schema')).rejects.toThrow('Invalid schema name: Bad-Schema');
  });
});
