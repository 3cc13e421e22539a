import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineReadModel } from '@kinerja/projections';
import { DisciplinaryPenalty } from '../nine-box.rules';
import { talentFactsProjection, TalentFactsRow } from './talent-facts.projection';

@Entity({ name: 'talent_facts_view' })
export class TalentFactsView implements TalentFactsRow {
  @PrimaryColumn({ type: 'text' }) nip!: string;
  @Column({ name: 'agency_id', type: 'text' }) agencyId!: string;
  @Column({ type: 'jsonb', nullable: true }) assessment!: TalentFactsRow['assessment'];
  @Column({ type: 'jsonb' }) penalties!: DisciplinaryPenalty[];
}

export const talentFactsReadModel = defineReadModel({ projection: talentFactsProjection, entity: TalentFactsView });
