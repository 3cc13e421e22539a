import { Client, Pool } from 'pg';
import { createTestDatabase, TestDatabase } from '@kinerja/testing';
import { guardPool, isConnectionError } from './index';

describe('PostgreSQL connections that the server terminates', () => {
  let db: TestDatabase;
  let admin: Client;
  beforeAll(async () => {
    db = await createTestDatabase('conn');
    admin = new Client({ connectionString: db.url });
    await admin.connect();
  });
  afterAll(async () => {
    await admin.end();
    await db.drop();
  });

  const terminate = async (applicationName: string): Promise<number> => {
    const { rows } = await admin.query(
      `SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`,
      [applicationName],
    );
    return rows.filter((r) => r.killed).length;
  };

  it('neither crash the process nor return to the pool when guarded; the pool serves again afterwards', async () => {
    const pool = guardPool(new Pool({ connectionString: db.url, max: 3, application_name: 'kt-guarded' }));
    // Every client the pool opens, and the moment its connection is gone: the terminated idle
    // client must have left the pool before the pool is asked again, or that query meets it.
    const ended: Promise<void>[] = [];
    pool.on('connect', (client) => ended.push(new Promise<void>((resolve) => client.once('end', () => resolve()))));
    try {
      // Checked out and idle between two queries: pg-pool's own listener is off this client.
      const held = await pool.connect();
      await held.query('BEGIN');
      await pool.query('SELECT 1');
      const opened = ended.length;
      expect(await terminate('kt-guarded')).toBe(opened);
      await Promise.all(ended.slice(0, opened));
      const failure = await held.query('SELECT 1').then(() => null, (error: unknown) => error);
      expect(isConnectionError(failure)).toBe(true);
      held.release(failure as Error);
      const { rows } = await pool.query('SELECT 41 + 1 AS answer');
      expect(rows[0].answer).toBe(42);
    } finally {
      await pool.end();
    }
  });

  it('tells a lost or refused connection from an error of the statement', async () => {
    const closed = new URL(db.url);
    closed.port = '1';
    const refused = new Client({ connectionString: closed.toString() });
    refused.on('error', () => undefined);
    const refusal = await refused.connect().then(() => null, (error: unknown) => error);
    expect(isConnectionError(refusal)).toBe(true);

    const client = new Client({ connectionString: db.url });
    client.on('error', () => undefined);
    await client.connect();
    const statement = await client.query('SELECT 1/0').then(() => null, (error: unknown) => error);
    await client.end();
    expect((statement as { code?: string }).code).toBe('22012');
    expect(isConnectionError(statement)).toBe(false);
    // As TypeORM wraps it (QueryFailedError.driverError), and as Node reports a refused dual-stack connect.
    expect(isConnectionError({ message: 'Query failed', driverError: refusal })).toBe(true);
    expect(isConnectionError(new AggregateError([refusal, refusal]))).toBe(true);
    expect(isConnectionError(new AggregateError([refusal, statement]))).toBe(false);
  });
});
