import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineReadModel } from '@kinerja/projections';
import { citizenFeedbackViewProjection, CitizenFeedbackRow } from './citizen-feedback-view.projection';

@Entity({ name: 'citizen_feedback_view' })
export class CitizenFeedbackView implements CitizenFeedbackRow {
  @PrimaryColumn({ name: 'feedback_id', type: 'text' }) feedbackId!: string;
  @Column({ name: 'agency_id', type: 'text' }) agencyId!: string;
  @Column({ name: 'unit_id', type: 'text' }) unitId!: string;
  @Column({ name: 'counter_id', type: 'text', nullable: true }) counterId!: string | null;
  @Column({ name: 'employee_id', type: 'text', nullable: true }) employeeId!: string | null;
  @Column({ type: 'integer' }) rating!: number;
  @Column({ type: 'text', nullable: true }) comment!: string | null;
  @Column({ type: 'text' }) channel!: string;
  @Column({ name: 'received_at', type: 'timestamptz' }) receivedAt!: Date;
}

export const citizenFeedbackReadModel = defineReadModel({ projection: citizenFeedbackViewProjection, entity: CitizenFeedbackView });
