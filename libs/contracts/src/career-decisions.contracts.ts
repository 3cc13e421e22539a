import { defineContract, EventsOf } from './contract';
import { object } from './schema-types';

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

const NIP = { type: 'string', pattern: '^[0-9]{18}$', description: 'Nomor Induk Pegawai (18 digits)' } as const;
const ID = { type: 'string', minLength: 1, maxLength: 200 } as const;
const TIME = { type: 'string', format: 'date-time' } as const;
const DATE = { type: 'string', format: 'date' } as const;
const KIND = {
  enum: ['KENAIKAN_PANGKAT', 'KGB_PPPK', 'KENAIKAN_GAJI_ISTIMEWA_PPPK', 'PENGHARGAAN', 'PROMOSI', 'ROTASI', 'DEMOSI', 'PENEMPATAN_SEMENTARA', 'PEMBERHENTIAN_DENGAN_HORMAT'],
} as const;


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
      placement: { anyOf: [{ type: 'null' }, object({ positionId: ID, until: { anyOf: [DATE, { type: 'null' }] } })], description: 'For PROMOSI, ROTASI, DEMOSI and PENEMPATAN_SEMENTARA: the post, and the last day of a temporary one.' },
      factIds: { type: 'array', items: ID },
      issue: { type: 'integer', minimum: 1 },
      replacedFactId: { anyOf: [ID, { type: 'null' }], description: 'On a re-issue, the fact that changed.' },
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
      wasIssued: { type: 'boolean', description: 'False when the decision was revoked before it was issued.' },
      reason: { type: 'string', minLength: 1, maxLength: 2000 },
      changedFactId: ID,
      revokedAt: TIME,
    }),
  }),
  defineContract({
    type: 'MentoringSessionRecorded.v1',
    service: 'career-decisions',
    keyField: 'nip',
    description:
      "A session of a mentoring relation was recorded (issue 19), keyed by the mentor's NIP (`nip`): evidence for the mentor's BerAKHLAK (the core values practised), and development time for the mentee. `factId` is the session's fact id.",
    schema: object({
      factId: ID,
      relationId: ID,
      sessionId: ID,
      nip: { ...NIP, description: 'The mentor' },
      mentorAgencyId: ID,
      menteeNip: NIP,
      menteeAgencyId: ID,
      date: DATE,
      minutes: { type: 'integer', minimum: 1, maximum: 1440 },
      topic: { type: 'string', minLength: 1, maxLength: 300 },
      coreValues: { type: 'array', items: { enum: ['BERORIENTASI_PELAYANAN', 'AKUNTABEL', 'KOMPETEN', 'HARMONIS', 'LOYAL', 'ADAPTIF', 'KOLABORATIF'] }, description: 'BerAKHLAK core values the mentor practised' },
      recordedAt: TIME,
    }),
  }),
] as const;

/** Event type → its data, derived from the schemas above (the single source). */
export type CareerDecisionsEvents = EventsOf<typeof careerDecisionsContracts>;
export type DecisionIssuedV1 = CareerDecisionsEvents['DecisionIssued.v1'];
export type DecisionRevokedV1 = CareerDecisionsEvents['DecisionRevoked.v1'];
export type MentoringSessionRecordedV1 = CareerDecisionsEvents['MentoringSessionRecorded.v1'];
