import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineReadModel } from '@kinerja/projections';
import { complaintInboxProjection, ComplaintInboxRow } from './complaint-inbox.projection';

@Entity({ name: 'complaint_inbox' })
export class ComplaintInboxView implements ComplaintInboxRow {
  @PrimaryColumn({ name: 'complaint_id', type: 'text' }) complaintId!: string;
  @Column({ name: 'agency_id', type: 'text' }) agencyId!: string;
  @Column({ name: 'unit_id', type: 'text' }) unitId!: string;
  @Column({ name: 'assigned_unit_id', type: 'text' }) assignedUnitId!: string;
  @Column({ name: 'assignee_employee_id', type: 'text', nullable: true }) assigneeEmployeeId!: string | null;
  @Column({ type: 'text' }) category!: string;
  @Column({ type: 'text' }) channel!: string;
  @Column({ name: 'counter_id', type: 'text', nullable: true }) counterId!: string | null;
  @Column({ type: 'text' }) description!: string;
  @Column({ name: 'subject_employee_id', type: 'text', nullable: true }) subjectEmployeeId!: string | null;
  @Column({ type: 'text' }) status!: string;
  @Column({ name: 'received_at', type: 'timestamptz' }) receivedAt!: Date;
  @Column({ name: 'due_on', type: 'date' }) dueOn!: string;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt!: Date;
  @Column({ name: 'sla_breached', type: 'boolean' }) slaBreached!: boolean;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt!: Date | null;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

export const complaintInboxReadModel = defineReadModel({ projection: complaintInboxProjection, entity: ComplaintInboxView });
