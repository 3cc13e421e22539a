import { defineContract } from './contract';
import { PERIOD_ID_DESCRIPTION } from './period';

/**
 * Public events of `feedback-intake` on `kinerja.feedback-intake.v1`. None carries a citizen's
 * personal data: no contact details, no contact reference, no tracking code, and no free text a
 * citizen wrote (a comment or a complaint may name people).
 */

export interface FeedbackReceivedV1 {
  feedbackId: string;
  agencyId: string;
  unitId: string;
  counterId?: string;
  /** NIP of the employee the citizen named, if any. */
  employeeId?: string;
  /** SKM perception scale 1–4. */
  rating: 1 | 2 | 3 | 4;
  channel: 'WEB_FORM' | 'QR_COUNTER' | 'KIOSK' | 'FORWARDED_MESSAGE';
  hasComment: boolean;
  receivedAt: string;
}

export interface ComplaintResolvedV1 {
  complaintId: string;
  unitId: string;
  category: string;
  resolvedAt: string;
  /** False when resolved on or after the SLA deadline. */
  withinSla: boolean;
}

export interface ComplaintSlaBreachedV1 {
  complaintId: string;
  unitId: string;
  category: string;
  dueAt: string;
  detectedAt: string;
}

export interface IkmComputedV1 {
  unitId: string;
  agencyId: string;
  periodId: string;
  /** 1 when the period closed; +1 for each recomputation (late answers, a changed rule set). */
  revision: number;
  trigger: 'PERIOD_CLOSED' | 'LATE_RESPONSE' | 'RULE_SET_CHANGED';
  /** Rounded to two decimals before grading, e.g. "76.61". */
  ikm: string;
  grade: 'A' | 'B' | 'C' | 'D';
  label: string;
  respondentCount: number;
  /** The weight per unsur used: "1/9" or a decimal such as "0.111". */
  weight: string;
  ruleSetVersion: string;
  computedAt: string;
}

export interface ContinuousFeedbackGivenV1 {
  feedbackId: string;
  /** The employee who received the feedback. */
  nip: string;
  agencyId: string;
  periodId: string;
  giverNip: string;
  source: 'PEJABAT_PENILAI' | 'PEER' | 'DIRECT_SUBORDINATE';
  topic: { kind: 'RHK'; rhkId: string } | { kind: 'BERAKHLAK'; value: string };
  evidenceCount: number;
  givenAt: string;
}

const ID = { type: 'string', minLength: 1, maxLength: 100 };
const NIP = { type: 'string', pattern: '^[0-9]{18}$', description: 'Nomor Induk Pegawai (18 digits)' };
const INSTANT = { type: 'string', format: 'date-time' };

export const feedbackIntakeContracts = [
  defineContract({
    type: 'FeedbackReceived.v1',
    service: 'feedback-intake',
    keyField: 'unitId',
    description: 'A citizen rated a service unit (1–4), optionally naming a counter or an employee. No personal data, no comment text.',
    schema: {
      type: 'object',
      required: ['feedbackId', 'agencyId', 'unitId', 'rating', 'channel', 'hasComment', 'receivedAt'],
      properties: {
        feedbackId: ID,
        agencyId: ID,
        unitId: ID,
        counterId: ID,
        employeeId: ID,
        rating: { type: 'integer', minimum: 1, maximum: 4 },
        channel: { enum: ['WEB_FORM', 'QR_COUNTER', 'KIOSK', 'FORWARDED_MESSAGE'] },
        hasComment: { type: 'boolean' },
        receivedAt: INSTANT,
      },
    },
  }),
  defineContract({
    type: 'ComplaintResolved.v1',
    service: 'feedback-intake',
    keyField: 'complaintId',
    description: 'A complaint (pengaduan) was resolved by the unit it was assigned to.',
    schema: {
      type: 'object',
      required: ['complaintId', 'unitId', 'category', 'resolvedAt', 'withinSla'],
      properties: { complaintId: ID, unitId: ID, category: ID, resolvedAt: INSTANT, withinSla: { type: 'boolean' } },
    },
  }),
  defineContract({
    type: 'ComplaintSlaBreached.v1',
    service: 'feedback-intake',
    keyField: 'complaintId',
    description: 'A complaint passed its SLA deadline (working days in the city calendar) while open. Once per deadline.',
    schema: {
      type: 'object',
      required: ['complaintId', 'unitId', 'category', 'dueAt', 'detectedAt'],
      properties: { complaintId: ID, unitId: ID, category: ID, dueAt: INSTANT, detectedAt: INSTANT },
    },
  }),
  defineContract({
    type: 'IkmComputed.v1',
    service: 'feedback-intake',
    keyField: 'unitId',
    description: 'The IKM (PermenPANRB 14/2017) of a unit for a survey period, computed at closing or recomputed.',
    schema: {
      type: 'object',
      required: ['unitId', 'agencyId', 'periodId', 'revision', 'trigger', 'ikm', 'grade', 'label', 'respondentCount', 'weight', 'ruleSetVersion', 'computedAt'],
      properties: {
        unitId: ID,
        agencyId: ID,
        periodId: { ...ID, description: PERIOD_ID_DESCRIPTION },
        revision: { type: 'integer', minimum: 1 },
        trigger: { enum: ['PERIOD_CLOSED', 'LATE_RESPONSE', 'RULE_SET_CHANGED'] },
        ikm: { type: 'string', pattern: '^[0-9]{1,3}\\.[0-9]{2}$' },
        grade: { enum: ['A', 'B', 'C', 'D'] },
        label: { type: 'string', minLength: 1, maxLength: 50 },
        respondentCount: { type: 'integer', minimum: 1 },
        weight: { type: 'string', minLength: 1, maxLength: 20 },
        ruleSetVersion: { type: 'string', minLength: 1, maxLength: 200 },
        computedAt: INSTANT,
      },
    },
  }),
  defineContract({
    type: 'ContinuousFeedbackGiven.v1',
    service: 'feedback-intake',
    keyField: 'nip',
    description: 'Umpan balik berkelanjutan was given to an employee on an RHK or a BerAKHLAK value. The content stays in feedback-intake.',
    schema: {
      type: 'object',
      required: ['feedbackId', 'nip', 'agencyId', 'periodId', 'giverNip', 'source', 'topic', 'evidenceCount', 'givenAt'],
      properties: {
        feedbackId: ID,
        nip: NIP,
        agencyId: ID,
        periodId: { ...ID, description: PERIOD_ID_DESCRIPTION },
        giverNip: NIP,
        source: { enum: ['PEJABAT_PENILAI', 'PEER', 'DIRECT_SUBORDINATE'] },
        topic: {
          type: 'object',
          required: ['kind'],
          properties: { kind: { enum: ['RHK', 'BERAKHLAK'] }, rhkId: ID, value: { type: 'string', minLength: 1, maxLength: 50 } },
        },
        evidenceCount: { type: 'integer', minimum: 0 },
        givenAt: INSTANT,
      },
    },
  }),
] as const;

export interface FeedbackIntakeEvents {
  'FeedbackReceived.v1': FeedbackReceivedV1;
  'ComplaintResolved.v1': ComplaintResolvedV1;
  'ComplaintSlaBreached.v1': ComplaintSlaBreachedV1;
  'IkmComputed.v1': IkmComputedV1;
  'ContinuousFeedbackGiven.v1': ContinuousFeedbackGivenV1;
}
