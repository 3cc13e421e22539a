import { ChainBreak, createPostgresEventStore, PostgresEventStore } from '@kinerja/event-store';
import { Pool } from 'pg';
import { merkleRoot, sortHeads, StreamHead } from './merkle';
import { CityKey, signDocument, verifyDocument } from './signing';

/** A head as stored in a digest: [stream, revision, hash]. */
export type HeadTuple = [string, number, string];

export interface ServiceDigest {
  schema: string;
  streams: number;
  events: number;
  /** RFC 6962 Merkle root over the stream heads in UTF-8 byte order of their names (see merkle.ts). */
  merkleRoot: string;
  /** Every hash chain of the service verified. */
  ok: boolean;
  breaks: ChainBreak[];
  /** The leaves, so that a later run can prove each stream still has these events. */
  heads: HeadTuple[];
}

export interface StreamMismatch {
  stream: string;
  revision: number;
  recorded: string;
  /** The hash at that revision now; null when the event is gone. */
  now: string | null;
}

export interface SinceCheck {
  /** createdAt and merkle roots of the earlier digest. */
  createdAt: string;
  signatureOk: boolean;
  ok: boolean;
  services: Record<string, { ok: boolean; merkleRoot: string; recomputedRoot: string | null; mismatches: StreamMismatch[]; missing?: true }>;
}

export interface AuditDigest {
  kind: 'kinerja.audit.digest';
  version: 1;
  createdAt: string;
  /** SPKI PEM of the key that signed it. */
  publicKey: string;
  services: Record<string, ServiceDigest>;
  since?: SinceCheck;
  signature: string;
}

/** Schemas among `schemas` that hold an event store (tables `streams` and `events`). */
async function existingStores(pool: Pool, schemas: string[]): Promise<Set<string>> {
  const { rows } = await pool.query<{ schema: string }>(
    `SELECT table_schema AS schema FROM information_schema.tables
      WHERE table_schema = ANY($1) AND table_name IN ('streams', 'events')
      GROUP BY table_schema HAVING count(*) = 2`,
    [schemas],
  );
  return new Set(rows.map((r) => r.schema));
}

/** The last event of every stream, in one snapshot. */
async function readHeads(pool: Pool, schema: string): Promise<StreamHead[]> {
  const { rows } = await pool.query<{ stream: string; revision: string; hash: string }>(
    `SELECT DISTINCT ON (stream) stream, revision::text, hash FROM "${schema}".events ORDER BY stream, revision DESC`,
  );
  return sortHeads(rows.map((r) => ({ stream: r.stream, revision: Number(r.revision), hash: r.hash })));
}

/** The stored hash at each (stream, revision), null where there is no such event. */
async function hashesAt(pool: Pool, schema: string, heads: readonly HeadTuple[]): Promise<(string | null)[]> {
  const { rows } = await pool.query<{ i: number; hash: string | null }>(
    `SELECT h.i::int AS i, e.hash FROM unnest($1::text[], $2::bigint[]) WITH ORDINALITY AS h(stream, revision, i)
       LEFT JOIN "${schema}".events e ON e.stream = h.stream AND e.revision = h.revision`,
    [heads.map((h) => h[0]), heads.map((h) => h[1])],
  );
  const out: (string | null)[] = new Array<string | null>(heads.length).fill(null);
  for (const row of rows) out[row.i - 1] = row.hash;
  return out;
}

/**
 * One event store's digest: every hash chain verified, and the Merkle root over its stream heads
 * (read first: an event appended meanwhile is verified but not in the root).
 */
export async function digestStore(store: PostgresEventStore): Promise<ServiceDigest> {
  const heads = await readHeads(store.pool, store.schema);
  const result = await store.verifyChains();
  return {
    schema: store.schema,
    streams: heads.length,
    events: heads.reduce((sum, h) => sum + h.revision + 1, 0),
    merkleRoot: merkleRoot(heads),
    ok: result.ok,
    breaks: result.breaks,
    heads: heads.map((h) => [h.stream, h.revision, h.hash]),
  };
}

