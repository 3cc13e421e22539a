import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineReadModel } from '@kinerja/projections';
import { complaintStatusProjection, ComplaintStatusRow } from './complaint-status.projection';

@Entity({ name: 'complaint_status' })
export class ComplaintStatusView implements ComplaintStatusRow {
  @PrimaryColumn({ name: 'complaint_id', type: 'text' }) complaintId!: string;
  @Column({ name: 'tracking_code_hash', type: 'text' }) trackingCodeHash!: string;
  @Column({ name: 'unit_id', type: 'text' }) unitId!: string;
  @Column({ type: 'text' }) category!: string;
  @Column({ type: 'text' }) status!: string;
  @Column({ name: 'received_at', type: 'timestamptz' }) receivedAt!: Date;
  @Column({ name: 'due_on', type: 'date' }) dueOn!: string;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt!: Date;
  @Column({ type: 'text', nullable: true }) resolution!: string | null;
  @Column({ name: 'rejection_reason', type: 'text', nullable: true }) rejectionReason!: string | null;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt!: Date | null;
  @Column({ name: 'contact_erased', type: 'boolean' }) contactErased!: boolean;
}

export const complaintStatusReadModel = defineReadModel({ projection: complaintStatusProjection, entity: ComplaintStatusView });
