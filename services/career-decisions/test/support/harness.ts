import { bootServiceHarness, ServiceHarness } from '@kinerja/testing';
import { AppModule } from '../../src/app.module';
import { CareerConfig, loadCareerConfig } from '../../src/config';

export type Harness = ServiceHarness<CareerConfig>;

/** The whole service over HTTP on a fresh database (one per test file), as main.ts wires it. */
export function bootHarness(prefix: string, options: { now: string; env?: Record<string, string> }): Promise<Harness> {
  return bootServiceHarness({
    prefix,
    keyDirPrefix: 'kinerja-career-keys-',
    now: options.now,
    env: options.env,
    loadConfig: loadCareerConfig,
    module: (config) => AppModule.forRoot(config),
    eventStoreSchema: (config) => config.EVENT_STORE_SCHEMA,
  });
}
