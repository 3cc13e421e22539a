import { Injectable } from '@nestjs/common';
import { DataSource, FindOptionsWhere, IsNull } from 'typeorm';
import { forbidden } from '@kinerja/domain';
import { Actor, GrantedRole, RoleGrantLookup } from '@kinerja/platform';
import { grantKey } from '../role-grants.rules';
import { RoleGrantView } from './role-grant-view.entity';

export interface RoleGrantResponse {
  nip: string;
  role: GrantedRole;
  agencyId: string | null;
  /** `ROLE` or `ROLE:agencyId`: the value of the X-Kinerja-Role header that uses this grant. */
  key: string;
  grantedBy: string;
  grantedAt: string;
}

export interface RoleGrantListResponse {
  grants: RoleGrantResponse[];
}

/**
 * The grants in force. A person sees their own; an agency admin the grants of their agency; the city's administrators and auditors see all
 * (the history, who granted and revoked what and when, is in the audit trail).
 * Also the service's grant lookup for the auth guard.
 */
@Injectable()
export class GetRoleGrantsQuery implements RoleGrantLookup {
  constructor(private readonly dataSource: DataSource) {}

  async run(filter: { nip?: string; agencyId?: string }, actor: Actor): Promise<RoleGrantListResponse> {
    const everything = actor.role === 'ADMIN_CITY' || actor.role === 'AUDITOR';
    const ownAgency = actor.role === 'ADMIN_OPD' && actor.agencyId !== undefined && filter.agencyId === actor.agencyId;
    if (!everything && !ownAgency && filter.nip !== actor.id) {
      throw forbidden('ROLE_GRANTS_FORBIDDEN', 'Hanya admin kota atau auditor yang dapat melihat peran orang lain.');
    }
    const where: FindOptionsWhere<RoleGrantView> = {};
    if (filter.nip) where.nip = filter.nip;
    if (filter.agencyId) where.agencyId = filter.agencyId;
    const rows = await this.dataSource.getRepository(RoleGrantView).find({ where, order: { nip: 'ASC', role: 'ASC', agencyId: 'ASC' }, take: 1000 });
    return {
      grants: rows.map((r) => ({ nip: r.nip, role: r.role, agencyId: r.agencyId, key: grantKey(r), grantedBy: r.grantedBy, grantedAt: r.grantedAt.toISOString() })),
    };
  }

  async isGranted(nip: string, role: GrantedRole, agencyId: string | undefined): Promise<boolean> {
    return (await this.dataSource.getRepository(RoleGrantView).countBy({ nip, role, agencyId: agencyId ?? IsNull() })) > 0;
  }
}
