import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { defineReadModel } from '@kinerja/projections';
import { ServiceRecordRow, serviceRecordProjection, ServiceStandardRow, serviceStandardProjection } from './service-delivery.projection';
import type { ServiceTimeUnit } from '../service-delivery.events';
import { ComplaintHandlingRow, complaintHandlingProjection } from './complaint-handling.projection';

@Entity({ name: 'service_standard_view' })
export class ServiceStandardView implements ServiceStandardRow {
  @PrimaryColumn({ type: 'text' }) key!: string;
  @Column({ name: 'agency_id', type: 'text' }) agencyId!: string;
  @Column({ name: 'service_code', type: 'text' }) serviceCode!: string;
  @Column({ type: 'integer' }) version!: number;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'numeric' }) amount!: string;
  @Column({ type: 'text' }) unit!: ServiceTimeUnit;
  @Column({ name: 'effective_from', type: 'date' }) effectiveFrom!: string;
  @Column({ name: 'set_by', type: 'text' }) setBy!: string;
  @Column({ name: 'set_at', type: 'timestamptz' }) setAt!: Date;
}

@Entity({ name: 'service_record_view' })
@Index('service_record_view_officer_idx', ['officerNip', 'completedAt'])
@Index('service_record_view_unit_idx', ['unitId', 'completedAt'])
export class ServiceRecordView implements ServiceRecordRow {
  @PrimaryColumn({ type: 'text' }) key!: string;
  @Column({ name: 'agency_id', type: 'text' }) agencyId!: string;
  @Column({ name: 'source_id', type: 'text' }) sourceId!: string;
  @Column({ name: 'service_code', type: 'text' }) serviceCode!: string;
  @Column({ name: 'unit_id', type: 'text' }) unitId!: string;
  @Column({ name: 'officer_nip', type: 'text' }) officerNip!: string;
  @Column({ name: 'received_at', type: 'timestamptz' }) receivedAt!: Date;
  @Column({ name: 'completed_at', type: 'timestamptz' }) completedAt!: Date;
  @Column({ type: 'text' }) channel!: string;
  @Column({ name: 'standard_version', type: 'integer' }) standardVersion!: number;
  @Column({ name: 'standard_amount', type: 'numeric' }) standardAmount!: string;
  @Column({ name: 'standard_unit', type: 'text' }) standardUnit!: ServiceTimeUnit;
  @Column({ type: 'numeric' }) elapsed!: string;
  @Column({ name: 'within_standard', type: 'boolean' }) withinStandard!: boolean;
  @Column({ name: 'batch_id', type: 'text' }) batchId!: string;
}

export const serviceStandardReadModel = defineReadModel({ projection: serviceStandardProjection, entity: ServiceStandardView });
export const serviceRecordReadModel = defineReadModel({ projection: serviceRecordProjection, entity: ServiceRecordView });

@Entity({ name: 'complaint_handling_view' })
@Index('complaint_handling_view_officer_idx', ['resolvedBy', 'resolvedAt'])
export class ComplaintHandlingView implements ComplaintHandlingRow {
  @PrimaryColumn({ name: 'complaint_id', type: 'text' }) complaintId!: string;
  @Column({ name: 'unit_id', type: 'text' }) unitId!: string;
  @Column({ type: 'text' }) category!: string;
  @Column({ name: 'resolved_by', type: 'text' }) resolvedBy!: string;
  @Column({ name: 'resolved_at', type: 'timestamptz' }) resolvedAt!: Date;
  @Column({ name: 'within_sla', type: 'boolean' }) withinSla!: boolean;
}

export const complaintHandlingReadModel = defineReadModel({ projection: complaintHandlingProjection, entity: ComplaintHandlingView });
