import { DomainEvent } from '@kinerja/domain';
import { CitizenChannel } from '../citizen-input.rules';

/** Internal events of one citizen's feedback, stream `citizen-feedback-<feedbackId>`. */

/**
 * Rating on the SKM perception scale 1–4 (PermenPANRB 14/2017, docs/regulations.md §6): the same scale as the
 * survey, no neutral middle, convertible like an unsur score (× 25). Issue 5 rejects ratings outside 1–4.
 */
export type CitizenRating = 1 | 2 | 3 | 4;

export type CitizenFeedbackReceived = DomainEvent<
  'CitizenFeedbackReceived',
  {
    feedbackId: string;
    agencyId: string;
    unitId: string;
    counterId: string | null;
    employeeId: string | null;
    rating: CitizenRating;
    comment: string | null;
    channel: CitizenChannel;
    forwardedBy: string | null;
    /** Opaque reference to encrypted contact details kept outside the event store; null when none given. */
    contactRef: string | null;
    receivedAt: string;
  }
>;

export type CitizenFeedbackContactErased = DomainEvent<
  'CitizenFeedbackContactErased',
  { feedbackId: string; contactRef: string; erasedAt: string }
>;

export type CitizenFeedbackEvent = CitizenFeedbackReceived | CitizenFeedbackContactErased;

export const citizenFeedbackStreamId = (feedbackId: string): string => `citizen-feedback-${feedbackId}`;
