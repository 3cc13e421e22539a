import { createPostgresEventStore, PostgresEventStore } from '@kinerja/event-store';
import { bootServiceHarness, ServiceHarness } from '@kinerja/testing';
import { AppModule } from '../../src/app.module';
import { loadWorkPlanningConfig, WorkPlanningConfig } from '../../src/config';

export interface Harness extends ServiceHarness<WorkPlanningConfig> {
  /** The service's event store, read directly. */
  store: PostgresEventStore;
}

/** The whole service over HTTP on a fresh database (one per test file), as main.ts wires it. */
export async function bootHarness(prefix: string, options: { now: string; env?: Record<string, string> }): Promise<Harness> {
  const harness = await bootServiceHarness({
    prefix,
    keyDirPrefix: 'kinerja-wp-keys-',
    now: options.now,
    env: { SERVICE_NAME: 'work-planning', ...options.env },
    loadConfig: loadWorkPlanningConfig,
    module: (config) => AppModule.forRoot(config),
    eventStoreSchema: () => 'work_planning_events',
  });
  const store = await createPostgresEventStore({ connectionString: harness.db.url, schema: 'work_planning_events' });
  return {
    ...harness,
    store,
    async close() {
      await store.close();
      await harness.close();
    },
  };
}
