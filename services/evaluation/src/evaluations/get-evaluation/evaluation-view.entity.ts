import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineReadModel } from '@kinerja/projections';
import { ObjectionWindow } from '../../objection-window.rules';
import { SuggestedRatings } from '../../predicate.rules';
import { LedUnit } from '../evaluation.events';
import { evaluationViewProjection, EvaluationViewRow, ObjectionView } from './evaluation-view.projection';

@Entity({ name: 'evaluation_view' })
export class EvaluationView implements EvaluationViewRow {
  @PrimaryColumn({ name: 'evaluation_id', type: 'text' }) evaluationId!: string;
  @Column({ name: 'employee_id', type: 'text' }) employeeId!: string;
  @Column({ name: 'period_id', type: 'text' }) periodId!: string;
  @Column({ name: 'agency_id', type: 'text' }) agencyId!: string;
  @Column({ type: 'integer' }) year!: number;
  @Column({ name: 'period_kind', type: 'text' }) periodKind!: string;
  @Column({ name: 'unit_id', type: 'text' }) unitId!: string;
  @Column({ name: 'assessor_id', type: 'text' }) assessorId!: string;
  @Column({ type: 'text' }) status!: string;
  @Column({ name: 'rating_hasil', type: 'text' }) ratingHasil!: string;
  @Column({ name: 'rating_perilaku', type: 'text' }) ratingPerilaku!: string;
  @Column({ type: 'text' }) predicate!: string;
  @Column({ name: 'rule_set_version', type: 'text' }) ruleSetVersion!: string;
  @Column({ name: 'rating_hasil_source', type: 'text' }) ratingHasilSource!: string;
  @Column({ name: 'led_unit', type: 'jsonb', nullable: true }) ledUnit!: LedUnit | null;
  @Column({ type: 'text' }) justification!: string;
  @Column({ type: 'jsonb', nullable: true }) suggestion!: SuggestedRatings | null;
  @Column({ name: 'difference_from_suggestion', type: 'jsonb' }) differenceFromSuggestion!: { hasil: number | null; perilaku: number | null };
  @Column({ type: 'boolean' }) late!: boolean;
  @Column({ name: 'submitted_at', type: 'text' }) submittedAt!: string;
  @Column({ name: 'objection_window', type: 'jsonb', nullable: true }) objectionWindow!: ObjectionWindow | null;
  @Column({ type: 'jsonb', nullable: true }) objection!: ObjectionView | null;
  @Column({ name: 'finalized_via', type: 'text', nullable: true }) finalizedVia!: string | null;
  @Column({ name: 'finalized_at', type: 'text', nullable: true }) finalizedAt!: string | null;
}

export const evaluationReadModel = defineReadModel({ projection: evaluationViewProjection, entity: EvaluationView });
