import { pick, Projection } from '@kinerja/domain';
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
    if (event.type !== 'CitizenFeedbackReceived') return row;
    const d = event.data;
    return { ...pick(d, 'feedbackId', 'agencyId', 'unitId', 'counterId', 'employeeId', 'rating', 'comment', 'channel'), receivedAt: new Date(d.receivedAt) };
  },
};
