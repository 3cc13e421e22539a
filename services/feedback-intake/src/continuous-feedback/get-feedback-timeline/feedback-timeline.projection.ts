import { pick, Projection } from '@kinerja/domain';
import { ContinuousFeedbackEvent, EvidenceItem, FeedbackTopic } from '../continuous-feedback.events';

/** One piece of umpan balik berkelanjutan on the employee's timeline. */
export interface FeedbackTimelineRow {
  feedbackId: string;
  employeeId: string;
  periodId: string;
  agencyId: string;
  giverId: string;
  source: string;
  topic: FeedbackTopic;
  content: string;
  evidence: EvidenceItem[];
  response: string | null;
  respondedAt: Date | null;
  markedAsEvidence: boolean;
  givenAt: Date;
}

export const feedbackTimelineProjection: Projection<FeedbackTimelineRow, ContinuousFeedbackEvent> = {
  name: 'feedback-intake.get-feedback-timeline',
  handles: ['ContinuousFeedbackGiven', 'ContinuousFeedbackResponded', 'ContinuousFeedbackMarkedAsEvidence', 'ContinuousFeedbackEvidenceMarkRemoved'],
  keys: (event) => [event.data.feedbackId],
  evolve(row, event) {
    switch (event.type) {
      case 'ContinuousFeedbackGiven': {
        const d = event.data;
        return {
          ...pick(d, 'feedbackId', 'employeeId', 'periodId', 'agencyId', 'giverId', 'source', 'topic', 'content', 'evidence'),
          response: null,
          respondedAt: null,
          markedAsEvidence: false,
          givenAt: new Date(d.givenAt),
        };
      }
      case 'ContinuousFeedbackResponded':
        return row && { ...row, response: event.data.response, respondedAt: new Date(event.data.respondedAt) };
      case 'ContinuousFeedbackMarkedAsEvidence':
        return row && { ...row, markedAsEvidence: true };
      case 'ContinuousFeedbackEvidenceMarkRemoved':
        return row && { ...row, markedAsEvidence: false };
      default:
        return row;
    }
  },
};
