import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineReadModel } from '@kinerja/projections';
import { officialViewProjection, OfficialViewRow } from './official-view.projection';

@Entity({ name: 'official_view' })
export class OfficialView implements OfficialViewRow {
  @PrimaryColumn({ name: 'official_id', type: 'text' }) officialId!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) office!: string;
}

export const officialReadModel = defineReadModel({ projection: officialViewProjection, entity: OfficialView });
