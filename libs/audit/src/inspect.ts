import { ChainBreak, eventHash, PostgresEventRow, PostgresEventStore } from '@kinerja/event-store';
import { AnchorDocument, hashesAt } from './anchor';
import { readHeads } from './digest';
import { AuditFinding, findingOfBreak } from './findings';
import { merkleRoot, sortHeads, StreamHead } from './merkle';

/** One event with its place in its stream's hash chain, and what a verification of that chain says about it. */
export interface EventInChain {
  stream: string;
  revision: number;
  /** The global position (decimal text). */
  position: string;
  id: string;
  type: string;
  recordedAt: string;
  occurredAt: string | null;
  actor: { id: string | null; role: string | null };
  ruleSetVersion: string | null;
  data: unknown;
  metadata: Record<string, unknown>;
  /** The hash scheme (2 covers the position and the writing transaction as well). */
  scheme: number;
  /** As stored. */
  hash: string;
  previousHash: string | null;
  /** SHA-256 over the RFC 8785 canonical JSON of the stored fields, computed now. */
  recomputedHash: string;
  /** The stored hash of the revision before (null for the first event, or when that event is gone). */
  previousEventHash: string | null;
  /** The next revision's `previousHash` (null for the head). */
  nextPreviousHash: string | null;
  /** The stream's last revision now. */
  headRevision: number;
  /** This event's own checks: its content gives its hash, it links to the event before it, and the next one links to it. */
  checks: { hashMatches: boolean; linksToPrevious: boolean; linkedFromNext: boolean | null };
  /** The whole stream's chain verified now: every break, this event's or another's. */
  chain: { ok: boolean; events: number; breaks: ChainBreak[] };
}

type EventRow = PostgresEventRow & { hash_scheme: number };

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** The event at `stream`@`revision` with its neighbours' hashes and its stream's chain verified; null when there is none. */
export async function inspectEvent(store: PostgresEventStore, stream: string, revision: number): Promise<EventInChain | null> {
  const { rows } = await store.pool.query<EventRow>(
    `SELECT id, stream, revision::text AS revision, position::text AS position, transaction_id::text AS transaction_id, type, data, metadata,
            recorded_at, hash, previous_hash, hash_scheme
       FROM "${store.schema}".events WHERE stream = $1 AND revision BETWEEN $2 - 1 AND $2 + 1 ORDER BY revision`,
    [stream, revision],
  );
  const row = rows.find((r) => Number(r.revision) === revision);
  if (!row) return null;
  const before = rows.find((r) => Number(r.revision) === revision - 1) ?? null;
  const after = rows.find((r) => Number(r.revision) === revision + 1) ?? null;
  const scheme = Number(row.hash_scheme) === 2 ? 2 : 1;
  const recomputedHash = eventHash({
    scheme,
    ...(scheme === 2 ? { position: row.position, transactionId: row.transaction_id } : {}),
    id: row.id,
    stream: row.stream,
    revision,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at.toISOString(),
    previousHash: row.previous_hash,
  });
  const chain = await store.verifyChains(stream);
  const { rows: head } = await store.pool.query<{ revision: string }>(`SELECT max(revision)::text AS revision FROM "${store.schema}".events WHERE stream = $1`, [stream]);
  const m = row.metadata ?? {};
  const previousEventHash = before?.hash ?? null;
  return {
    stream,
    revision,
    position: row.position,
    id: row.id,
    type: row.type,
    recordedAt: row.recorded_at.toISOString(),
    occurredAt: text(m.occurredAt),
    actor: { id: text(m.actorId), role: text(m.actorRole) },
    ruleSetVersion: text(m.ruleSetVersion),
    data: row.data,
    metadata: m,
    scheme,
    hash: row.hash,
    previousHash: row.previous_hash,
    recomputedHash,
    previousEventHash,
    nextPreviousHash: after?.previous_hash ?? null,
    headRevision: Number(head[0].revision),
    checks: {
      hashMatches: recomputedHash === row.hash,
      linksToPrevious: revision === 0 ? row.previous_hash === null : before !== null && row.previous_hash === before.hash,
      linkedFromNext: after === null ? null : after.previous_hash === row.hash,
    },
    chain: { ok: chain.ok, events: chain.events, breaks: chain.breaks },
  };
}

/** One anchor (a signed digest kept outside the database), without its heads. */
export interface AnchorSummary {
  sequence: number;
  anchoredAt: string;
  reason: AnchorDocument['reason'];
  merkleRoot: string;
  streams: number;
  events: number;
  /** Heads listed in it: every stream for the first (`full`), then those that changed. */
  changedStreams: number;
  full: boolean;
  signed: boolean;
  signature: string | null;
  publicKey: string | null;
  /** SHA-256 of the signed text of the anchor before it. */
  previous: string | null;
}

