import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineReadModel } from '@kinerja/projections';
import { dueComplaintProjection, DueComplaintRow } from './due-complaint.projection';

@Entity({ name: 'due_complaint' })
export class DueComplaintView implements DueComplaintRow {
  @PrimaryColumn({ name: 'complaint_id', type: 'text' }) complaintId!: string;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt!: Date;
}

export const dueComplaintReadModel = defineReadModel({ projection: dueComplaintProjection, entity: DueComplaintView });
