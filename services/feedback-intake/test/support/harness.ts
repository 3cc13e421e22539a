import { Writable } from 'node:stream';
import { createPostgresEventStore, PostgresEventStore } from '@kinerja/event-store';
import { createLogger, Role } from '@kinerja/platform';
import { Agent, agentFor, bootServiceHarness, ServiceHarness, TestDatabase } from '@kinerja/testing';
import { AppModule } from '../../src/app.module';
import { FeedbackIntakeConfig, loadFeedbackIntakeConfig } from '../../src/config';

export interface Harness extends ServiceHarness<FeedbackIntakeConfig> {
  store: PostgresEventStore;
  /** Every log line the service wrote (debug level and up), as text. */
  logs: string[];
  /** A citizen (no token) at this client address. */
  citizen(address?: string): Agent;
}

export interface BootOptions {
  now: string;
  env?: Record<string, string>;
  /** Boot on an existing database (a restart) instead of a new one. */
  db?: TestDatabase;
  keyDir?: string;
}

/** The whole service over HTTP on a fresh database (one per test file), wired as main.ts wires it. */
export async function bootHarness(prefix: string, options: BootOptions): Promise<Harness> {
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      logs.push(String(chunk));
      callback();
    },
  });
  const harness = await bootServiceHarness({
    prefix,
    keyDirPrefix: 'kinerja-fi-keys-',
    now: options.now,
    db: options.db,
    keyDir: options.keyDir,
    env: {
      SERVICE_NAME: 'feedback-intake',
      LOG_LEVEL: 'debug',
      TRUSTED_PROXIES: 'loopback',
      SLA_SCHEDULER_ENABLED: 'false',
      // A loaded CI machine may keep the projections a few seconds behind: not a 202 in the tests.
      READ_YOUR_WRITES_TIMEOUT_MS: '30000',
      ...options.env,
    },
    loadConfig: loadFeedbackIntakeConfig,
    module: (config) => AppModule.forRoot(config),
    logger: () => createLogger({ service: 'feedback-intake', level: 'debug', destination }),
    eventStoreSchema: (config) => config.EVENT_STORE_SCHEMA,
  });
  let store: PostgresEventStore;
  try {
    store = await createPostgresEventStore({ connectionString: harness.db.url, schema: harness.config.EVENT_STORE_SCHEMA });
  } catch (error) {
    await harness.stop().catch(() => undefined);
    throw error;
  }
  let addressCounter = 0;
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      await harness.stop();
      await store.close();
    })());
  return {
    ...harness,
    store,
    logs,
    citizen: (address) => agentFor(harness.base, { 'x-forwarded-for': address ?? `10.0.${Math.floor(++addressCounter / 250)}.${addressCounter % 250}` }),
    stop,
    async close() {
      await stop();
      await harness.close();
    },
  };
}

export const DINKES_ADMIN: [Role, string, string] = ['ADMIN_OPD', 'dinkes.admin', 'DINKES'];

/** A unit with two counters and its officers, through the directory endpoints. */
export async function seedDirectory(h: Harness): Promise<void> {
  const admin = await h.as(...DINKES_ADMIN);
  await admin.put('/directory/units/PUSKESMAS-1').send({ agencyId: 'DINKES', name: 'Puskesmas Kecamatan Satu', counterIds: ['LOKET-1', 'LOKET-2'] }).expect(200);
  await admin.put('/directory/units/PUSKESMAS-2').send({ agencyId: 'DINKES', name: 'Puskesmas Kecamatan Dua', counterIds: [] }).expect(200);
  await admin.put(`/directory/employees/${OFFICER}`).send({ agencyId: 'DINKES', unitId: 'PUSKESMAS-1', pejabatPenilaiNip: SUPERVISOR }).expect(200);
  await admin.put(`/directory/employees/${OFFICER_2}`).send({ agencyId: 'DINKES', unitId: 'PUSKESMAS-2', pejabatPenilaiNip: SUPERVISOR }).expect(200);
  await admin.put(`/directory/employees/${SUPERVISOR}`).send({ agencyId: 'DINKES', unitId: 'PUSKESMAS-1' }).expect(200);
}

export const OFFICER = '199003152015031002';
export const OFFICER_2 = '199104202016032001';
export const SUPERVISOR = '198001012005011001';
