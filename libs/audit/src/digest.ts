import { KeyObject } from 'node:crypto';
import { ChainBreak, createPostgresEventStore, PostgresEventStore } from '@kinerja/event-store';
import { Pool } from 'pg';
import { AnchorFile, anchorFileOf, anchoredHeadsHold, AnchorLedger, describeStore, hashesAt, readAnchorFile, storeIdentity } from './anchor';
import { AuditFinding, findingOfBreak } from './findings';
import { merkleRoot, sortHeads, StreamHead } from './merkle';
import { CityKey, signDocument, verifyDocument } from './signing';

/** A head as stored in a digest: [stream, revision, hash]. */
export type HeadTuple = [string, number, string];

/** The store compared with its anchors (see anchor.ts). */
export interface AnchorCheck {
  /** The anchor file, or `memory` (the anchors this process made, when it keeps no file). */
  source: string;
  /** Anchors of this store read. */
  anchors: number;
  /** The latest of them, the one compared against (with every earlier one's heads). */
  latest: { sequence: number; anchoredAt: string; reason: string; merkleRoot: string; streams: number; events: number; signed: boolean } | null;
  /** Anchors without a signature: they prove nothing against whoever can write their file. */
  unsigned: number;
  /** Every anchored head still in the store and the anchors themselves sound. */
  ok: boolean;
  findings: AuditFinding[];
  /** What could not be checked, and why. */
  warnings: string[];
}

export interface ServiceDigest {
  schema: string;
  streams: number;
  /** Events under the heads (the sum of head revision + 1 over the streams). */
  events: number;
  /** RFC 6962 Merkle root over the stream heads in UTF-8 byte order of their names (see merkle.ts). */
  merkleRoot: string;
  /** Every hash chain verified and, when anchors were checked, the store still holds what they recorded. */
  ok: boolean;
  breaks: ChainBreak[];
  /** Everything found wrong: the chain breaks, then what the anchors show. */
  findings: AuditFinding[];
  anchor?: AnchorCheck;
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

/**
 * The last event of every stream, in one snapshot. The revision is ordered as a number: the output
 * column `revision` is text, and ORDER BY an output column's name would sort it as text (99 after 118).
 */
export async function readHeads(pool: Pool, schema: string): Promise<StreamHead[]> {
  const { rows } = await pool.query<{ stream: string; revision: string; hash: string }>(
    `SELECT DISTINCT ON (e.stream) e.stream, e.revision::text AS revision, e.hash FROM "${schema}".events e ORDER BY e.stream, e.revision DESC`,
  );
  return sortHeads(rows.map((r) => ({ stream: r.stream, revision: Number(r.revision), hash: r.hash })));
}

/** Where a digest finds the store's anchors: a file (read now), or a ledger kept in memory. */
export type AnchorSource = { file: string; publicKey: KeyObject | null } | { ledger: AnchorLedger; source: string };

/**
 * One event store's digest: every hash chain verified, the Merkle root over its stream heads (read
 * first: an event appended meanwhile is verified but not in the root) and, with `anchors`, the store
 * compared with every anchor recorded of it.
 */
export async function digestStore(store: PostgresEventStore, options: { anchors?: AnchorSource } = {}): Promise<ServiceDigest> {
  const heads = await readHeads(store.pool, store.schema);
  const result = await store.verifyChains();
  const anchor = options.anchors ? await checkAnchors(store.pool, store.schema, heads, options.anchors) : undefined;
  const findings = [...result.breaks.map(findingOfBreak), ...(anchor?.findings ?? [])];
  return {
    schema: store.schema,
    streams: heads.length,
    events: heads.reduce((sum, h) => sum + h.revision + 1, 0),
    merkleRoot: merkleRoot(heads),
    ok: result.ok && (anchor?.ok ?? true),
    breaks: result.breaks,
    findings,
    ...(anchor ? { anchor } : {}),
    heads: heads.map((h) => [h.stream, h.revision, h.hash]),
  };
}

/** The store (`heads`: its heads now) against its anchors. */
async function checkAnchors(pool: Pool, schema: string, heads: readonly StreamHead[], source: AnchorSource): Promise<AnchorCheck> {
  let ledger: AnchorLedger;
  const warnings: string[] = [];
  let from: string;
  if ('file' in source) {
    const identity = await storeIdentity(pool, schema);
    const file: AnchorFile = readAnchorFile(source.file, identity, source.publicKey);
    ledger = file.ledger;
    from = file.path;
    warnings.push(...file.warnings);
    if (!file.exists) warnings.push(`no anchor file at ${file.path}: a truncated or rewritten tail cannot be found`);
    else if (ledger.anchors === 0) {
      warnings.push(
        `${file.path} has no anchor of this store (${describeStore(identity)})` +
          (file.otherStores.length ? `, only of ${file.otherStores.map(describeStore).join('; ')}` : '') +
          ': a truncated or rewritten tail cannot be found',
      );
    }
    if (!source.publicKey && ledger.anchors > ledger.unsigned) warnings.push('no key to check the anchors\' signatures with');
  } else {
    ledger = source.ledger;
    from = source.source;
    if (ledger.anchors === 0) warnings.push('no anchor made yet: a truncated or rewritten tail cannot be found');
  }
  if (ledger.unsigned > 0) warnings.push(`${ledger.unsigned} anchor(s) unsigned: they prove nothing against whoever can write ${from}`);
  const current = new Map(heads.map((h) => [h.stream, h.revision]));
  const findings = [...ledger.findings, ...(await anchoredHeadsHold(pool, schema, ledger.heads, current))];
  const latest = ledger.latest;
  return {
    source: from,
    anchors: ledger.anchors,
    latest: latest
      ? {
          sequence: latest.sequence,
          anchoredAt: latest.anchoredAt,
          reason: latest.reason,
          merkleRoot: latest.merkleRoot,
          streams: latest.streams,
          events: latest.events,
          signed: latest.signature !== null,
        }
      : null,
    unsigned: ledger.unsigned,
    ok: findings.length === 0,
    findings,
    warnings,
  };
}

export interface VerifyOptions {
  databaseUrl: string;
  /** service name -> event store schema */
  schemas: Record<string, string>;
  key: CityKey;
  /** An earlier digest to prove unchanged. */
  since?: AuditDigest;
  /** The directory of the services' anchor files (`<service>.jsonl`); none: anchors are not checked. */
  anchorDir?: string;
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
        const anchors = options.anchorDir ? { file: anchorFileOf(options.anchorDir, name), publicKey: options.key.publicKey } : undefined;
        services[name] = await digestStore(store, { anchors });
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
    const now = await hashesAt(pool, schema, heads.map(([stream, revision]) => [stream, revision] as const));
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
