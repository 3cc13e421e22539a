import { Command, conflict, Decider, forbidden, ignoreUnknownEvent, notFound } from '@kinerja/domain';
import { GrantedRole, RoleGrantEvent } from './role-grant.events';
import { assertGrantShape, assertMayGrant, grantKey, HeldGrant, sameGrant } from './role-grants.rules';

interface GrantData {
  nip: string;
  role: GrantedRole;
  agencyId: string | null;
  reason: string | null;
}

/** The edge resolves whether the person and the agency are known (the bootstrap grants before any import). */
export interface GrantLookups {
  employeeKnown: boolean;
  agencyKnown: boolean;
}

export type GrantRole = Command<'GrantRole', GrantData, GrantLookups>;
export type RevokeRole = Command<'RevokeRole', GrantData>;
export type RoleGrantCommand = GrantRole | RevokeRole;

export interface RoleGrantState {
  grants: HeldGrant[];
}

export const initialState = (): RoleGrantState => ({ grants: [] });

export function evolve(state: RoleGrantState, event: RoleGrantEvent): RoleGrantState {
  switch (event.type) {
    case 'RoleGranted':
      return { grants: [...state.grants, { role: event.data.role, agencyId: event.data.agencyId }] };
    case 'RoleRevoked':
      return { grants: state.grants.filter((g) => !sameGrant(g, event.data)) };
    default:
      return ignoreUnknownEvent(event, state);
  }
}

export function decide(command: RoleGrantCommand, state: RoleGrantState): RoleGrantEvent[] {
  const { actor, now } = command.metadata;
  assertMayGrant(actor);
  const { nip, role, agencyId, reason } = command.data;
  const grant: HeldGrant = { role, agencyId };
  assertGrantShape(grant);
  const held = state.grants.some((g) => sameGrant(g, grant));
  switch (command.type) {
    case 'GrantRole': {
      if (actor.role !== 'SYSTEM' && !command.lookups.employeeKnown) throw notFound('EMPLOYEE_NOT_FOUND', `Pegawai dengan NIP ${nip} tidak ditemukan.`);
      if (agencyId !== null && !command.lookups.agencyKnown) throw notFound('AGENCY_NOT_FOUND', `OPD ${agencyId} tidak ditemukan.`);
      if (held) throw conflict('ROLE_ALREADY_GRANTED', `${nip} sudah memegang peran ${grantKey(grant)}.`);
      return [{ type: 'RoleGranted', data: { nip, role, agencyId, grantedBy: actor.id, grantedAt: now.toISOString(), reason } }];
    }
    case 'RevokeRole': {
      if (!held) throw notFound('ROLE_GRANT_NOT_FOUND', `${nip} tidak memegang peran ${grantKey(grant)}.`);
      // The city keeps an administrator: nobody removes their own ADMIN_CITY.
      if (role === 'ADMIN_CITY' && actor.id === nip) throw forbidden('ROLE_SELF_REVOKE_FORBIDDEN', 'Admin kota tidak dapat mencabut peran ADMIN_CITY miliknya sendiri.');
      return [{ type: 'RoleRevoked', data: { nip, role, agencyId, revokedBy: actor.id, revokedAt: now.toISOString(), reason } }];
    }
    default: {
      const _exhaustive: never = command;
      throw new Error(`Unknown command ${String(_exhaustive)}`);
    }
  }
}

export const roleGrantDecider: Decider<RoleGrantCommand, RoleGrantEvent, RoleGrantState> = { initialState, evolve, decide };
