import { defineContract } from './contract';

/**
 * Public events of `career-decisions` on `kinerja.career-decisions.v1`, keyed by the employee's NIP.
 * A decision is issued after the PPK (or its delegate) approved it, with the facts (public event
 * ids, or `legacy:<nip>:<year>` for imported history) it rests on; when one of those facts changes
 * the decision is re-issued (`issue` > 1, new facts) or revoked. Placement kinds carry the post,
 * for work planning to apply.
 */

export type DecisionKindV1 =
  | 'KENAIKAN_PANGKAT'
  | 'KGB_PPPK'
  | 'KENAIKAN_GAJI_ISTIMEWA_PPPK'
  | 'PENGHARGAAN'
  | 'PROMOSI'
  | 'ROTASI'
  | 'DEMOSI'
  | 'PENEMPATAN_SEMENTARA'
  | 'PEMBERHENTIAN_DENGAN_HORMAT';

export interface DecisionIssuedV1 {
  decisionId: string;
  kind: DecisionKindV1;
  nip: string;
  agencyId: string;
  effectiveDate: string;
  /** For PROMOSI, ROTASI, DEMOSI and PENEMPATAN_SEMENTARA: the post, and the last day of a temporary one. */
  placement: { positionId: string; until: string | null } | null;
  factIds: string[];
  issue: number;
  /** On a re-issue, the fact that changed. */
  replacedFactId: string | null;
  issuedAt: string;
}

export interface DecisionRevokedV1 {
  decisionId: string;
  kind: DecisionKindV1;
  nip: string;
  agencyId: string;
  /** False when the decision was revoked before it was issued. */
  wasIssued: boolean;
  reason: string;
  changedFactId: string;
  revokedAt: string;
}

const NIP = { type: 'string', pattern: '^[0-9]{18}$', description: 'Nomor Induk Pegawai (18 digits)' };
const ID = { type: 'string', minLength: 1, maxLength: 200 };
const TIME = { type: 'string', format: 'date-time' };
const DATE = { type: 'string', format: 'date' };
const KIND = {
  enum: ['KENAIKAN_PANGKAT', 'KGB_PPPK', 'KENAIKAN_GAJI_ISTIMEWA_PPPK', 'PENGHARGAAN', 'PROMOSI', 'ROTASI', 'DEMOSI', 'PENEMPATAN_SEMENTARA', 'PEMBERHENTIAN_DENGAN_HORMAT'],
};

const object = (properties: Record<string, unknown>) => ({ type: 'object', required: Object.keys(properties), properties });

export const careerDecisionsContracts = [
  defineContract({
    type: 'DecisionIssued.v1',
    service: 'career-decisions',
    keyField: 'nip',
    description: 'A career decision approved by the PPK or its delegate was issued, or re-issued on changed facts.',
    schema: object({
      decisionId: ID,
      kind: KIND,
      nip: NIP,
      agencyId: ID,
      effectiveDate: DATE,
      placement: { anyOf: [{ type: 'null' }, object({ positionId: ID, until: { anyOf: [DATE, { type: 'null' }] } })] },
      factIds: { type: 'array', items: ID },
      issue: { type: 'integer', minimum: 1 },
      replacedFactId: { anyOf: [ID, { type: 'null' }] },
      issuedAt: TIME,
    }),
  }),
  defineContract({
    type: 'DecisionRevoked.v1',
    service: 'career-decisions',
    keyField: 'nip',
    description: 'A career decision was revoked because a fact it rested on changed and it no longer holds.',
    schema: object({
      decisionId: ID,
      kind: KIND,
      nip: NIP,
      agencyId: ID,
      wasIssued: { type: 'boolean' },
      reason: { type: 'string', minLength: 1, maxLength: 2000 },
      changedFactId: ID,
      revokedAt: TIME,
    }),
  }),
] as const;

export interface CareerDecisionsEvents {
  'DecisionIssued.v1': DecisionIssuedV1;
  'DecisionRevoked.v1': DecisionRevokedV1;
}
