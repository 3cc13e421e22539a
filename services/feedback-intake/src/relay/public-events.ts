import { pick } from '@kinerja/domain';
import type { PublicEventDraft } from '@kinerja/messaging';
import type { RecordedEvent } from '@kinerja/event-store';
import type {
  ComplaintReceivedV1,
  ComplaintRejectedV1,
  ComplaintReopenedV1,
  ComplaintResolvedV1,
  ComplaintSlaBreachedV1,
  ContinuousFeedbackGivenV1,
  FeedbackReceivedV1,
  IkmComputedV1,
  ServiceRecordsAcceptedV1,
} from '@kinerja/contracts';
import { CitizenFeedbackEvent } from '../citizen-feedback/citizen-feedback.events';
import { ComplaintEvent } from '../complaints/complaint.events';
import { ContinuousFeedbackEvent } from '../continuous-feedback/continuous-feedback.events';
import { ServiceDeliveryEvent } from '../service-delivery/service-delivery.events';
import { SurveyEvent } from '../surveys/survey.events';

type Internal = CitizenFeedbackEvent | ComplaintEvent | SurveyEvent | ContinuousFeedbackEvent | ServiceDeliveryEvent;

/** Internal event types the relay reads; everything else never leaves the service. */
export const RELAYED_EVENT_TYPES: readonly Internal['type'][] = [
  'CitizenFeedbackReceived',
  'ComplaintReceived',
  'ComplaintReopened',
  'ComplaintRejected',
  'ComplaintResolved',
  'ComplaintSlaBreached',
  'IkmComputed',
  'ContinuousFeedbackGiven',
  'ServiceRecordsAccepted',
];

/**
 * Internal → public (`libs/contracts/src/feedback-intake.contracts.ts`). Pure. Drops every personal
 * datum: the contact reference, the comment and complaint texts, the forwarding officer.
 */
export function toPublicEvents(recorded: RecordedEvent): PublicEventDraft[] {
  const event = { type: recorded.type, data: recorded.data } as Internal;
  switch (event.type) {
    case 'CitizenFeedbackReceived': {
      const d = event.data;
      const data: FeedbackReceivedV1 = {
        ...pick(d, 'feedbackId', 'agencyId', 'unitId'),
        ...(d.counterId ? { counterId: d.counterId } : {}),
        ...(d.employeeId ? { employeeId: d.employeeId } : {}),
        ...pick(d, 'rating', 'channel'),
        hasComment: d.comment !== null,
        receivedAt: d.receivedAt,
      };
      return [{ type: 'FeedbackReceived.v1', data }];
    }
    case 'ComplaintReceived': {
      // The deadline only: no contact, description, subject employee or forwarding officer.
      const { complaintId, agencyId, unitId, category, receivedAt, sla } = event.data;
      const data: ComplaintReceivedV1 = { complaintId, agencyId, unitId, category, dueAt: sla.dueAt, receivedAt };
      return [{ type: 'ComplaintReceived.v1', data }];
    }
    case 'ComplaintReopened': {
      const { complaintId, reopenedAt, sla } = event.data;
      const data: ComplaintReopenedV1 = { complaintId, dueAt: sla.dueAt, reopenedAt };
      return [{ type: 'ComplaintReopened.v1', data }];
    }
    case 'ComplaintRejected': {
      const { complaintId, rejectedAt } = event.data;
      const data: ComplaintRejectedV1 = { complaintId, rejectedAt };
      return [{ type: 'ComplaintRejected.v1', data }];
    }
    case 'ComplaintResolved': {
      const { complaintId, unitId, category, resolvedAt, withinSla } = event.data;
      const { resolvedBy } = event.data;
      const data: ComplaintResolvedV1 = { complaintId, unitId, category, resolvedAt, withinSla, ...(/^[0-9]{18}$/.test(resolvedBy) ? { resolvedBy } : {}) };
      return [{ type: 'ComplaintResolved.v1', data }];
    }
    case 'ComplaintSlaBreached': {
      const { complaintId, unitId, category, dueAt, detectedAt } = event.data;
      const data: ComplaintSlaBreachedV1 = { complaintId, unitId, category, dueAt, detectedAt };
      return [{ type: 'ComplaintSlaBreached.v1', data }];
    }
    case 'IkmComputed': {
      const d = event.data;
      const data: IkmComputedV1 = pick(d, 'unitId', 'agencyId', 'periodId', 'revision', 'trigger', 'ikm', 'grade', 'label', 'respondentCount', 'weight', 'ruleSetVersion', 'computedAt');
      return [{ type: 'IkmComputed.v1', data }];
    }
    case 'ContinuousFeedbackGiven': {
      const d = event.data;
      const data: ContinuousFeedbackGivenV1 = {
        feedbackId: d.feedbackId,
        nip: d.employeeId,
        agencyId: d.agencyId,
        periodId: d.periodId,
        giverNip: d.giverId,
        source: d.source,
        topic: d.topic.kind === 'RHK' ? { kind: 'RHK', rhkId: d.topic.rhkId } : { kind: 'BERAKHLAK', value: d.topic.value },
        evidenceCount: d.evidence.length,
        givenAt: d.givenAt,
      };
      return [{ type: 'ContinuousFeedbackGiven.v1', data }];
    }
    case 'ServiceRecordsAccepted': {
      const d = event.data;
      const data: ServiceRecordsAcceptedV1 = {
        agencyId: d.agencyId,
        batchId: d.batchId,
        records: d.records.map((r) => pick(r, 'sourceId', 'serviceCode', 'unitId', 'officerNip', 'receivedAt', 'completedAt', 'standard', 'elapsed', 'withinStandard')),
      };
      return [{ type: 'ServiceRecordsAccepted.v1', data }];
    }
    default:
      return [];
  }
}
