/**
 * `kinerja rebuild evaluation` runs this: the service's read models and projection runner,
 * without HTTP, relay or consumers. `--catch-up` applies what the live read models have not yet;
 * otherwise every read model is emptied and replayed from the first event. Prints one JSON line.
 * The read models are those of app.module.ts (the CLI fails when one with a stored checkpoint is
 * missing here). It runs on a schema the service has migrated: no migrations of its own.
 */
import 'reflect-metadata';
import { createPostgresEventStore } from '@kinerja/event-store';
import { createDataSource, ProjectionRunner } from '@kinerja/projections';
import { loadEvaluationConfig } from './config';
import { evaluationReadModel } from './evaluations/get-evaluation/evaluation-view.entity';
import { openObjectionWindowReadModel } from './evaluations/get-open-objection-windows/open-objection-window.entity';
import { periodReadModel } from './periods/get-periods/period-view.entity';
import { unitEvaluationReadModel } from './unit-evaluations/get-unit-evaluation/unit-evaluation-view.entity';

async function main(): Promise<void> {
  const config = loadEvaluationConfig();
  const readModels = [periodReadModel, evaluationReadModel, unitEvaluationReadModel, openObjectionWindowReadModel];
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
    const runner = new ProjectionRunner({ dataSource, store, readModels });
    const started = Date.now();
    if (process.argv.includes('--catch-up')) await runner.catchUp();
    else await runner.rebuild();
    const models = readModels.map((model, i) => ({ name: runner.names[i], table: dataSource.getMetadata(model.entity).tableName }));
    process.stdout.write(`${JSON.stringify({ schema: config.READ_MODEL_SCHEMA, eventStoreSchema: config.EVENT_STORE_SCHEMA, readModels: models, ms: Date.now() - started })}\n`);
  } finally {
    await dataSource.destroy();
    await store.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
