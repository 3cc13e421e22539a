import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { defineReadModel } from '@kinerja/projections';
import {
  assignmentIntervalProjection,
  AssignmentIntervalRow,
  reportingLineIntervalProjection,
  ReportingLineIntervalRow,
} from './reporting-intervals.projection';
import { AssignmentType } from '../organisation.events';

@Entity({ name: 'assignment_interval' })
@Index('assignment_interval_nip_idx', ['nip', 'fromDate'])
@Index('assignment_interval_position_idx', ['agencyId', 'positionId', 'fromDate'])
export class AssignmentInterval implements AssignmentIntervalRow {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ name: 'agency_id', type: 'text' }) agencyId!: string;
  @Column({ name: 'assignment_id', type: 'text' }) assignmentId!: string;
  @Column({ type: 'text' }) nip!: string;
  @Column({ name: 'position_id', type: 'text' }) positionId!: string;
  @Column({ type: 'text' }) type!: AssignmentType;
  @Column({ name: 'from_date', type: 'date' }) fromDate!: string;
  @Column({ name: 'to_date', type: 'date', nullable: true }) toDate!: string | null;
}

@Entity({ name: 'reporting_line_interval' })
@Index('reporting_line_interval_position_idx', ['agencyId', 'positionId', 'fromDate'])
export class ReportingLineInterval implements ReportingLineIntervalRow {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ name: 'agency_id', type: 'text' }) agencyId!: string;
  @Column({ name: 'position_id', type: 'text' }) positionId!: string;
  @Column({ name: 'parent_position_id', type: 'text', nullable: true }) parentPositionId!: string | null;
  @Column({ name: 'parent_agency_id', type: 'text', nullable: true }) parentAgencyId!: string | null;
  @Column({ name: 'parent_official_id', type: 'text', nullable: true }) parentOfficialId!: string | null;
  @Column({ name: 'from_date', type: 'date' }) fromDate!: string;
}

export const assignmentIntervalReadModel = defineReadModel({ projection: assignmentIntervalProjection, entity: AssignmentInterval });
export const reportingLineIntervalReadModel = defineReadModel({ projection: reportingLineIntervalProjection, entity: ReportingLineInterval });
