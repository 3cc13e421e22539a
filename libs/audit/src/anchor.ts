import { createHash, KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Pool } from 'pg';
import type { AuditAnchoredV1 } from '@kinerja/contracts';
import { AuditFinding } from './findings';
import { merkleRoot, sortHeads, StreamHead } from './merkle';
import { CityKey, signDocument, signedText, verifyDocument } from './signing';

/**
 * Anchors: a service's signed digest of its event store (Merkle root over the stream heads, the
 * heads, the event count), kept outside its database, one JSON line each in an append-only file
 * (`<dir>/<service>.jsonl`) and as `AuditAnchored.v1` on its topic. A later verification compares
 * the store with them, so a tail cut off or rewritten after an anchor is found without anyone
 * keeping an earlier digest.
 *
 * Each anchor names the one before it (`previous`, the SHA-256 of its signed text) and, after the
 * first (`full`), lists only the heads that changed since: the anchors of a store form a chain whose
 * replay gives the anchored head of every stream. Replaying also checks that no anchor moved a head
 * back, so a truncation done between two anchors is still visible in the later one.
 */

/** Which event store an anchor is about: anchors of other databases in the same file are ignored. */
export type StoreIdentity = AuditAnchoredV1['store'];

export type AnchorReason = AuditAnchoredV1['reason'];

/** The signed anchor document (`AuditAnchored.v1` without its part numbering). */
export type AnchorDocument = Omit<AuditAnchoredV1, 'anchorId' | 'part' | 'parts'>;

/** The database (its name, OID and the cluster's system identifier, when readable) and the schema. */
export async function storeIdentity(pool: Pool, schema: string): Promise<StoreIdentity> {
  const { rows } = await pool.query<{ database: string; oid: string }>(
    `SELECT current_database() AS database, (SELECT oid::text FROM pg_database WHERE datname = current_database()) AS oid`,
  );
  const cluster = await pool
    .query<{ id: string }>('SELECT system_identifier::text AS id FROM pg_control_system()')
    .then((r) => r.rows[0]?.id ?? null)
    .catch(() => null);
  return { database: rows[0].database, databaseOid: rows[0].oid, cluster, schema };
}

/** The same store: database OID and schema, and the cluster where both sides know it (a re-created database has a new OID). */
export function sameStore(a: StoreIdentity, b: StoreIdentity): boolean {
  return a.databaseOid === b.databaseOid && a.schema === b.schema && (a.cluster === null || b.cluster === null || a.cluster === b.cluster);
}

export function describeStore(s: StoreIdentity): string {
  return `database ${s.database} (oid ${s.databaseOid}${s.cluster ? `, cluster ${s.cluster}` : ''}), schema ${s.schema}`;
}

/** SHA-256 (hex) of the anchor's signed text: what the next anchor names as `previous`. */
export function anchorId(doc: AnchorDocument): string {
  return createHash('sha256').update(signedText(doc as unknown as Record<string, unknown>)).digest('hex');
}

/** `<dir>/<service>.jsonl` */
export function anchorFileOf(dir: string, service: string): string {
  return join(dir, `${service}.jsonl`);
}

interface AnchoredHead {
  revision: number;
  hash: string;
  /** The anchor that first recorded this head. */
  sequence: number;
  anchoredAt: string;
}

const meta = (doc: AnchorDocument) => ({ sequence: doc.sequence, anchoredAt: doc.anchoredAt });

/**
 * The replay of one store's anchors, in order: what they say each stream's head is (`view`, as the
 * latest anchor says), the highest head any anchor recorded (`heads`, what the store must still
 * hold), and what is wrong with the anchors themselves.
 */
export class AnchorLedger {
  /** Per stream, the head as the anchors say it now. */
  readonly view = new Map<string, AnchoredHead>();
  /** Per stream, the highest head an anchor ever recorded: the store must still hold it. */
  readonly heads = new Map<string, AnchoredHead>();
  readonly findings: AuditFinding[] = [];
  latest: AnchorDocument | null = null;
  latestId: string | null = null;
  anchors = 0;
  unsigned = 0;
  private events = 0;

