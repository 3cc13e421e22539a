import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineReadModel } from '@kinerja/projections';
import { EvaluationPeriod, PeriodKind } from '../evaluation-calendar.events';
import { periodViewProjection, PeriodViewRow } from './period-view.projection';

@Entity({ name: 'period_view' })
export class PeriodView implements PeriodViewRow {
  @PrimaryColumn({ name: 'period_id', type: 'text' }) periodId!: string;
  @Column({ name: 'agency_id', type: 'text' }) agencyId!: string;
  @Column({ type: 'integer' }) year!: number;
  @Column({ type: 'text' }) code!: string;
  @Column({ type: 'text' }) kind!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ name: 'start_date', type: 'text' }) startDate!: string;
  @Column({ name: 'end_date', type: 'text' }) endDate!: string;
  @Column({ name: 'fill_deadline', type: 'text' }) fillDeadline!: string;
  @Column({ type: 'text' }) cadence!: string;
  @Column({ name: 'rule_set_version', type: 'text' }) ruleSetVersion!: string;
}

export const periodReadModel = defineReadModel({ projection: periodViewProjection, entity: PeriodView });

/** The period a row describes, as the calendar decider has it. */
export const periodOfRow = (row: PeriodViewRow): EvaluationPeriod => ({
  periodId: row.periodId,
  code: row.code,
  kind: row.kind as PeriodKind,
  name: row.name,
  startDate: row.startDate,
  endDate: row.endDate,
  fillDeadline: row.fillDeadline,
});
