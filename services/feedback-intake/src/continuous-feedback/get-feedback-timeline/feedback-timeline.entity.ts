import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineReadModel } from '@kinerja/projections';
import { EvidenceItem, FeedbackTopic } from '../continuous-feedback.events';
import { feedbackTimelineProjection, FeedbackTimelineRow } from './feedback-timeline.projection';

@Entity({ name: 'feedback_timeline' })
export class FeedbackTimelineView implements FeedbackTimelineRow {
  @PrimaryColumn({ name: 'feedback_id', type: 'text' }) feedbackId!: string;
  @Column({ name: 'employee_id', type: 'text' }) employeeId!: string;
  @Column({ name: 'period_id', type: 'text' }) periodId!: string;
  @Column({ name: 'agency_id', type: 'text' }) agencyId!: string;
  @Column({ name: 'giver_id', type: 'text' }) giverId!: string;
  @Column({ type: 'text' }) source!: string;
  @Column({ type: 'jsonb' }) topic!: FeedbackTopic;
  @Column({ type: 'text' }) content!: string;
  @Column({ type: 'jsonb' }) evidence!: EvidenceItem[];
  @Column({ type: 'text', nullable: true }) response!: string | null;
  @Column({ name: 'responded_at', type: 'timestamptz', nullable: true }) respondedAt!: Date | null;
  @Column({ name: 'marked_as_evidence', type: 'boolean' }) markedAsEvidence!: boolean;
  @Column({ name: 'given_at', type: 'timestamptz' }) givenAt!: Date;
}

export const feedbackTimelineReadModel = defineReadModel({ projection: feedbackTimelineProjection, entity: FeedbackTimelineView });