  /**
   * Takes the store's next anchor. With `publicKey`, a signed anchor must verify with it; an
   * unsigned one is counted (`unsigned`). `trusted`: an anchor this process just made.
   */
  apply(doc: AnchorDocument, publicKey: KeyObject | null, trusted = false): void {
    const at = meta(doc);
    if (!trusted) {
      if (doc.signature === null) this.unsigned++;
      else if (publicKey && !verifyDocument(doc as unknown as Record<string, unknown>, publicKey)) {
        this.findings.push({ code: 'ANCHOR_SIGNATURE_INVALID', anchor: at, detail: `anchor #${doc.sequence} of ${doc.anchoredAt} is not signed by the city key` });
      }
      const expectedSequence = this.latest ? this.latest.sequence + 1 : 0;
      if (doc.previous !== this.latestId || doc.sequence !== expectedSequence) {
        this.findings.push({
          code: 'ANCHOR_CHAIN_BROKEN',
          anchor: at,
          expected: `sequence ${expectedSequence} after ${this.latestId ?? 'nothing'}`,
          found: `sequence ${doc.sequence} after ${doc.previous ?? 'nothing'}`,
          detail: `anchor #${doc.sequence} of ${doc.anchoredAt} should be #${expectedSequence} following ${this.latestId ?? 'no anchor'}, but follows ${doc.previous ?? 'no anchor'}: an anchor was removed, reordered or forged`,
        });
      }
    }
    const incoming = new Set<string>();
    for (const [stream, revision, hash] of doc.heads) {
      incoming.add(stream);
      const before = this.view.get(stream);
      if (before) this.events -= before.revision + 1;
      this.events += revision + 1;
      const same = before && before.revision === revision && before.hash === hash;
      this.view.set(stream, same ? before : { revision, hash, ...at });
      const highest = this.heads.get(stream);
      if (highest && (revision < highest.revision || (revision === highest.revision && hash !== highest.hash))) {
        this.findings.push({
          code: 'ANCHOR_REGRESSION',
          stream,
          revision,
          anchor: at,
          expected: `revision ${highest.revision} or later (hash ${highest.hash} at ${highest.revision})`,
          found: `revision ${revision} (hash ${hash})`,
          detail: `anchor #${doc.sequence} of ${doc.anchoredAt} puts ${stream} at revision ${revision} (hash ${hash}); anchor #${highest.sequence} of ${highest.anchoredAt} had it at revision ${highest.revision} (hash ${highest.hash})`,
        });
      } else if (!highest || revision > highest.revision) {
        this.heads.set(stream, { revision, hash, ...at });
      }
    }
    if (doc.full) {
      for (const [stream, highest] of this.view) {
        if (incoming.has(stream)) continue;
        this.events -= highest.revision + 1;
        this.view.delete(stream);
        this.findings.push({
          code: 'ANCHOR_REGRESSION',
          stream,
          anchor: at,
          expected: `revision ${highest.revision} or later`,
          found: 'absent',
          detail: `anchor #${doc.sequence} of ${doc.anchoredAt} lists every stream but not ${stream}, which anchor #${highest.sequence} of ${highest.anchoredAt} had at revision ${highest.revision}`,
        });
      }
    }
    if (!trusted && (doc.streams !== this.view.size || doc.events !== this.events)) {
      this.findings.push({
        code: 'ANCHOR_ROOT_MISMATCH',
        anchor: at,
        expected: `${this.view.size} streams, ${this.events} events`,
        found: `${doc.streams} streams, ${doc.events} events`,
        detail: `anchor #${doc.sequence} of ${doc.anchoredAt} counts ${doc.streams} streams and ${doc.events} events; its heads give ${this.view.size} and ${this.events}`,
      });
    }
    this.latest = doc;
    this.latestId = anchorId(doc);
    this.anchors++;
  }

  /** The heads as the latest anchor says them, in Merkle order. */
  viewHeads(): StreamHead[] {
    return sortHeads([...this.view].map(([stream, h]) => ({ stream, revision: h.revision, hash: h.hash })));
  }

  /** The latest anchor's Merkle root is that of the replayed heads (checked once, for the latest only: it costs a hash per stream). */
  checkLatestRoot(): void {
    const doc = this.latest;
    if (!doc) return;
    const root = merkleRoot(this.viewHeads());
    if (root !== doc.merkleRoot) {
      this.findings.push({
        code: 'ANCHOR_ROOT_MISMATCH',
        anchor: meta(doc),
        expected: root,
        found: doc.merkleRoot,
        detail: `anchor #${doc.sequence} of ${doc.anchoredAt} gives Merkle root ${doc.merkleRoot}; the heads of its chain give ${root}`,
      });
    }
  }
}

export interface AnchorFile {
  path: string;
  /** False when there is no such file. */
  exists: boolean;
  ledger: AnchorLedger;
  /** Anchors in the file about other stores (ignored). */
  otherStores: StoreIdentity[];
  /** The anchors of this store, in file order. */
  documents: AnchorDocument[];
  warnings: string[];
}

