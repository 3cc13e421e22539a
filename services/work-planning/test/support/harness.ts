import { INestApplication } from '@nestjs/common';
import { mkdtemp, rm } from 'node:fs/promises';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { createPostgresEventStore, PostgresEventStore } from '@kinerja/event-store';
import { Clock, createLogger, createServiceApp, LocalIssuer, Role } from '@kinerja/platform';
import { createTestDatabase, TestDatabase } from '@kinerja/testing';
import { AppModule } from '../../src/app.module';
import { loadWorkPlanningConfig } from '../../src/config';

/** A settable clock, so one test file can move through a year. */
export class TestClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
}

export interface Harness {
  db: TestDatabase;
  app: INestApplication;
  base: string;
  store: PostgresEventStore;
  sql: Client;
  clock: TestClock;
  token(role: Role, sub?: string, agencyId?: string): Promise<string>;
  /** `request(base)` with a bearer token of this actor. */
  as(role: Role, sub?: string, agencyId?: string): Promise<Agent>;
  eventCount(): Promise<number>;
  close(): Promise<void>;
}

export interface Agent {
  get(path: string): request.Test;
  post(path: string): request.Test;
  put(path: string): request.Test;
  delete(path: string): request.Test;
}

/** The whole service over HTTP on a fresh database (one per test file), as main.ts wires it. */
export async function bootHarness(prefix: string, options: { now: string; env?: Record<string, string> }): Promise<Harness> {
  const db = await createTestDatabase(prefix);
  const keyDir = await mkdtemp(join(tmpdir(), 'kinerja-wp-keys-'));
  const config = loadWorkPlanningConfig({
    PORT: '0',
    DATABASE_URL: db.url,
    AUTH_MODE: 'local',
    AUTH_LOCAL_KEY_DIR: keyDir,
    SERVICE_NAME: 'work-planning',
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const clock = new TestClock(new Date(options.now));
  const app = await createServiceApp({
    module: AppModule.forRoot(config),
    config,
    clock,
    logger: createLogger({ service: 'work-planning', level: 'silent' }),
  });
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const issuer = await LocalIssuer.open(keyDir);
  const store = await createPostgresEventStore({ connectionString: db.url, schema: 'work_planning_events' });
  const sql = new Client({ connectionString: db.url });
  await sql.connect();
  const token = (role: Role, sub = `user-${role.toLowerCase()}`, agencyId?: string) =>
    issuer.issueToken({ sub, role, ...(agencyId ? { agencyId } : {}) });
  return {
    db,
    app,
    base,
    store,
    sql,
    clock,
    token,
    async as(role, sub, agencyId) {
      const auth = `Bearer ${await token(role, sub, agencyId)}`;
      return {
        get: (path) => request(base).get(path).set('authorization', auth),
        post: (path) => request(base).post(path).set('authorization', auth),
        put: (path) => request(base).put(path).set('authorization', auth),
        delete: (path) => request(base).delete(path).set('authorization', auth),
      };
    },
    eventCount: async () => Number((await sql.query('SELECT count(*) FROM work_planning_events.events')).rows[0].count),
    async close() {
      await app.close();
      await store.close();
      await sql.end();
      await db.drop();
      await rm(keyDir, { recursive: true, force: true });
    },
  };
}
