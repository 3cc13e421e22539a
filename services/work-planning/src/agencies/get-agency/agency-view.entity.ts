import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineReadModel } from '@kinerja/projections';
import { agencyViewProjection, AgencyViewRow } from './agency-view.projection';

@Entity({ name: 'agency_view' })
export class AgencyView implements AgencyViewRow {
  @PrimaryColumn({ name: 'agency_id', type: 'text' })
  agencyId!: string;

  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'registered_at', type: 'timestamptz' })
  registeredAt!: Date;
}

export const agencyReadModel = defineReadModel({ projection: agencyViewProjection, entity: AgencyView });