export function summariseAnchor(doc: AnchorDocument): AnchorSummary {
  return {
    sequence: doc.sequence,
    anchoredAt: doc.anchoredAt,
    reason: doc.reason,
    merkleRoot: doc.merkleRoot,
    streams: doc.streams,
    events: doc.events,
    changedStreams: doc.heads.length,
    full: doc.full,
    signed: doc.signature !== null,
    signature: doc.signature,
    publicKey: doc.publicKey,
    previous: doc.previous,
  };
}

/**
 * A store's anchors in order, to replay the heads any of them recorded. Keeps at most `keep` anchors
 * whole; older ones are folded into `base` (the heads as of the oldest kept anchor's predecessor),
 * so that a process without an anchor file holds a bounded amount.
 */
export class AnchorHistory {
  private readonly base = new Map<string, StreamHead>();
  private readonly kept: AnchorDocument[] = [];
  /** Anchors folded into `base`: their summaries are gone. */
  folded = 0;

  constructor(private readonly keep = Number.POSITIVE_INFINITY) {}

  add(doc: AnchorDocument): void {
    this.kept.push(doc);
    while (this.kept.length > this.keep) {
      const old = this.kept.shift()!;
      for (const [stream, revision, hash] of old.heads) this.base.set(stream, { stream, revision, hash });
      this.folded++;
    }
  }

  /** Newest first. */
  summaries(): AnchorSummary[] {
    return this.kept.map(summariseAnchor).reverse();
  }

  /** The heads as anchor `sequence` recorded them (its chain replayed up to it); null when it is not kept. */
  headsAt(sequence: number): { anchor: AnchorDocument; heads: StreamHead[] } | null {
    const view = new Map(this.base);
    for (const doc of this.kept) {
      for (const [stream, revision, hash] of doc.heads) view.set(stream, { stream, revision, hash });
      if (doc.sequence === sequence) return { anchor: doc, heads: sortHeads([...view.values()]) };
    }
    return null;
  }
}

/** A stream whose earlier head is no longer what the store holds at that revision. */
export interface ConsistencyMismatch {
  stream: string;
  revision: number;
  recorded: string;
  /** The hash at that revision now; null when the event is gone. */
  now: string | null;
}

/**
 * The proof that nothing recorded before an earlier digest changed since: each of its heads is
 * still in the store with the same hash (so its Merkle root recomputed from the store is the one
 * signed), and every chain verifies now (so each head vouches for every earlier event of its
 * stream). What was appended since only extends the streams, or adds new ones.
 */
export interface ConsistencyProof {
  from: { merkleRoot: string; streams: number; events: number };
  /** The earlier root recomputed from the hashes the store holds now at the earlier heads. */
  recomputedRoot: string;
  to: { merkleRoot: string; streams: number; events: number };
  /** Streams that grew since, and streams that are new. */
  extendedStreams: number;
  newStreams: number;
  mismatches: ConsistencyMismatch[];
  /** Every chain of the store verified now. */
  chains: { ok: boolean; findings: AuditFinding[] };
  /** Nothing before the earlier digest was altered, removed or reordered. */
  consistent: boolean;
}

export async function consistencyProof(store: PostgresEventStore, earlier: { merkleRoot: string; heads: readonly StreamHead[] }): Promise<ConsistencyProof> {
  const nowHeads = await readHeads(store.pool, store.schema);
  const hashes = await hashesAt(
    store.pool,
    store.schema,
    earlier.heads.map((h) => [h.stream, h.revision] as const),
  );
  const mismatches: ConsistencyMismatch[] = [];
  earlier.heads.forEach((h, i) => {
    if (hashes[i] !== h.hash) mismatches.push({ stream: h.stream, revision: h.revision, recorded: h.hash, now: hashes[i] });
  });
  const recomputedRoot = merkleRoot(earlier.heads.map((h, i) => ({ ...h, hash: hashes[i] ?? '' })));
  const was = new Map(earlier.heads.map((h) => [h.stream, h.revision]));
  const verified = await store.verifyChains();
  const count = (heads: readonly StreamHead[]) => heads.reduce((sum, h) => sum + h.revision + 1, 0);
  return {
    from: { merkleRoot: earlier.merkleRoot, streams: earlier.heads.length, events: count(earlier.heads) },
    recomputedRoot,
    to: { merkleRoot: merkleRoot(nowHeads), streams: nowHeads.length, events: count(nowHeads) },
    extendedStreams: nowHeads.filter((h) => was.has(h.stream) && h.revision > was.get(h.stream)!).length,
    newStreams: nowHeads.filter((h) => !was.has(h.stream)).length,
    mismatches,
    chains: { ok: verified.ok, findings: verified.breaks.map(findingOfBreak) },
    consistent: mismatches.length === 0 && recomputedRoot === earlier.merkleRoot && verified.ok,
  };
}
