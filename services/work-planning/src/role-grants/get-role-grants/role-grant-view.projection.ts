import { Projection } from '@kinerja/domain';
import { GrantedRole, RoleGrantEvent } from '../role-grant.events';

export interface RoleGrantViewRow {
  /** `nip|ROLE|agencyId` */
  grantId: string;
  nip: string;
  role: GrantedRole;
  agencyId: string | null;
  grantedBy: string;
  grantedAt: Date;
}

export const roleGrantId = (nip: string, role: string, agencyId: string | null): string => `${nip}|${role}|${agencyId ?? ''}`;

/** The grants in force: a row per held grant, removed on revocation (the history stays in the stream and the audit). */
export const roleGrantViewProjection: Projection<RoleGrantViewRow, RoleGrantEvent> = {
  name: 'work-planning.get-role-grants',
  handles: ['RoleGranted', 'RoleRevoked'],
  keys: (event) => [roleGrantId(event.data.nip, event.data.role, event.data.agencyId)],
  evolve(_row, event, key) {
    switch (event.type) {
      case 'RoleGranted':
        return { grantId: key, nip: event.data.nip, role: event.data.role, agencyId: event.data.agencyId, grantedBy: event.data.grantedBy, grantedAt: new Date(event.data.grantedAt) };
      case 'RoleRevoked':
        return null;
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  },
};
