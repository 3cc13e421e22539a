import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineReadModel } from '@kinerja/projections';
import { replacedFactProjection, ReplacedFactRow } from './replaced-fact.projection';

@Entity({ name: 'replaced_fact' })
export class ReplacedFactView implements ReplacedFactRow {
  @PrimaryColumn({ name: 'previous_fact_id', type: 'text' }) previousFactId!: string;
  @Column({ name: 'fact_id', type: 'text' }) factId!: string;
  @Column({ type: 'text' }) nip!: string;
  @Column({ type: 'integer' }) year!: number;
  @Column({ type: 'text' }) reason!: ReplacedFactRow['reason'];
  @Column({ name: 'previous_predicate', type: 'text', nullable: true }) previousPredicate!: string | null;
  @Column({ type: 'text', nullable: true }) predicate!: string | null;
  @Column({ name: 'changed_at', type: 'text' }) changedAt!: string;
  @Column({ name: 'change_event_id', type: 'text' }) changeEventId!: string;
}

export const replacedFactReadModel = defineReadModel({ projection: replacedFactProjection, entity: ReplacedFactView });
