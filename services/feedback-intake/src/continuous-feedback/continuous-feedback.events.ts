import { BERAKHLAK_VALUES, BerakhlakValue } from '@kinerja/contracts';
import { DomainEvent } from '@kinerja/domain';

/** Internal events of one piece of umpan balik berkelanjutan, stream `continuous-feedback-<feedbackId>`. */

/** The seven BerAKHLAK core values (SE MenPANRB 20/2021, Perilaku Kerja under PermenPANRB 6/2022). */
export { BERAKHLAK_VALUES };
export type { BerakhlakValue };

export type FeedbackTopic = { kind: 'RHK'; rhkId: string } | { kind: 'BERAKHLAK'; value: BerakhlakValue };

/**
 * PEJABAT_PENILAI: the employee's pejabat penilai for the period. PEER and DIRECT_SUBORDINATE:
 * the 360° input PP 30/2019 lets an agency consider for Perilaku (docs/regulations.md §3).
 */
export type FeedbackSource = 'PEJABAT_PENILAI' | 'PEER' | 'DIRECT_SUBORDINATE';

export interface EvidenceItem {
  /** Reference to a file or record kept elsewhere (e.g. a realisation's bukti dukung). */
  ref: string;
  description: string | null;
}

export type ContinuousFeedbackGiven = DomainEvent<
  'ContinuousFeedbackGiven',
  {
    feedbackId: string;
    periodId: string;
    employeeId: string;
    agencyId: string;
    giverId: string;
    source: FeedbackSource;
    topic: FeedbackTopic;
    content: string;
    evidence: EvidenceItem[];
    givenAt: string;
  }
>;

export type ContinuousFeedbackResponded = DomainEvent<
  'ContinuousFeedbackResponded',
  { feedbackId: string; employeeId: string; response: string; respondedAt: string }
>;

export type ContinuousFeedbackMarkedAsEvidence = DomainEvent<
  'ContinuousFeedbackMarkedAsEvidence',
  { feedbackId: string; periodId: string; employeeId: string; markedBy: string; markedAt: string }
>;

export type ContinuousFeedbackEvidenceMarkRemoved = DomainEvent<
  'ContinuousFeedbackEvidenceMarkRemoved',
  { feedbackId: string; periodId: string; employeeId: string; removedBy: string; removedAt: string }
>;

export type ContinuousFeedbackEvent =
  | ContinuousFeedbackGiven
  | ContinuousFeedbackResponded
  | ContinuousFeedbackMarkedAsEvidence
  | ContinuousFeedbackEvidenceMarkRemoved;

export const continuousFeedbackStreamId = (feedbackId: string): string => `continuous-feedback-${feedbackId}`;
