import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineReadModel } from '@kinerja/projections';
import { curveEntryProjection, CurveEntryRow } from './curve-entry.projection';

@Entity({ name: 'curve_entry' })
export class CurveEntryView implements CurveEntryRow {
  @PrimaryColumn({ name: 'evaluation_id', type: 'text' }) evaluationId!: string;
  @Column({ name: 'period_id', type: 'text' }) periodId!: string;
  @Column({ name: 'unit_id', type: 'text' }) unitId!: string;
  @Column({ name: 'employee_id', type: 'text' }) employeeId!: string;
  @Column({ type: 'text' }) predicate!: string;
  @Column({ type: 'text' }) status!: string;
}

export const curveEntryReadModel = defineReadModel({ projection: curveEntryProjection, entity: CurveEntryView });
