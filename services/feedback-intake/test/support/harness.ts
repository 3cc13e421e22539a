import { INestApplication } from '@nestjs/common';
import { mkdtemp, rm } from 'node:fs/promises';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Client } from 'pg';
import request from 'supertest';
import { createPostgresEventStore, PostgresEventStore } from '@kinerja/event-store';
import { Clock, createLogger, createServiceApp, LocalIssuer, Role } from '@kinerja/platform';
import { createTestDatabase, TestDatabase } from '@kinerja/testing';
import { AppModule } from '../../src/app.module';
import { FeedbackIntakeConfig, loadFeedbackIntakeConfig } from '../../src/config';

/** A settable clock: the tests move through deadlines without waiting. */
export class TestClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
}

export interface Agent {
  get(path: string): request.Test;
  post(path: string): request.Test;
  put(path: string): request.Test;
  delete(path: string): request.Test;
}

export interface Harness {
  db: TestDatabase;
  app: INestApplication;
  config: FeedbackIntakeConfig;
  base: string;
  store: PostgresEventStore;
  sql: Client;
  clock: TestClock;
  /** Every log line the service wrote (debug level and up), as text. */
  logs: string[];
  /** A citizen (no token) at this client address. */
  citizen(address?: string): Agent;
  as(role: Role, sub?: string, agencyId?: string): Promise<Agent>;
  eventCount(): Promise<number>;
  /** Stops the service only (the database stays), e.g. to boot another instance on it. */
  stop(): Promise<void>;
  close(): Promise<void>;
}

export interface BootOptions {
  now: string;
  env?: Record<string, string>;
  /** Boot on an existing database (a restart) instead of a new one. */
  db?: TestDatabase;
  keyDir?: string;
}

/** The whole service over HTTP on a fresh database (one per test file), wired as main.ts wires it. */
export async function bootHarness(prefix: string, options: BootOptions): Promise<Harness & { keyDir: string }> {
  const db = options.db ?? (await createTestDatabase(prefix));
  const keyDir = options.keyDir ?? (await mkdtemp(join(tmpdir(), 'kinerja-fi-keys-')));
  const config = loadFeedbackIntakeConfig({
    PORT: '0',
    DATABASE_URL: db.url,
    AUTH_MODE: 'local',
    AUTH_LOCAL_KEY_DIR: keyDir,
    SERVICE_NAME: 'feedback-intake',
    LOG_LEVEL: 'debug',
    TRUST_PROXY: 'true',
    SLA_SCHEDULER_ENABLED: 'false',
    // A loaded CI machine may keep the projections a few seconds behind: not a 202 in the tests.
    READ_YOUR_WRITES_TIMEOUT_MS: '30000',
    ...options.env,
  });
  const clock = new TestClock(new Date(options.now));
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      logs.push(String(chunk));
      callback();
    },
  });
  const app = await createServiceApp({
    module: AppModule.forRoot(config),
    config,
    clock,
    logger: createLogger({ service: 'feedback-intake', level: 'debug', destination }),
  });
  let base: string;
  let issuer: LocalIssuer;
  let store: PostgresEventStore;
  let sql: Client;
  try {
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    issuer = await LocalIssuer.open(keyDir);
    store = await createPostgresEventStore({ connectionString: db.url, schema: config.EVENT_STORE_SCHEMA });
    sql = new Client({ connectionString: db.url });
    await sql.connect();
  } catch (error) {
    // A half-booted service would keep the test process alive after the failure.
    await app.close().catch(() => undefined);
    throw error;
  }
  let addressCounter = 0;
  const agent = (headers: Record<string, string>): Agent => {
    const set = (test: request.Test) => {
      for (const [k, v] of Object.entries(headers)) test.set(k, v);
      return test;
    };
    return {
      get: (path) => set(request(base).get(path)),
      post: (path) => set(request(base).post(path)),
      put: (path) => set(request(base).put(path)),
      delete: (path) => set(request(base).delete(path)),
    };
  };
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await app.close();
    await store.close();
    await sql.end();
  };
  return {
    db,
    app,
    config,
    base,
    store,
    sql,
    clock,
    logs,
    keyDir,
    citizen: (address) => agent({ 'x-forwarded-for': address ?? `10.0.${Math.floor(++addressCounter / 250)}.${addressCounter % 250}` }),
    async as(role, sub = `user-${role.toLowerCase()}`, agencyId) {
      return agent({ authorization: `Bearer ${await issuer.issueToken({ sub, role, ...(agencyId ? { agencyId } : {}) })}` });
    },
    eventCount: async () => Number((await sql.query(`SELECT count(*) FROM ${config.EVENT_STORE_SCHEMA}.events`)).rows[0].count),
    stop,
    async close() {
      await stop();
      if (!options.db) await db.drop();
      if (!options.keyDir) await rm(keyDir, { recursive: true, force: true });
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
