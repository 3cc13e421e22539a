import { Client, Pool, QueryResultRow } from 'pg';
import { DataSource, DataSourceOptions, MixedList, EntitySchema } from 'typeorm';
import { guardClient, guardDataSourcePool, guardPool } from '@kinerja/event-store';
import { CreateProjectionCheckpoints1763800000000 } from './checkpoints.migration';
import { RowTable } from './row-table';

export interface DataSourceConfig {
  /** PostgreSQL connection string. */
  url: string;
  /**
   * Schema for the entities' tables, the migrations table, the checkpoints and unqualified names in
   * raw SQL (it is the connections' `search_path`). Created when missing. Default `public`.
   */
  schema?: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  /** Migration classes; the checkpoints migration is added to them. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations?: MixedList<Function | string>;
  /** Pool size. Default 10. */
  poolSize?: number;
  /** Shown in `pg_stat_activity`. */
  applicationName?: string;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * An initialized TypeORM DataSource for a service's read models: creates the schema if needed and
 * runs the migrations (never `synchronize`).
 */
export async function createDataSource(config: DataSourceConfig): Promise<DataSource> {
  const schema = config.schema ?? 'public';
  if (!SCHEMA_NAME.test(schema)) throw new Error(`Invalid schema name: ${schema}`);
  const { lz4 } = await ensureSchema(config.url, schema);
  const migrations = [CreateProjectionCheckpoints1763800000000, ...asArray(config.migrations)];
  const options: DataSourceOptions = {
    type: 'postgres',
    url: config.url,
    schema,
    entities: config.entities,
    migrations,
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    applicationName: config.applicationName,
    // jit off: a read model's queries are short; PostgreSQL's JIT (on by default, above
    // jit_above_cost) spent ~0.5 s compiling a recursive query over the organisation that runs in
    // milliseconds (the team board at 20,000 employees, bench `http --explain`).
    // lz4 for large values (TOAST) where the server has it: a read model's jsonb documents (an SKP
    // with its approved versions, ~4 KB) are compressed on every write, and pglz took twice the time
    // (the SKP read model's rebuild: 0.37 s against 0.21 s for 4,006 rows). Reads take either.
    extra: { max: config.poolSize ?? 10, options: `-c search_path=${schema} -c jit=off${lz4 ? ' -c default_toast_compression=lz4' : ''}` },
  };
  const dataSource = new DataSource(options);
  // Replicas of a service start at once: one runs the migrations, the others wait, then find them done.
  await withMigrationLock(config.url, schema, () => dataSource.initialize());
  guardDataSourcePool(dataSource);
  const destroy = dataSource.destroy.bind(dataSource);
  dataSource.destroy = async () => {
    const generic = genericPlanPools.get(dataSource);
    genericPlanPools.delete(dataSource);
    await generic?.end();
    return destroy();
  };
  return dataSource;
}

const genericPlanPools = new WeakMap<DataSource, Pool>();

/**
 * A look-up by a single key whose planning costs more than its execution, run as a statement
 * prepared once per connection under `name` (one text per name) with a generic plan
 * (`plan_cache_mode = force_generic_plan`): the organisation's recursive chain of one employee
 * was planned in ~1.3 ms and run in ~0.6; prepared, PostgreSQL still chose to plan it anew on
 * every call. Only for statements whose generic plan is good whatever the key (index look-ups):
 * the same chain for thirty employees runs 3x slower generic than planned for its array, so
 * that one stays on `dataSource.query`. The statements run on a small pool of their own, since the
 * setting applies to a whole session; its connections live at most a minute, so a plan made while
 * the tables were small does not outlive their growth.
 */
export async function genericPlanQuery<Row>(dataSource: DataSource, name: string, text: string, values: unknown[]): Promise<Row[]> {
  let pool = genericPlanPools.get(dataSource);
  if (!pool) {
    const options = dataSource.options as { url?: string; schema?: string; applicationName?: string };
    pool = guardPool(
      new Pool({
        connectionString: options.url,
        application_name: options.applicationName,
        max: 3,
        maxLifetimeSeconds: 60,
        allowExitOnIdle: true,
        options: `-c search_path=${options.schema ?? 'public'} -c jit=off -c plan_cache_mode=force_generic_plan`,
      }),
    );
    genericPlanPools.set(dataSource, pool);
  }
  const result = await pool.query<Row & QueryResultRow>({ name, text, values });
  return result.rows;
}

/**
 * The rows of a read model's entity whose (single-column, text) primary key is one of `keys`, as
 * `getRepository(entity).findBy({ key: In(keys) })` gives them: the read model's RowTable reads and
 * hydrates them (`RowTable.load`), its SELECT prepared once per connection with a generic plan
 * (`genericPlanQuery`). A read asked on every request (the SKP read, the supervisor look-up's
 * employee) spent ~0.2 ms of Node's CPU building TypeORM's query each time. Entities with column
 * transformers, embeddeds or another key are refused: callers keep TypeORM's finders for those.
 */
export async function rowsByKey<T>(dataSource: DataSource, entity: new () => T, keys: readonly string[]): Promise<T[]> {
  if (keys.length === 0) return [];
  const table = keyedTable(dataSource, entity);
  const name = `rows-by-key/${table.metadata.tableName}`;
  return (await table.load(dataSource.manager, keys, (sql, batch) => genericPlanQuery(dataSource, name, sql, [batch]))) as T[];
}

const keyedTables = new WeakMap<DataSource, Map<new () => unknown, RowTable>>();

function keyedTable(dataSource: DataSource, entity: new () => unknown): RowTable {
  let byEntity = keyedTables.get(dataSource);
  if (!byEntity) keyedTables.set(dataSource, (byEntity = new Map()));
  let table = byEntity.get(entity);
  if (!table) {
    const metadata = dataSource.getMetadata(entity);
    if (metadata.primaryColumns.length !== 1) throw new Error(`rowsByKey: ${metadata.tableName} has ${metadata.primaryColumns.length} key columns`);
    if (metadata.primaryColumns[0].type !== 'text') throw new Error(`rowsByKey: ${metadata.tableName}'s key is not text`);
    const odd = metadata.columns.find((c) => c.transformer || c.embeddedMetadata);
    if (odd) throw new Error(`rowsByKey: ${metadata.tableName}.${odd.databaseName} needs TypeORM's hydration`);
    byEntity.set(entity, (table = new RowTable(dataSource, metadata)));
  }
  return table;
}

/**
 * `work` under a session advisory lock per schema, taken on a connection of its own outside any
 * transaction (a waiting replica holds no snapshot that would keep other writers' events back).
 */
async function withMigrationLock<T>(url: string, schema: string, work: () => Promise<T>): Promise<T> {
  const client = guardClient(new Client({ connectionString: url, application_name: `kinerja-migrations ${schema}` }));
  await client.connect();
  try {
    await client.query(`SELECT pg_advisory_lock(hashtext('kinerja_read_model_migrations'), hashtext($1))`, [schema]);
    return await work();
  } finally {
    // Ending the session releases the lock.
    await client.end().catch(() => undefined);
  }
}

/** Creates the schema when missing; tells whether the server compresses with lz4 (built with it). */
async function ensureSchema(url: string, schema: string): Promise<{ lz4: boolean }> {
  const client = guardClient(new Client({ connectionString: url }));
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`).catch((error: unknown) => {
      // Two processes creating the schema at once: the loser's error is harmless.
      if ((error as { code?: string }).code !== '23505') throw error;
    });
    const { rows } = await client.query<{ lz4: boolean }>(
      `SELECT coalesce(bool_or('lz4' = ANY(enumvals)), false) AS lz4 FROM pg_settings WHERE name = 'default_toast_compression'`,
    );
    return { lz4: rows[0].lz4 };
  } finally {
    await client.end();
  }
}

function asArray<T>(list: MixedList<T> | undefined): T[] {
  if (!list) return [];
  return Array.isArray(list) ? list : Object.values(list);
}
