import { INestApplication } from '@nestjs/common';
import { mkdtemp, rm } from 'node:fs/promises';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { Clock, createLogger, createServiceApp, LocalIssuer, Role } from '@kinerja/platform';
import { createTestDatabase, TestDatabase } from '@kinerja/testing';
import { AppModule } from '../../src/app.module';
import { loadCareerConfig } from '../../src/config';

/** A settable clock shared by every instance of a test file. */
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
}

export interface Instance {
  app: INestApplication;
  base: string;
  close(): Promise<void>;
}

export interface Harness {
  db: TestDatabase;
  app: INestApplication;
  base: string;
  sql: Client;
  clock: TestClock;
  as(role: Role, sub?: string, agencyId?: string): Promise<Agent>;
  /** Another instance of the service on the same database (a restart, or a second replica). */
  boot(env?: Record<string, string>): Promise<Instance>;
  eventCount(stream?: string): Promise<number>;
  close(): Promise<void>;
}

/** The whole service over HTTP on a fresh database (one per test file), as main.ts wires it. */
export async function bootHarness(prefix: string, options: { now: string; env?: Record<string, string> }): Promise<Harness> {
  const db = await createTestDatabase(prefix);
  const keyDir = await mkdtemp(join(tmpdir(), 'kinerja-career-keys-'));
  const env = {
    PORT: '0',
    DATABASE_URL: db.url,
    AUTH_MODE: 'local',
    AUTH_LOCAL_KEY_DIR: keyDir,
    LOG_LEVEL: 'silent',
    ...options.env,
  };
  const clock = new TestClock(new Date(options.now));
  const instances: Instance[] = [];
  const boot = async (overrides: Record<string, string> = {}): Promise<Instance> => {
    const config = loadCareerConfig({ ...env, ...overrides });
    const app = await createServiceApp({ module: AppModule.forRoot(config), config, clock, logger: createLogger({ service: 'career-decisions', level: 'silent' }) });
    await app.listen(0, '127.0.0.1');
    let closing: Promise<void> | null = null;
    const instance = {
      app,
      base: `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`,
      close: () => (closing ??= app.close()),
    };
    instances.push(instance);
    return instance;
  };
  const first = await boot();
  const issuer = await LocalIssuer.open(keyDir);
  const sql = new Client({ connectionString: db.url });
  await sql.connect();
  return {
    db,
    app: first.app,
    base: first.base,
    sql,
    clock,
    boot,
    async as(role, sub = `user-${role.toLowerCase()}`, agencyId) {
      const auth = `Bearer ${await issuer.issueToken({ sub, role, ...(agencyId ? { agencyId } : {}) })}`;
      return {
        get: (path) => request(first.base).get(path).set('authorization', auth),
        post: (path) => request(first.base).post(path).set('authorization', auth),
        put: (path) => request(first.base).put(path).set('authorization', auth),
      };
    },
    async eventCount(stream) {
      const { rows } = stream
        ? await sql.query('SELECT count(*) FROM career_decisions_events.events WHERE stream = $1', [stream])
        : await sql.query('SELECT count(*) FROM career_decisions_events.events');
      return Number(rows[0].count);
    },
    async close() {
      for (const instance of instances.reverse()) await instance.close();
      await sql.end();
      await db.drop();
      await rm(keyDir, { recursive: true, force: true });
    },
  };
}

