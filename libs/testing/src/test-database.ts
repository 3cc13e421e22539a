import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { guardClient } from '@kinerja/event-store';

/**
 * A database of its own for one test file, so that files run in parallel (issue 2 §7).
 * The server comes from DATABASE_URL (the test runner sets it, starting embedded PostgreSQL when
 * it was not given).
 */
export interface TestDatabase {
  /** Connection string of the new, empty database. */
  url: string;
  name: string;
  drop(): Promise<void>;
}

export function serverUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error('DATABASE_URL is not set: run the tests through `npm test`, which provides a PostgreSQL server');
  }
  return url;
}

export async function createTestDatabase(prefix = 'kt'): Promise<TestDatabase> {
  const base = new URL(serverUrl());
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`.toLowerCase();
  const admin = guardClient(new Client({ connectionString: base.toString() }));
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(base.toString());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const c = guardClient(new Client({ connectionString: base.toString() }));
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
