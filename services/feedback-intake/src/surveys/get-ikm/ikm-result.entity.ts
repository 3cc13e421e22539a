import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineReadModel } from '@kinerja/projections';
import { ikmResultProjection, IkmResultRow } from './ikm-result.projection';

@Entity({ name: 'ikm_result' })
export class IkmResultView implements IkmResultRow {
  @PrimaryColumn({ type: 'text' }) key!: string;
  @Column({ name: 'unit_id', type: 'text' }) unitId!: string;
  @Column({ name: 'period_id', type: 'text' }) periodId!: string;
  @Column({ name: 'agency_id', type: 'text' }) agencyId!: string;
  @Column({ type: 'text' }) status!: 'OPEN' | 'COMPUTED' | 'NOT_COMPUTED';
  @Column({ name: 'response_count', type: 'integer' }) responseCount!: number;
  @Column({ type: 'integer' }) revision!: number;
  @Column({ type: 'text', nullable: true }) ikm!: string | null;
  @Column({ type: 'text', nullable: true }) grade!: string | null;
  @Column({ type: 'text', nullable: true }) label!: string | null;
  @Column({ name: 'respondent_count', type: 'integer', nullable: true }) respondentCount!: number | null;
  @Column({ type: 'text', nullable: true }) weight!: string | null;
  @Column({ name: 'rule_set_version', type: 'text', nullable: true }) ruleSetVersion!: string | null;
  @Column({ name: 'not_computed_reason', type: 'text', nullable: true }) notComputedReason!: string | null;
  @Column({ name: 'computed_at', type: 'timestamptz', nullable: true }) computedAt!: Date | null;
}

export const ikmResultReadModel = defineReadModel({ projection: ikmResultProjection, entity: IkmResultView });
