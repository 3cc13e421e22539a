import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineReadModel } from '@kinerja/projections';
import { EvaluationFacts } from '../../predicate.rules';
import { recordedFactsProjection, RecordedFactsRow } from './recorded-facts.projection';

@Entity({ name: 'recorded_facts' })
export class RecordedFactsView implements RecordedFactsRow {
  @PrimaryColumn({ name: 'evaluation_id', type: 'text' }) evaluationId!: string;
  @Column({ type: 'jsonb' }) facts!: EvaluationFacts;
}

export const recordedFactsReadModel = defineReadModel({ projection: recordedFactsProjection, entity: RecordedFactsView });
