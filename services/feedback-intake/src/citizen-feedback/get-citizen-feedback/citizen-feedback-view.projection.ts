import { Projection } from '@kinerja/domain';
import { CitizenFeedbackEvent } from '../citizen-feedback.events';

/**
 * A citizen's rating and comment as staff read them: about a unit, and the employee the citizen
 * named. Never the citizen: no contact reference, no address, no forwarding officer.
 */
export interface CitizenFeedbackRow {
  feedbackId: string;
  agencyId: string;
  unitId: string;
  counterId: string | null;
  employeeId: string | null;
  rating: number;
  comment: string | null;
  channel: string;
  receivedAt: Date;
}

export const citizenFeedbackViewProjection: Projection<CitizenFeedbackRow, CitizenFeedbackEvent> = {
  name: 'feedback-intake.get-citizen-feedback',
  handles: ['CitizenFeedbackReceived'],
  keys: (event) => [event.data.feedbackId],
  evolve(row, event) {
    switch (event.type) {
      case 'CitizenFeedbackReceived': {
        const d = event.data;
        return {
          feedbackId: d.feedbackId,
          agencyId: d.agencyId,
          unitId: d.unitId,
          counterId: d.counterId,
          employeeId: d.employeeId,
          rating: d.rating,
          comment: d.comment,
          channel: d.channel,
          receivedAt: new Date(d.receivedAt),
        };
      }
      default:
        return row;
    }
  },
};
