import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { defineReadModel } from '@kinerja/projections';
import { rhkViewProjection, RhkViewRow } from './rhk-view.projection';

@Entity({ name: 'rhk_view' })
@Index('rhk_view_parent_idx', ['parentSkpId', 'parentRhkId'])
@Index('rhk_view_skp_idx', ['skpId'])
export class RhkView implements RhkViewRow {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ name: 'skp_id', type: 'text' }) skpId!: string;
  @Column({ name: 'rhk_id', type: 'text' }) rhkId!: string;
  @Column({ type: 'text', nullable: true }) nip!: string | null;
  @Column({ type: 'text' }) jenis!: string;
  @Column({ type: 'text' }) text!: string;
  @Column({ name: 'parent_skp_id', type: 'text', nullable: true }) parentSkpId!: string | null;
  @Column({ name: 'parent_rhk_id', type: 'text', nullable: true }) parentRhkId!: string | null;
  @Column({ name: 'perjanjian_kinerja', type: 'text', nullable: true }) perjanjianKinerja!: string | null;
  @Column({ type: 'boolean' }) approved!: boolean;
  @Column({ name: 'in_draft', type: 'boolean' }) inDraft!: boolean;
}

export const rhkReadModel = defineReadModel({ projection: rhkViewProjection, entity: RhkView });
