import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineReadModel } from '@kinerja/projections';
import { Employment } from '../performance-record.decider';
import { AnnualPredicate } from '../performance-record.events';
import { employeeRecordProjection, EmployeeRecordRow } from './employee-record.projection';

@Entity({ name: 'employee_record_view' })
export class EmployeeRecordView implements EmployeeRecordRow {
  @PrimaryColumn({ type: 'text' }) nip!: string;
  @Column({ name: 'agency_id', type: 'text', nullable: true }) agencyId!: string | null;
  @Column({ type: 'jsonb', nullable: true }) employment!: Employment | null;
  @Column({ type: 'jsonb' }) years!: Record<string, AnnualPredicate>;
  @Column({ type: 'jsonb' }) teladan!: Record<string, string>;
}

export const employeeRecordReadModel = defineReadModel({ projection: employeeRecordProjection, entity: EmployeeRecordView });
