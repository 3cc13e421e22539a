import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { guardClient } from '@kinerja/event-store';
import { CommandError } from './args';
import { DATA_DIR, REPO_ROOT } from './paths';

interface EmbeddedServer {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresModule {
  alive(pid: number): boolean;
  freePort(): Promise<number>;
  runningPostmaster(dataDir: string): { pid: number; port: number } | null;
  startEmbeddedPostgres(options: { dataDir: string; port: number; dataRoot?: string; fresh?: boolean; ifRunning?: 'stop' | 'reuse' | 'fail' }): Promise<EmbeddedServer>;
}

// One implementation for the test runner (plain JS, no compiler) and the CLI.
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const embedded = require(join(REPO_ROOT, 'libs/testing/bin/embedded-postgres.js')) as EmbeddedPostgresModule;

export const freePort = embedded.freePort;

export const EMBEDDED_PG_DIR = join(DATA_DIR, 'pg');
export const EMBEDDED_PG_PORT = Number(process.env.KINERJA_PG_PORT ?? 5488);

const OWNER_FILE = join(DATA_DIR, 'pg.owner');

function readOwner(): number | null {
  try {
    return Number(readFileSync(OWNER_FILE, 'utf8').trim()) || null;
  } catch {
    return null;
  }
}

export interface Database {
  /** postgres:// URL of the database the services use. */
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * DATABASE_URL when given (used as is); otherwise embedded PostgreSQL with its data in .data/pg
 * (initialised on the first start, reused afterwards) and a database `kinerja` created if missing.
 */
export async function provideDatabase(log: (line: string) => void): Promise<Database> {
  const given = process.env.DATABASE_URL;
  if (given) {
    log(`PostgreSQL: DATABASE_URL (${new URL(given).host}${new URL(given).pathname})`);
    return { url: given, embedded: false, stop: async () => undefined };
  }
  const running = embedded.runningPostmaster(EMBEDDED_PG_DIR);
  const owner = readOwner();
  if (running && owner !== null && owner !== process.pid && embedded.alive(owner)) {
    throw new CommandError(
      `Kinerja is already running (\`npm start\` or \`npm run demo\`, pid ${owner}) and holds the embedded PostgreSQL in .data/pg.\n` +
        '  Stop it first (Ctrl-C in its terminal, or `kill ' + owner + '`) and run the command again,\n' +
        '  or give this command its own PostgreSQL server: DATABASE_URL=postgres://… npm run demo',
    );
  }
  const fresh = !existsSync(join(EMBEDDED_PG_DIR, 'PG_VERSION'));
  log(`PostgreSQL: embedded, ${fresh ? 'initialising' : 'reusing'} .data/pg, port ${EMBEDDED_PG_PORT}`);
  // A postmaster left by a launcher that was killed is stopped and started again by us.
  const server = await embedded.startEmbeddedPostgres({ dataDir: EMBEDDED_PG_DIR, port: EMBEDDED_PG_PORT, dataRoot: DATA_DIR, ifRunning: 'stop' });
  writeFileSync(OWNER_FILE, `${process.pid}\n`);
  const stop = async () => {
    await server.stop();
    rmSync(OWNER_FILE, { force: true });
  };
  try {
    await ensureDatabase(server.url, 'kinerja');
  } catch (error) {
    await stop();
    throw error;
  }
  const url = new URL(server.url);
  url.pathname = '/kinerja';
  return { url: url.toString(), embedded: true, stop };
}

export async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  const client = guardClient(new Client({ connectionString: serverUrl }));
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/** The URL of the database `kinerja` on the embedded server of .data/pg when it is running, else null. */
export function runningEmbeddedUrl(): string | null {
  const running = embedded.runningPostmaster(EMBEDDED_PG_DIR);
  return running ? `postgres://postgres:postgres@127.0.0.1:${running.port}/kinerja` : null;
}

/** --database-url, DATABASE_URL, or the running embedded server of `kinerja start`. */
export function databaseUrlFor(given: string | undefined): string {
  const url = given ?? process.env.DATABASE_URL ?? runningEmbeddedUrl();
  if (!url) throw new Error('No database: pass --database-url, set DATABASE_URL, or run `kinerja start` (embedded PostgreSQL)');
  return url;
}

/**
 * On a server with autovacuum off (the project's test machines), tables filled by a bench's seeding
 * were never analysed and the planner would guess their sizes: VACUUM ANALYZE once, as autovacuum
 * would have on a real server. Nothing on a server where autovacuum is on.
 */
export async function vacuumWithoutAutovacuum(databaseUrl: string, log: (line: string) => void): Promise<void> {
  const client = guardClient(new Client({ connectionString: databaseUrl }));
  await client.connect();
  try {
    const { rows } = await client.query<{ autovacuum: string }>('SHOW autovacuum');
    if (rows[0].autovacuum === 'on') return;
    const started = Date.now();
    await client.query('VACUUM ANALYZE');
    log(`autovacuum is off on this server: VACUUM ANALYZE, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await client.end();
  }
}
