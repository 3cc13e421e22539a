import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { ChainBreak, EventMetadata } from './event-store.port';

/**
 * Hash schemes. 1: the fields below without the global order (events written before scheme 2).
 * 2: also `position` and `transactionId`, which the PostgreSQL store draws inside the append's
 * transaction and so can hash there; without them, swapping two events' positions would pass.
 */
export type HashScheme = 1 | 2;

/** The fields that an event's hash covers (docs/design.md §4). */
export interface HashedFields {
  /** Default 1. */
  scheme?: HashScheme;
  /** Scheme 2: the global position and the writing transaction's id (`xid8`), decimal text. */
  position?: string;
  transactionId?: string;
  id: string;
  stream: string;
  revision: number;
  type: string;
  data: unknown;
  metadata: EventMetadata;
  /** ISO 8601 with milliseconds, UTC (`Date.prototype.toISOString`). */
  recordedAt: string;
  previousHash: string | null;
}

/**
 * RFC 8785 canonical JSON of the hashed fields. Keys sort as data, id, metadata, previousHash,
 * recordedAt, revision, stream, type; scheme 2 adds position (before previousHash) and
 * transactionId (before type), both as decimal strings.
 */
export function canonicalEventText(fields: HashedFields): string {
  const order =
    (fields.scheme ?? 1) === 2
      ? { position: required(fields.position, 'position'), transactionId: required(fields.transactionId, 'transactionId') }
      : {};
  const text = canonicalize({
    id: fields.id,
    stream: fields.stream,
    revision: fields.revision,
    type: fields.type,
    data: fields.data,
    metadata: fields.metadata,
    recordedAt: fields.recordedAt,
    previousHash: fields.previousHash,
    ...order,
  });
  if (text === undefined) throw new Error('Event fields are not JSON-serialisable');
  return text;
}

function required(value: string | undefined, name: string): string {
  if (value === undefined) throw new Error(`Hash scheme 2 needs ${name}`);
  return value;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function eventHash(fields: HashedFields): string {
  return sha256Hex(canonicalEventText(fields));
}

/** What a chain verifier needs of each stored event, in revision order per stream. */
export interface StoredChainEvent extends HashedFields {
  hash: string;
}

/**
 * Walks one stream's events (in stored revision order) and reports every break: a revision that
 * does not follow the previous one, a `previousHash` that is not the previous event's hash, a hash
 * that does not match the stored fields and, where the store gives them (`position`,
 * `transactionId`, `scheme`), what its design makes impossible: positions not strictly increasing
 * along the stream, a transaction whose events in the stream are not contiguous, and a hash scheme
 * older than the previous event's.
 */
export class ChainChecker {
  readonly breaks: ChainBreak[] = [];
  events = 0;
  streams = 0;
  private stream: string | null = null;
  private lastRevision = -1;
  private lastHash: string | null = null;
  private lastPosition: bigint | null = null;
  private lastTransaction: string | null = null;
  private lastScheme = 1;
  /** Transactions of this stream before the last one. */
  private earlierTransactions = new Set<string>();

  add(event: StoredChainEvent): void {
    if (event.stream !== this.stream) {
      this.stream = event.stream;
      this.lastRevision = -1;
      this.lastHash = null;
      this.lastPosition = null;
      this.lastTransaction = null;
      this.lastScheme = 1;
      this.earlierTransactions = new Set();
      this.streams++;
    }
    this.events++;
    const broken = (reason: ChainBreak['reason'], detail: string) => this.breaks.push({ stream: event.stream, revision: event.revision, reason, detail });
    if (event.revision !== this.lastRevision + 1) {
      broken('revision_gap', `revision ${event.revision} follows revision ${this.lastRevision}`);
    }
    if (event.previousHash !== this.lastHash) {
      broken('broken_link', `previousHash ${String(event.previousHash)} but the previous event's hash is ${String(this.lastHash)}`);
    }
    const recomputed = eventHash(event);
    if (recomputed !== event.hash) {
      broken('hash_mismatch', `stored hash ${event.hash}, recomputed ${recomputed} (hash scheme ${event.scheme ?? 1})`);
    }
    const scheme = event.scheme ?? 1;
    if (scheme < this.lastScheme) {
      broken('scheme_downgrade', `hash scheme ${scheme} after scheme ${this.lastScheme} at revision ${this.lastRevision}`);
    }
    if (event.position !== undefined) {
      const position = BigInt(event.position);
      if (this.lastPosition !== null && position <= this.lastPosition) {
        broken('position_order', `position ${position} is not after position ${this.lastPosition} of revision ${this.lastRevision}`);
      }
      this.lastPosition = position;
    }
    if (event.transactionId !== undefined) {
      if (event.transactionId !== this.lastTransaction) {
        if (this.earlierTransactions.has(event.transactionId)) {
          broken('transaction_order', `transaction ${event.transactionId} wrote earlier revisions of the stream, then transaction ${String(this.lastTransaction)} came between`);
        }
        if (this.lastTransaction !== null) this.earlierTransactions.add(this.lastTransaction);
        this.lastTransaction = event.transactionId;
      }
    }
    this.lastScheme = Math.max(this.lastScheme, scheme);
    this.lastRevision = event.revision;
    this.lastHash = event.hash;
  }

  /**
   * Compares what the store says a stream's head is (its current revision and last hash; null when
   * the store has no head for it) with the last event walked for that stream, if any.
   */
  checkHead(stream: string, headRevision: number | null, headHash: string | null): void {
    const seen = this.stream === stream;
    const lastRevision = seen ? this.lastRevision : -1;
    const lastHash = seen ? this.lastHash : null;
    if (!seen) this.streams++;
    if (headRevision === null) {
      this.breaks.push({
        stream,
        revision: lastRevision,
        reason: 'broken_link',
        detail: 'the stream has events but no head record',
      });
    } else if (headRevision !== lastRevision) {
      this.breaks.push({
        stream,
        revision: lastRevision + 1,
        reason: 'revision_gap',
        detail: `the stream's head is revision ${headRevision}, the last stored event is revision ${lastRevision}`,
      });
    } else if (headHash !== null && headHash !== lastHash) {
      this.breaks.push({
        stream,
        revision: lastRevision,
        reason: 'broken_link',
        detail: `the stream's head hash is ${headHash}, the last stored event's hash is ${String(lastHash)}`,
      });
    }
  }
}
