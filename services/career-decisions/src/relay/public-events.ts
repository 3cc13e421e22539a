import type { PublicEventDraft } from '@kinerja/messaging';
import type { RecordedEvent } from '@kinerja/event-store';
import { DecisionEvent, refOf, termsOf } from '../decisions/decision.events';
import { MentoringSessionRecorded } from '../development/mentoring.decider';

/** Internal event types the relay reads; everything else never leaves the service. */
export const RELAYED_EVENT_TYPES: readonly (DecisionEvent | MentoringSessionRecorded)['type'][] = ['DecisionIssued', 'DecisionRevoked', 'MentoringSessionRecorded'];

/** Internal → public (`libs/contracts/src/career-decisions.contracts.ts`); pure, so a batch mapped again gives the same drafts. */
export function toPublicEvents(recorded: RecordedEvent): PublicEventDraft[] {
  const event = { type: recorded.type, data: recorded.data } as DecisionEvent | MentoringSessionRecorded;
  switch (event.type) {
    case 'DecisionIssued': {
      const d = event.data;
      return [
        {
          type: 'DecisionIssued.v1',
          data: { ...termsOf(d), factIds: d.factIds, issue: d.issue, replacedFactId: d.replacedFactId, issuedAt: d.issuedAt },
        },
      ];
    }
    case 'DecisionRevoked': {
      const d = event.data;
      return [
        {
          type: 'DecisionRevoked.v1',
          data: { ...refOf(d), wasIssued: d.wasIssued, reason: d.reason, changedFactId: d.changedFactId, revokedAt: d.revokedAt },
        },
      ];
    }
    case 'MentoringSessionRecorded': {
      const d = event.data;
      return [
        {
          type: 'MentoringSessionRecorded.v1',
          data: {
            factId: d.factId,
            relationId: d.relationId,
            sessionId: d.sessionId,
            nip: d.mentorNip,
            mentorAgencyId: d.mentorAgencyId,
            menteeNip: d.menteeNip,
            menteeAgencyId: d.menteeAgencyId,
            date: d.date,
            minutes: d.minutes,
            topic: d.topic,
            coreValues: d.coreValues,
            recordedAt: d.recordedAt,
          },
        },
      ];
    }
    default:
      return [];
  }
}
