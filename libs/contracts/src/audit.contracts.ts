import { defineSharedContract, EventsOf } from './contract';
import { object } from './schema-types';

/**
 * `AuditAnchored.v1`, published by every event-sourced service on its own topic: a signed digest of
 * its event store (the RFC 6962 Merkle root over the stream heads, the heads, the counts), so that a
 * truncated or rewritten history is found later by comparing the store with the anchors kept outside
 * it. One anchor may come in several messages (`part` of `parts`, same `anchorId`), each carrying a
 * slice of the heads: concatenated in part order they are the anchor's `heads`.
 *
 * The signed anchor document is this data without `anchorId`, `part` and `parts`, with every part's
 * heads concatenated; `signature` is Ed25519 (base64) over the RFC 8785 canonical JSON of that
 * document without `signature`, by the city's key (`publicKey`, SPKI PEM; both null when the
 * service has no signing key). `anchorId` is the SHA-256 (hex) of that canonical text, and
 * `previous` the `anchorId` of the anchor before it of the same store (null for the first).
 * `full`: the heads are every stream's; otherwise only those that changed since `previous`.
 */

/** [stream, revision, hash]: a stream's last event. */
export type AnchoredHeadV1 = [string, number, string];

const HEX64 = { type: 'string', pattern: '^[0-9a-f]{64}$' } as const;
const COUNT = { type: 'integer', minimum: 0 } as const;

export const auditContracts = [
  defineSharedContract({
    type: 'AuditAnchored.v1',
    keyField: 'service',
    description:
      "A service signed a digest of its event store (Merkle root over the stream heads, the heads, the event count) and published it outside its database. Reassemble the parts of one anchorId, check the signature with the city's public key, keep the anchors: a later verification compares the store with them.",
    schema: object({
      kind: { const: 'kinerja.audit.anchor' },
      version: { const: 1 },
      service: { type: 'string', minLength: 1, maxLength: 100 },
      store: object({
        database: { type: 'string', minLength: 1 },
        databaseOid: { type: 'string', pattern: '^[0-9]+$' },
        cluster: { anyOf: [{ type: 'string', pattern: '^[0-9]+$' }, { type: 'null' }] },
        schema: { type: 'string', pattern: '^[a-z_][a-z0-9_]{0,62}$' },
      }),
      sequence: COUNT,
      previous: { anyOf: [HEX64, { type: 'null' }] },
      anchoredAt: { type: 'string', format: 'date-time' },
      reason: { enum: ['startup', 'periodic', 'shutdown'] },
      streams: COUNT,
      events: COUNT,
      merkleRoot: HEX64,
      full: { type: 'boolean' },
      heads: {
        type: 'array',
        items: {
          type: 'array',
          items: [{ type: 'string', minLength: 1 }, COUNT, HEX64],
          minItems: 3,
          maxItems: 3,
          additionalItems: false,
        },
      },
      publicKey: { anyOf: [{ type: 'string', minLength: 1 }, { type: 'null' }] },
      signature: { anyOf: [{ type: 'string', minLength: 1 }, { type: 'null' }] },
      anchorId: HEX64,
      part: { type: 'integer', minimum: 1 },
      parts: { type: 'integer', minimum: 1 },
    }),
  }),
] as const;

/** Event type → its data, derived from the schemas above (the single source). */
export type AuditEvents = EventsOf<typeof auditContracts>;
export type AuditAnchoredV1 = AuditEvents['AuditAnchored.v1'];
