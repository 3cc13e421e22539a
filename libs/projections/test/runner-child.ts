/**
 * A projection process for the crash test: catches the account read model up with the store, then
 * exits 0. The test kills it with SIGKILL while it works.
 * Env: DB_URL (store and read models), BATCH_SIZE.
 */
import { createPostgresEventStore, isConnectionError } from '@kinerja/event-store';
import { ProjectionRunner } from '../src';
import { accountReadModel, openReadModels } from './support';

export const CHILD_APPLICATION_NAME = 'projection-crash-child';

async function catchUpOnce(url: string): Promise<void> {
  const store = await createPostgresEventStore({ connectionString: url });
  try {
    const dataSource = await openReadModels(url, CHILD_APPLICATION_NAME);
    try {
      const runner = new ProjectionRunner({ dataSource, store, readModels: [accountReadModel], batchSize: Number(process.env.BATCH_SIZE ?? 50) });
      await runner.catchUp();
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await store.close();
  }
}

/** As a supervised projection process would: a refused or lost database (a full shared server) is waited out. */
async function main(): Promise<void> {
  for (;;) {
    try {
      await catchUpOnce(process.env.DB_URL!);
      return;
    } catch (error) {
      if (!isConnectionError(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
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