/** The anchors of `store` in the file, replayed in file order; `publicKey` checks their signatures. */
export function readAnchorFile(path: string, store: StoreIdentity, publicKey: KeyObject | null): AnchorFile {
  const ledger = new AnchorLedger();
  const out: AnchorFile = { path, exists: existsSync(path), ledger, otherStores: [], documents: [], warnings: [] };
  if (!out.exists) return out;
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  const others = new Map<string, StoreIdentity>();
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let doc: AnchorDocument;
    try {
      doc = JSON.parse(line) as AnchorDocument;
      if (doc?.kind !== 'kinerja.audit.anchor' || !doc.store || !Array.isArray(doc.heads)) throw new Error('not an anchor');
    } catch (error) {
      if (i === lines.length - 1) {
        // No newline after it: a write cut short (a crash while anchoring), not an edit.
        out.warnings.push(`${path} line ${i + 1}: an incomplete last line (a write cut short) was ignored`);
      } else {
        ledger.findings.push({ code: 'ANCHOR_UNREADABLE', detail: `${path} line ${i + 1} is not an anchor: ${(error as Error).message}` });
      }
      return;
    }
    if (sameStore(doc.store, store)) {
      ledger.apply(doc, publicKey);
      out.documents.push(doc);
    } else others.set(`${doc.store.databaseOid}/${doc.store.cluster}/${doc.store.schema}`, doc.store);
  });
  out.otherStores = [...others.values()];
  ledger.checkLatestRoot();
  return out;
}

/**
 * Appends one anchor as a line and flushes it to disk. Creates missing directories with the
 * default mode (never 0700: `.data` must stay reachable by the embedded PostgreSQL's own user).
 */
export async function appendAnchor(path: string, doc: AnchorDocument): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  const file = await open(path, 'a', 0o644);
  try {
    await file.write(`${JSON.stringify(doc)}\n`);
    await file.datasync();
  } finally {
    await file.close();
  }
}

export interface NewAnchor {
  service: string;
  store: StoreIdentity;
  /** Every stream's head now, in any order. */
  heads: readonly StreamHead[];
  /** The chain so far (nothing anchored yet: a full anchor). */
  ledger: AnchorLedger;
  reason: AnchorReason;
  key: CityKey | null;
  now: Date;
}

/** The next anchor of the ledger's chain: every head when it is the first, else those that changed. */
export function buildAnchor(input: NewAnchor): AnchorDocument {
  const sorted = sortHeads(input.heads);
  const full = input.ledger.latest === null;
  const changed = full
    ? sorted
    : sorted.filter((h) => {
        const was = input.ledger.view.get(h.stream);
        return !was || was.revision !== h.revision || was.hash !== h.hash;
      });
  const unsigned: AnchorDocument = {
    kind: 'kinerja.audit.anchor',
    version: 1,
    service: input.service,
    store: input.store,
    sequence: input.ledger.latest ? input.ledger.latest.sequence + 1 : 0,
    previous: input.ledger.latestId,
    anchoredAt: input.now.toISOString(),
    reason: input.reason,
    streams: sorted.length,
    events: sorted.reduce((sum, h) => sum + h.revision + 1, 0),
    merkleRoot: merkleRoot(sorted),
    full,
    heads: changed.map((h) => [h.stream, h.revision, h.hash]),
    publicKey: input.key?.publicKeyPem ?? null,
    signature: null,
  };
  if (!input.key) return unsigned;
  const { signature: _none, ...rest } = unsigned;
  return signDocument(rest, input.key) as AnchorDocument;
}

/** The stored hash at each (stream, revision), null where there is no such event. */
export async function hashesAt(pool: Pool, schema: string, heads: readonly (readonly [string, number])[]): Promise<(string | null)[]> {
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
 * Whether the store still holds what the anchors recorded: for each stream the highest anchored
 * head must still be there with its hash (the chains, verified separately, then vouch for every
 * earlier event). `current` is each stream's head revision now.
 */
export async function anchoredHeadsHold(
  pool: Pool,
  schema: string,
  anchored: ReadonlyMap<string, AnchoredHead>,
  current: ReadonlyMap<string, number>,
): Promise<AuditFinding[]> {
  const list = [...anchored];
  const now = await hashesAt(
    pool,
    schema,
    list.map(([stream, h]) => [stream, h.revision] as const),
  );
  const findings: AuditFinding[] = [];
  list.forEach(([stream, h], i) => {
    const anchor = { sequence: h.sequence, anchoredAt: h.anchoredAt };
    const found = now[i];
    if (found === h.hash) return;
    if (found === null) {
      const head = current.get(stream);
      findings.push({
        code: 'ANCHOR_TRUNCATED',
        stream,
        revision: h.revision,
        anchor,
        expected: `revision ${h.revision} with hash ${h.hash}`,
        found: head === undefined ? 'absent' : `the stream ends at revision ${head}`,
        detail:
          `anchor #${h.sequence} of ${h.anchoredAt} holds ${stream}@${h.revision} (hash ${h.hash}); ` +
          (head === undefined ? 'the store has no event of this stream' : `the stream now ends at revision ${head}`),
      });
    } else {
      findings.push({
        code: 'ANCHOR_REWRITTEN',
        stream,
        revision: h.revision,
        anchor,
        expected: h.hash,
        found,
        detail: `anchor #${h.sequence} of ${h.anchoredAt} holds ${stream}@${h.revision} with hash ${h.hash}; the store has hash ${found} there`,
      });
    }
  });
  return findings;
}