export interface VerifyOptions {
  databaseUrl: string;
  /** service name -> event store schema */
  schemas: Record<string, string>;
  key: CityKey;
  /** An earlier digest to prove unchanged. */
  since?: AuditDigest;
  now?: Date;
}

/** Verifies every chain, computes the Merkle roots, checks `since`, and signs the result. */
export async function auditVerify(options: VerifyOptions): Promise<AuditDigest> {
  const pool = new Pool({ connectionString: options.databaseUrl, max: 2 });
  pool.on('error', () => undefined);
  try {
    const found = await existingStores(pool, Object.values(options.schemas));
    const services: Record<string, ServiceDigest> = {};
    for (const [name, schema] of Object.entries(options.schemas).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (!found.has(schema)) continue;
      const store = await createPostgresEventStore({ connectionString: options.databaseUrl, schema, poolSize: 2 });
      try {
        services[name] = await digestStore(store);
      } finally {
        await store.close();
      }
    }
    const since = options.since ? await checkSince(pool, options.since, options.schemas, options.key) : undefined;
    const unsigned = {
      kind: 'kinerja.audit.digest' as const,
      version: 1 as const,
      createdAt: (options.now ?? new Date()).toISOString(),
      publicKey: options.key.publicKeyPem,
      services,
      ...(since ? { since } : {}),
    };
    return signDocument(unsigned, options.key);
  } finally {
    await pool.end();
  }
}

/**
 * An earlier digest still holds when its signature is the city key's, its heads give its Merkle
 * roots, and every head's stream still has that hash at that revision (the chains, verified now,
 * then vouch for every earlier event of the stream).
 */
async function checkSince(pool: Pool, earlier: AuditDigest, schemas: Record<string, string>, key: CityKey): Promise<SinceCheck> {
  const signatureOk = verifyDocument(earlier as unknown as Record<string, unknown>, key.publicKey);
  const schemaOf = (name: string, recorded: ServiceDigest) => schemas[name] ?? recorded.schema;
  const found = await existingStores(pool, Object.entries(earlier.services ?? {}).map(([name, recorded]) => schemaOf(name, recorded)));
  const services: SinceCheck['services'] = {};
  for (const [name, recorded] of Object.entries(earlier.services ?? {})) {
    const schema = schemaOf(name, recorded);
    const heads = recorded.heads ?? [];
    const listedRoot = merkleRoot(heads.map(([stream, revision, hash]) => ({ stream, revision, hash })));
    if (!found.has(schema)) {
      services[name] = { ok: heads.length === 0 && listedRoot === recorded.merkleRoot, merkleRoot: recorded.merkleRoot, recomputedRoot: null, mismatches: [], missing: true };
      continue;
    }
    const now = await hashesAt(pool, schema, heads);
    const mismatches: StreamMismatch[] = [];
    heads.forEach(([stream, revision, hash], i) => {
      if (now[i] !== hash) mismatches.push({ stream, revision, recorded: hash, now: now[i] });
    });
    const recomputedRoot = merkleRoot(heads.map(([stream, revision], i) => ({ stream, revision, hash: now[i] ?? '' })));
    services[name] = {
      ok: mismatches.length === 0 && listedRoot === recorded.merkleRoot && recomputedRoot === recorded.merkleRoot,
      merkleRoot: recorded.merkleRoot,
      recomputedRoot,
      mismatches,
    };
  }
  return {
    createdAt: earlier.createdAt,
    signatureOk,
    ok: signatureOk && Object.values(services).every((s) => s.ok),
    services,
  };
}

/** The digest proves the store intact: every chain verified, and `since` (when checked) held. */
export function digestOk(digest: AuditDigest): boolean {
  return Object.values(digest.services).every((s) => s.ok) && (digest.since?.ok ?? true);
}
