import { DynamicModule, INestApplication } from '@nestjs/common';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { guardClient } from '@kinerja/event-store';
import request from 'supertest';
import { Clock, createLogger, createServiceApp, listenService, LocalIssuer, Logger, PlatformConfig, Role } from '@kinerja/platform';
import { createTestDatabase, TestDatabase } from './test-database';

/** A settable clock shared by every instance of a test file: tests move through time without waiting. */
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
  patch(path: string): request.Test;
  delete(path: string): request.Test;
}

/** `request(base)` with these headers on every request. */
export function agentFor(base: string, headers: Record<string, string>): Agent {
  const set = (test: request.Test) => {
    for (const [name, value] of Object.entries(headers)) test.set(name, value);
    return test;
  };
  return {
    get: (path) => set(request(base).get(path)),
    post: (path) => set(request(base).post(path)),
    put: (path) => set(request(base).put(path)),
    patch: (path) => set(request(base).patch(path)),
    delete: (path) => set(request(base).delete(path)),
  };
}

export interface ServiceInstance {
  app: INestApplication;
  base: string;
  /** The ops listener's base URL when the instance was booted with OPS_PORT (e.g. '0'). */
  opsBase?: string;
  close(): Promise<void>;
}

export interface ServiceHarness<Config> {
  db: TestDatabase;
  config: Config;
  app: INestApplication;
  base: string;
  sql: Client;
  clock: TestClock;
  keyDir: string;
  token(role: Role, sub?: string, agencyId?: string): Promise<string>;
  /** `request(base)` of the first instance with a bearer token of this actor. */
  as(role: Role, sub?: string, agencyId?: string): Promise<Agent>;
  /** Another instance of the service on the same database (a restart, or a second replica). */
  boot(env?: Record<string, string>): Promise<ServiceInstance>;
  eventCount(stream?: string): Promise<number>;
  /** Stops every instance and the SQL client; the database stays (e.g. to boot another harness on it). */
  stop(): Promise<void>;
  /** `stop()`, then drops the database and the key directory unless they were given. */
  close(): Promise<void>;
}

export interface ServiceHarnessOptions<Config> {
  /** Prefix of the test database's name. */
  prefix: string;
  /** Names the local signing keys' temporary directory. */
  keyDirPrefix: string;
  now: string;
  /** Environment on top of PORT, DATABASE_URL, AUTH_MODE, AUTH_LOCAL_KEY_DIR, LOG_LEVEL=silent and READ_YOUR_WRITES_TIMEOUT_MS=30000. */
  env?: Record<string, string>;
  /** The service's config loader and root module (libs/testing knows no service). */
  loadConfig(env: Record<string, string>): Config;
  module(config: Config): DynamicModule;
  /** Default: a silent logger named after SERVICE_NAME. */
  logger?(config: Config): Logger;
  eventStoreSchema(config: Config): string;
  /** Boot on an existing database (a restart) instead of a new one. */
  db?: TestDatabase;
  keyDir?: string;
}

/** The whole service over HTTP on a fresh database (one per test file), as its main.ts wires it. */
export async function bootServiceHarness<Config extends PlatformConfig>(options: ServiceHarnessOptions<Config>): Promise<ServiceHarness<Config>> {
  const db = options.db ?? (await createTestDatabase(options.prefix));
  const keyDir = options.keyDir ?? (await mkdtemp(join(tmpdir(), options.keyDirPrefix)));
  // A loaded machine may keep the projections a few seconds behind: that is not a 202 in the tests.
  const env = { PORT: '0', DATABASE_URL: db.url, AUTH_MODE: 'local', AUTH_LOCAL_KEY_DIR: keyDir, LOG_LEVEL: 'silent', READ_YOUR_WRITES_TIMEOUT_MS: '30000', ...options.env };
  const clock = new TestClock(new Date(options.now));
  const instances: ServiceInstance[] = [];
  const start = async (overrides: Record<string, string>): Promise<ServiceInstance & { config: Config }> => {
    const config = options.loadConfig({ ...env, ...overrides });
    const logger = options.logger?.(config) ?? createLogger({ service: config.SERVICE_NAME, level: 'silent' });
    const app = await createServiceApp({ module: options.module(config), config, clock, logger });
    let listeners: { url: string; opsUrl?: string };
    try {
      listeners = await listenService(app, { ...config, PORT: 0, HOST: '127.0.0.1', ...(config.OPS_PORT !== undefined ? { OPS_PORT: 0, OPS_HOST: '127.0.0.1' } : {}) });
    } catch (error) {
      // A half-booted service would keep the test process alive after the failure.
      await app.close().catch(() => undefined);
      throw error;
    }
    let closing: Promise<void> | null = null;
    const instance = {
      app,
      config,
      base: listeners.url,
      ...(listeners.opsUrl ? { opsBase: listeners.opsUrl } : {}),
      close: () => (closing ??= app.close()),
    };
    instances.push(instance);
    return instance;
  };
  const first = await start({});
  let issuer: LocalIssuer;
  const sql = guardClient(new Client({ connectionString: db.url }));
  try {
    issuer = await LocalIssuer.open(keyDir);
    await sql.connect();
  } catch (error) {
    await first.close().catch(() => undefined);
    throw error;
  }
  const events = `${options.eventStoreSchema(first.config)}.events`;
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      for (const instance of instances.reverse()) await instance.close();
      await sql.end();
    })());
  const token = (role: Role, sub = `user-${role.toLowerCase()}`, agencyId?: string) => issuer.issueToken({ sub, role, ...(agencyId ? { agencyId } : {}) });
  return {
    db,
    config: first.config,
    app: first.app,
    base: first.base,
    sql,
    clock,
    keyDir,
    token,
    boot: (overrides = {}) => start(overrides),
    as: async (role, sub, agencyId) => agentFor(first.base, { authorization: `Bearer ${await token(role, sub, agencyId)}` }),
    async eventCount(stream) {
      const { rows } = stream
        ? await sql.query(`SELECT count(*) FROM ${events} WHERE stream = $1`, [stream])
        : await sql.query(`SELECT count(*) FROM ${events}`);
      return Number(rows[0].count);
    },
    stop,
    async close() {
      await stop();
      if (!options.db) await db.drop();
      if (!options.keyDir) await rm(keyDir, { recursive: true, force: true });
    },
  };
}
