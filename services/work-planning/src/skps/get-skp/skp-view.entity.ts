import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { defineReadModel } from '@kinerja/projections';
import { SkpState, SkpStatus } from '../skp.decider';
import { skpViewProjection, SkpViewRow } from './skp-view.projection';

@Entity({ name: 'skp_view' })
@Index('skp_view_nip_idx', ['nip', 'periodStart'])
@Index('skp_view_agency_idx', ['agencyId', 'periodStart'])
export class SkpView implements SkpViewRow {
  @PrimaryColumn({ name: 'skp_id', type: 'text' }) skpId!: string;
  @Column({ type: 'text' }) nip!: string;
  @Column({ name: 'agency_id', type: 'text' }) agencyId!: string;
  @Column({ name: 'period_start', type: 'date' }) periodStart!: string;
  @Column({ name: 'period_end', type: 'date' }) periodEnd!: string;
  @Column({ type: 'text' }) status!: SkpStatus;
  @Column({ type: 'integer' }) versions!: number;
  @Column({ type: 'integer' }) revision!: number;
  @Column({ type: 'jsonb' }) state!: SkpState;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

export const skpReadModel = defineReadModel({ projection: skpViewProjection, entity: SkpView });
