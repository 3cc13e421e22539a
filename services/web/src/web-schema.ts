import type { Pool } from 'pg';

/**
 * Creates the web service's own tables (its schema, then `statements`, each idempotent). Replicas
 * of the web service start at once: the DDL runs in one transaction under a transaction-scoped
 * advisory lock, one replica at a time.
 */
export async function migrateWebSchema(pool: Pool, schema: string, statements: readonly string[]): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('kinerja_web_migrate'))`);
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    for (const statement of statements) await client.query(statement);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
