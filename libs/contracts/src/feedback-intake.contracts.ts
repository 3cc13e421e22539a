import { defineContract, EventsOf } from './contract';
import { PERIOD_ID_DESCRIPTION } from './period';
import { object } from './schema-types';
import { BERAKHLAK_VALUES } from './vocabulary';

/**
 * Public events of `feedback-intake` on `kinerja.feedback-intake.v1`. None carries a citizen's
 * personal data: no contact details, no contact reference, no tracking code, and no free text a
 * citizen wrote (a comment or a complaint may name people).
 */

const ID = { type: 'string', minLength: 1, maxLength: 100 } as const;
const NIP = { type: 'string', pattern: '^[0-9]{18}$', description: 'Nomor Induk Pegawai (18 digits)' } as const;
const INSTANT = { type: 'string', format: 'date-time' } as const;

/** A completed application as the agency's system reports it and as it is published once judged. */
const SERVICE_RECORD = { sourceId: ID, serviceCode: ID, unitId: ID, officerNip: NIP, receivedAt: INSTANT, completedAt: INSTANT } as const;

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
        employeeId: { ...ID, description: 'NIP of the employee the citizen named, if any.' },
        rating: { enum: [1, 2, 3, 4], description: 'SKM perception scale 1–4.' },
        channel: { enum: ['WEB_FORM', 'QR_COUNTER', 'KIOSK', 'FORWARDED_MESSAGE'] },
        hasComment: { type: 'boolean' },
        receivedAt: INSTANT,
      },
    },
  }),
  defineContract({
    type: 'ComplaintReceived.v1',
    service: 'feedback-intake',
    keyField: 'complaintId',
    description: 'A complaint (pengaduan) was received for a unit, with its SLA deadline. Who complained, about whom and what they wrote stay in feedback-intake.',
    schema: {
      type: 'object',
      required: ['complaintId', 'agencyId', 'unitId', 'category', 'dueAt', 'receivedAt'],
      properties: { complaintId: ID, agencyId: ID, unitId: ID, category: ID, dueAt: { ...INSTANT, description: 'The SLA deadline (working days in the city calendar).' }, receivedAt: INSTANT },
    },
  }),
  defineContract({
    type: 'ComplaintReopened.v1',
    service: 'feedback-intake',
    keyField: 'complaintId',
    description: 'A resolved complaint was reopened, with a new SLA deadline.',
    schema: {
      type: 'object',
      required: ['complaintId', 'dueAt', 'reopenedAt'],
      properties: { complaintId: ID, dueAt: INSTANT, reopenedAt: INSTANT },
    },
  }),
  defineContract({
    type: 'ComplaintRejected.v1',
    service: 'feedback-intake',
    keyField: 'complaintId',
    description: 'A complaint was rejected (out of scope, a duplicate, ...); the reason stays in feedback-intake.',
    schema: {
      type: 'object',
      required: ['complaintId', 'rejectedAt'],
      properties: { complaintId: ID, rejectedAt: INSTANT },
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
      properties: {
        complaintId: ID,
        unitId: ID,
        category: ID,
        resolvedAt: INSTANT,
        withinSla: { type: 'boolean', description: 'False when resolved on or after the SLA deadline.' },
        resolvedBy: { ...NIP, description: 'The officer who resolved it (absent in messages before it was added).' },
      },
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
        revision: { type: 'integer', minimum: 1, description: '1 when the period closed; +1 for each recomputation (late answers, a changed rule set).' },
        trigger: { enum: ['PERIOD_CLOSED', 'LATE_RESPONSE', 'RULE_SET_CHANGED'] },
        ikm: { type: 'string', pattern: '^[0-9]{1,3}\\.[0-9]{2}$', description: 'Rounded to two decimals before grading, e.g. "76.61".' },
        grade: { enum: ['A', 'B', 'C', 'D'] },
        label: { type: 'string', minLength: 1, maxLength: 50 },
        respondentCount: { type: 'integer', minimum: 1 },
        weight: { type: 'string', minLength: 1, maxLength: 20, description: 'The weight per unsur used: "1/9" or a decimal such as "0.111".' },
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
        nip: { ...NIP, description: 'The employee who received the feedback.' },
        agencyId: ID,
        periodId: { ...ID, description: PERIOD_ID_DESCRIPTION },
        giverNip: NIP,
        source: { enum: ['PEJABAT_PENILAI', 'PEER', 'DIRECT_SUBORDINATE'] },
        topic: {
          oneOf: [object({ kind: { const: 'RHK' }, rhkId: ID }), object({ kind: { const: 'BERAKHLAK' }, value: { enum: BERAKHLAK_VALUES } })],
        },
        evidenceCount: { type: 'integer', minimum: 0 },
        givenAt: INSTANT,
      },
    },
  }),
  defineContract({
    type: 'ServiceRecordsAccepted.v1',
    service: 'feedback-intake',
    keyField: 'agencyId',
    description:
      "Completed applications an agency's systems reported, each judged against the service-time standard in force when it was received (issue 19). No citizen's data.",
    schema: {
      type: 'object',
      required: ['agencyId', 'batchId', 'records'],
      properties: {
        agencyId: ID,
        batchId: ID,
        records: {
          type: 'array',
          items: {
            type: 'object',
            required: ['sourceId', 'serviceCode', 'unitId', 'officerNip', 'receivedAt', 'completedAt', 'standard', 'elapsed', 'withinStandard'],
            properties: {
              ...SERVICE_RECORD,
              standard: object({ amount: { type: 'number', exclusiveMinimum: 0 }, unit: { enum: ['WORKING_DAYS', 'HOURS'] } }),
              elapsed: { type: 'number', minimum: 0, description: "Time taken in the standard's unit." },
              withinStandard: { type: 'boolean' },
            },
          },
        },
      },
    },
  }),
  defineContract({
    type: 'ServiceRecordReported.v1',
    service: 'feedback-intake',
    inbound: true,
    keyField: 'agencyId',
    description:
      "Inbound: one completed application, produced by an agency's own system on kinerja.feedback-intake.inbound.v1 (CloudEvents binary mode). " +
      'Idempotent on (agencyId, sourceId); a record with a problem is reported (GET /agencies/{agencyId}/service-records/rejections) and stores nothing. No field about the citizen is allowed.',
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['agencyId', 'sourceId', 'serviceCode', 'unitId', 'officerNip', 'receivedAt', 'completedAt', 'channel'],
      properties: {
        agencyId: ID,
        ...SERVICE_RECORD,
        channel: { enum: ['LOKET', 'ONLINE', 'KELILING', 'LAINNYA'] },
      },
    },
  }),
] as const;

/** Event type → its data, derived from the schemas above (the single source). */
export type FeedbackIntakeEvents = EventsOf<typeof feedbackIntakeContracts>;
export type FeedbackReceivedV1 = FeedbackIntakeEvents['FeedbackReceived.v1'];
export type ComplaintReceivedV1 = FeedbackIntakeEvents['ComplaintReceived.v1'];
export type ComplaintReopenedV1 = FeedbackIntakeEvents['ComplaintReopened.v1'];
export type ComplaintRejectedV1 = FeedbackIntakeEvents['ComplaintRejected.v1'];
export type ComplaintResolvedV1 = FeedbackIntakeEvents['ComplaintResolved.v1'];
export type ComplaintSlaBreachedV1 = FeedbackIntakeEvents['ComplaintSlaBreached.v1'];
export type IkmComputedV1 = FeedbackIntakeEvents['IkmComputed.v1'];
export type ContinuousFeedbackGivenV1 = FeedbackIntakeEvents['ContinuousFeedbackGiven.v1'];
export type ServiceRecordsAcceptedV1 = FeedbackIntakeEvents['ServiceRecordsAccepted.v1'];
export type ServiceRecordReportedV1 = FeedbackIntakeEvents['ServiceRecordReported.v1'];
