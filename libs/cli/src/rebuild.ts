import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Pool } from 'pg';
import { ParsedArgs, stringOption, UsageError } from './args';
import { databaseUrlFor } from './database';
import { REPO_ROOT } from './paths';

/** What `services/<name>/src/rebuild.ts` prints. */
interface RebuildEntryResult {
  schema: string;
  eventStoreSchema: string;
  readModels: { name: string; table: string }[];
  ms: number;
}

export interface TableChecksum {
  rows: number;
  /** md5 over the md5 of each row's text, in primary-key order. */
  md5: string;
}

export interface RebuildReport {
  service: string;
  schema: string;
  events: number;
  rebuildMs: number;
  eventsPerSecond: number;
  tables: Record<string, { readModel: string; before: TableChecksum; after: TableChecksum; equal: boolean }>;
  /** Read models with a stored checkpoint that the service's rebuild entry does not know. */
  unknownReadModels: string[];
  ok: boolean;
}

const run = promisify(execFile);

async function runEntry(entry: string, databaseUrl: string, args: string[]): Promise<RebuildEntryResult> {
  // A rebuild allocates its events and rows in quick succession: a young generation of 32 MB
  // (V8 starts with 1 MB and grows it) saves most of the scavenges, ~10 % of a small service's rebuild.
  const { stdout } = await run(process.execPath, ['--max-semi-space-size=32', '-r', '@swc-node/register', entry, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, SWC_NODE_PROJECT: process.env.SWC_NODE_PROJECT ?? join(REPO_ROOT, 'tsconfig.base.json') },
    maxBuffer: 16 * 1024 * 1024,
  });
  const last = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as RebuildEntryResult;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Row count and md5 of a table's rows in primary-key order (whole-row order when it has no key). */
export async function tableChecksum(pool: Pool, schema: string, table: string): Promise<TableChecksum> {
  const qualified = `${ident(schema)}.${ident(table)}`;
  const { rows: keys } = await pool.query<{ column: string }>(
    `SELECT a.attname AS column FROM pg_index i
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey::int2[])
      WHERE i.indrelid = $1::regclass AND i.indisprimary
      ORDER BY array_position(i.indkey::int2[], a.attnum)`,
    [qualified],
  );
  const order = keys.length > 0 ? keys.map((k) => `t.${ident(k.column)}`).join(', ') : 't::text';
  const { rows } = await pool.query<{ rows: number; md5: string }>(
    `SELECT count(*)::int AS rows, md5(coalesce(string_agg(md5(t::text), '' ORDER BY ${order}), '')) AS md5 FROM ${qualified} t`,
  );
  return rows[0];
}

/**
 * Catches the read models up (as the live service would), takes a checksum per table, rebuilds every
 * read model from the first event in the service's own rebuild entry, and compares.
 */
export async function rebuildService(service: string, databaseUrl: string): Promise<RebuildReport> {
  if (!/^[a-z][a-z0-9-]*$/.test(service)) throw new UsageError(`Not a service name: ${service}`);
  const entry = join(REPO_ROOT, 'services', service, 'src', 'rebuild.ts');
  if (!existsSync(entry)) throw new UsageError(`services/${service}/src/rebuild.ts does not exist: no rebuild for ${service}`);
  const caughtUp = await runEntry(entry, databaseUrl, ['--catch-up']);
  const pool = new Pool({ connectionString: databaseUrl, max: 2 });
  pool.on('error', () => undefined);
  try {
    const checksums = async () => {
      const out = new Map<string, TableChecksum>();
      for (const model of caughtUp.readModels) out.set(model.table, await tableChecksum(pool, caughtUp.schema, model.table));
      return out;
    };
    const { rows: missing } = await pool.query<{ table: string }>(
      `SELECT t AS table FROM unnest($1::text[]) AS t WHERE to_regclass(format('%I.%I', $2::text, t)) IS NULL`,
      [caughtUp.readModels.map((m) => m.table), caughtUp.schema],
    );
    if (missing.length > 0) {
      throw new Error(`${service}: no table ${missing.map((m) => `${caughtUp.schema}.${m.table}`).join(', ')}: start the service once so that it migrates its schema`);
    }
    const { rows: stored } = await pool.query<{ name: string }>(`SELECT name FROM ${ident(caughtUp.schema)}.projection_checkpoints ORDER BY name`);
    const known = new Set(caughtUp.readModels.map((m) => m.name));
    const unknownReadModels = stored.map((r) => r.name).filter((name) => !known.has(name));
    const before = await checksums();
    const rebuilt = await runEntry(entry, databaseUrl, []);
    const after = await checksums();
    const { rows: counted } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${ident(rebuilt.eventStoreSchema)}.events`);
    const events = Number(counted[0].n);
    const tables: RebuildReport['tables'] = {};
    for (const model of caughtUp.readModels) {
      const b = before.get(model.table)!;
      const a = after.get(model.table)!;
      tables[model.table] = { readModel: model.name, before: b, after: a, equal: a.rows === b.rows && a.md5 === b.md5 };
    }
    return {
      service,
      schema: caughtUp.schema,
      events,
      rebuildMs: rebuilt.ms,
      eventsPerSecond: Math.round(events / Math.max(rebuilt.ms / 1000, 0.001)),
      tables,
      unknownReadModels,
      ok: unknownReadModels.length === 0 && Object.values(tables).every((t) => t.equal),
    };
  } finally {
    await pool.end();
  }
}

/** `kinerja rebuild <service> [--database-url URL]` */
export async function rebuildCommand(args: ParsedArgs): Promise<number> {
  const [service] = args.positional;
  if (!service) throw new UsageError('rebuild needs a service name, e.g. kinerja rebuild work-planning');
  const report = await rebuildService(service, databaseUrlFor(stringOption(args, 'database-url')));
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  for (const [table, t] of Object.entries(report.tables)) {
    process.stderr.write(`${t.equal ? 'equal  ' : 'DIFFERS'} ${report.schema}.${table}: before ${t.before.rows} rows ${t.before.md5}, after ${t.after.rows} rows ${t.after.md5}\n`);
  }
  for (const name of report.unknownReadModels) process.stderr.write(`UNKNOWN read model ${name}: it has a checkpoint but services/${service}/src/rebuild.ts does not rebuild it\n`);
  process.stderr.write(`${report.events} events replayed in ${report.rebuildMs} ms (${report.eventsPerSecond}/s)\n`);
  return report.ok ? 0 : 1;
}
