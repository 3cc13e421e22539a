import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { ChainBreak, EventMetadata } from './event-store.port';

/** The fields that an event's hash covers (docs/design.md §4). */
export interface HashedFields {
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
 * RFC 8785 canonical JSON of the hashed fields. Keys sort as
 * data, id, metadata, previousHash, recordedAt, revision, stream, type.
 */
export function canonicalEventText(fields: HashedFields): string {
  const text = canonicalize({
    id: fields.id,
    stream: fields.stream,
    revision: fields.revision,
    type: fields.type,
    data: fields.data,
    metadata: fields.metadata,
    recordedAt: fields.recordedAt,
    previousHash: fields.previousHash,
  });
  if (text === undefined) throw new Error('Event fields are not JSON-serialisable');
  return text;
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
 * does not follow the previous one, a `previousHash` that is not the previous event's hash, and a
 * hash that does not match the stored fields.
 */
export class ChainChecker {
  readonly breaks: ChainBreak[] = [];
  events = 0;
  streams = 0;
  private stream: string | null = null;
  private lastRevision = -1;
  private lastHash: string | null = null;

  add(event: StoredChainEvent): void {
    if (event.stream !== this.stream) {
      this.stream = event.stream;
      this.lastRevision = -1;
      this.lastHash = null;
      this.streams++;
    }
    this.events++;
    if (event.revision !== this.lastRevision + 1) {
      this.breaks.push({
        stream: event.stream,
        revision: event.revision,
        reason: 'revision_gap',
        detail: `revision ${event.revision} follows revision ${this.lastRevision}`,
      });
    }
    if (event.previousHash !== this.lastHash) {
      this.breaks.push({
        stream: event.stream,
        revision: event.revision,
        reason: 'broken_link',
        detail: `previousHash ${String(event.previousHash)} but the previous event's hash is ${String(this.lastHash)}`,
      });
    }
    const recomputed = eventHash(event);
    if (recomputed !== event.hash) {
      this.breaks.push({
        stream: event.stream,
        revision: event.revision,
        reason: 'hash_mismatch',
        detail: `stored hash ${event.hash}, recomputed ${recomputed}`,
      });
    }
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
