import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { defineReadModel } from '@kinerja/projections';
import { GrantedRole } from '../role-grant.events';
import { roleGrantViewProjection, RoleGrantViewRow } from './role-grant-view.projection';

@Entity({ name: 'role_grant_view' })
@Index('role_grant_view_nip_idx', ['nip'])
export class RoleGrantView implements RoleGrantViewRow {
  @PrimaryColumn({ name: 'grant_id', type: 'text' })
  grantId!: string;

  @Column({ type: 'text' })
  nip!: string;

  @Column({ type: 'text' })
  role!: GrantedRole;

  @Column({ name: 'agency_id', type: 'text', nullable: true })
  agencyId!: string | null;

  @Column({ name: 'granted_by', type: 'text' })
  grantedBy!: string;

  @Column({ name: 'granted_at', type: 'timestamptz' })
  grantedAt!: Date;
}

export const roleGrantReadModel = defineReadModel({ projection: roleGrantViewProjection, entity: RoleGrantView });
