/**
 * A projection process for the crash test: catches the account read model up with the store, then
 * exits 0. The test kills it with SIGKILL while it works.
 * Env: DB_URL (store and read models), BATCH_SIZE.
 */
import { createPostgresEventStore } from '@kinerja/event-store';
import { ProjectionRunner } from '../src';
import { accountReadModel, openReadModels } from './support';

export const CHILD_APPLICATION_NAME = 'projection-crash-child';

async function main(): Promise<void> {
  const url = process.env.DB_URL!;
  const store = await createPostgresEventStore({ connectionString: url });
  const dataSource = await openReadModels(url, CHILD_APPLICATION_NAME);
  const runner = new ProjectionRunner({
    dataSource,
    store,
    readModels: [accountReadModel],
    batchSize: Number(process.env.BATCH_SIZE ?? 50),
  });
  await runner.catchUp();
  await dataSource.destroy();
  await store.close();
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
