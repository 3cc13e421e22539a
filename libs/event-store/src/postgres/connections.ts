import type { Client, Pool } from 'pg';

const ignore = () => undefined;
const guarded = new WeakSet<object>();

/**
 * Every client of `pool`, present and future, keeps an `error` listener for its whole life, and the
 * pool has one for its idle clients. Without it a connection the server terminates (57P01, a
 * restart, a network cut) can crash the process: pg-pool removes its own listener while a client
 * is checked out, and a holder that attaches one after `await pool.connect()` is too late when the
 * termination arrives in the same socket read as the end of the connection's start-up. The holder
 * still learns of the loss: the client's queries fail and a broken client is dropped on release.
 * Idempotent.
 */
export function guardPool<P extends Pool>(pool: P, onIdleError: (error: Error) => void = ignore): P {
  if (guarded.has(pool)) return pool;
  guarded.add(pool);
  pool.on('error', onIdleError);
  pool.on('connect', (client) => client.on('error', ignore));
  // Clients opened before the guard (a TypeORM pool opens one while it initialises).
  for (const client of (pool as unknown as { _clients?: Client[] })._clients ?? []) client.on('error', ignore);
  return pool;
}

/** A single client with an `error` listener (its queries fail once the connection is lost). */
export function guardClient<C extends Client>(client: C, onError: (error: Error) => void = ignore): C {
  client.on('error', onError);
  return client;
}

/** `guardPool` on the pg pool behind a TypeORM DataSource on PostgreSQL (after `initialize()`). */
export function guardDataSourcePool(dataSource: { driver: unknown }): void {
  const pool = (dataSource.driver as { master?: Pool }).master;
  if (pool && typeof pool.on === 'function') guardPool(pool);
}

const CONNECTION_CODES = new Set(['53300', '57P01', '57P02', '57P03', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const CONNECTION_MESSAGE =
  /Connection terminated|connection is closed|Client has encountered a connection error|not queryable|timeout exceeded when trying to connect|the database system is (starting up|shutting down|in recovery mode)|terminating connection/i;

/**
 * The database could not be reached or went away under the work (SQLSTATE class 08, admin
 * shutdown, server starting or in recovery, too many connections, a refused or dropped socket), as
 * opposed to an error of the work itself. Looks through TypeORM's `driverError`, `cause` and
 * Node's AggregateError.
 */
export function isConnectionError(error: unknown, depth = 0): boolean {
  if (error === null || typeof error !== 'object' || depth > 3) return false;
  const e = error as { code?: unknown; message?: unknown; driverError?: unknown; errors?: unknown; cause?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  if (code.startsWith('08') || CONNECTION_CODES.has(code)) return true;
  if (typeof e.message === 'string' && CONNECTION_MESSAGE.test(e.message)) return true;
  if (Array.isArray(e.errors) && e.errors.length > 0 && e.errors.every((inner) => isConnectionError(inner, depth + 1))) return true;
  return isConnectionError(e.driverError, depth + 1) || isConnectionError(e.cause, depth + 1);
}
