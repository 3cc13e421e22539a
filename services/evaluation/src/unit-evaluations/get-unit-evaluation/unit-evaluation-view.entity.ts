import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineReadModel } from '@kinerja/projections';
import { unitEvaluationViewProjection, UnitEvaluationViewRow } from './unit-evaluation-view.projection';

@Entity({ name: 'unit_evaluation_view' })
export class UnitEvaluationView implements UnitEvaluationViewRow {
  @PrimaryColumn({ name: 'unit_evaluation_id', type: 'text' }) unitEvaluationId!: string;
  @Column({ name: 'unit_id', type: 'text' }) unitId!: string;
  @Column({ name: 'period_id', type: 'text' }) periodId!: string;
  @Column({ name: 'agency_id', type: 'text' }) agencyId!: string;
  @Column({ name: 'organisation_predicate', type: 'text', nullable: true }) organisationPredicate!: string | null;
  @Column({ type: 'text', nullable: true }) basis!: string | null;
  @Column({ name: 'set_by', type: 'text', nullable: true }) setBy!: string | null;
  @Column({ name: 'set_at', type: 'text', nullable: true }) setAt!: string | null;
  @Column({ type: 'boolean' }) finalized!: boolean;
  @Column({ type: 'jsonb', nullable: true }) finalization!: UnitEvaluationViewRow['finalization'];
}

export const unitEvaluationReadModel = defineReadModel({ projection: unitEvaluationViewProjection, entity: UnitEvaluationView });
