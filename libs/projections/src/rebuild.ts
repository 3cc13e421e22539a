import { createPostgresEventStore } from '@kinerja/event-store';
import { createDataSource } from './data-source';
import { ProjectionRunner } from './projection-runner';
import { ReadModel } from './read-model';

export interface RebuildEntryConfig {
  DATABASE_URL: string;
  EVENT_STORE_SCHEMA: string;
  READ_MODEL_SCHEMA: string;
  SERVICE_NAME: string;
}

/**
 * Body of a service's `rebuild.ts` (run by `kinerja rebuild <service>`): the read models and a
 * projection runner, without HTTP, relay or consumers. `--catch-up` in `argv` applies what the live
 * read models have not yet; otherwise every read model is emptied and replayed from the first
 * event. Prints one JSON line. Runs on a schema the service has migrated: no migrations of its own.
 */
/**
 * Events per page when rebuilding: far more than the live runner's 500 (fewer round trips; the
 * next page is read while one is applied). The rebuild is one transaction whatever the page size,
 * and writes each row once at its end; a page's events are held in memory while it is applied.
 * Measured when a page was a transaction (on the demo city of 2,000, evaluation's 13,301 events
 * took 0.81 s in batches of 5,000 and 0.57 s in batches of 20,000). REBUILD_BATCH_SIZE overrides.
 */
const REBUILD_BATCH_SIZE = Math.max(1, Number(process.env.REBUILD_BATCH_SIZE ?? 20_000) || 20_000);

export async function runRebuild(config: RebuildEntryConfig, readModels: readonly ReadModel<any>[], argv: readonly string[] = process.argv): Promise<void> {
  const store = await createPostgresEventStore({ connectionString: config.DATABASE_URL, schema: config.EVENT_STORE_SCHEMA, poolSize: 2 });
  const dataSource = await createDataSource({
    url: config.DATABASE_URL,
    schema: config.READ_MODEL_SCHEMA,
    // Every read model here is an entity class.
    entities: readModels.map((model) => model.entity as new () => unknown),
    applicationName: `${config.SERVICE_NAME}-rebuild`,
    poolSize: 2,
  });
  try {
    const runner = new ProjectionRunner({ dataSource, store, readModels, batchSize: REBUILD_BATCH_SIZE });
    const started = Date.now();
    if (argv.includes('--catch-up')) await runner.catchUp();
    else await runner.rebuild();
    const models = readModels.map((model, i) => ({ name: runner.names[i], table: dataSource.getMetadata(model.entity).tableName }));
    process.stdout.write(`${JSON.stringify({ schema: config.READ_MODEL_SCHEMA, eventStoreSchema: config.EVENT_STORE_SCHEMA, readModels: models, ms: Date.now() - started })}\n`);
  } finally {
    await dataSource.destroy();
    await store.close();
  }
}

/** Runs `main` and exits 1 with the error's stack on stderr when it fails. */
export function runEntry(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
