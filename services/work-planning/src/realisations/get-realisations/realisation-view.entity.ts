import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { defineReadModel } from '@kinerja/projections';
import { ComputedFrom, Evidence } from '../realisation.events';
import { realisationViewProjection, RealisationViewRow } from './realisation-view.projection';

const numeric = { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

@Entity({ name: 'realisation_view' })
@Index('realisation_view_skp_idx', ['skpId', 'periodId'])
export class RealisationView implements RealisationViewRow {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ name: 'skp_id', type: 'text' }) skpId!: string;
  @Column({ name: 'period_id', type: 'text' }) periodId!: string;
  @Column({ name: 'iki_id', type: 'text' }) ikiId!: string;
  @Column({ type: 'text' }) nip!: string;
  @Column({ type: 'integer' }) revision!: number;
  @Column({ type: 'numeric', nullable: true, transformer: numeric }) value!: number | null;
  @Column({ type: 'text', nullable: true }) narrative!: string | null;
  @Column({ type: 'jsonb' }) evidence!: Evidence[];
  @Column({ name: 'occurred_on', type: 'date' }) occurredOn!: string;
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt!: Date;
  @Column({ type: 'boolean' }) late!: boolean;
  @Column({ type: 'jsonb', nullable: true }) computed!: ComputedFrom | null;
}

export const realisationReadModel = defineReadModel({ projection: realisationViewProjection, entity: RealisationView });
