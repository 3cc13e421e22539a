import { Actor, isRole, Role } from './actor';
import { VerifiedIdentity } from './token-verifier';

/** The header naming the role a request acts in: `ROLE` or `ROLE:agencyId` (the console's role switch). */
export const ROLE_HEADER = 'x-kinerja-role';

/** Roles that need a grant recorded in Kinerja (work-planning's role-grants slice). */
export const GRANTED_ROLES = ['ADMIN_OPD', 'ADMIN_CITY', 'PPK', 'AUDITOR'] as const;
export type GrantedRole = (typeof GRANTED_ROLES)[number];

export const isGrantedRole = (role: unknown): role is GrantedRole => typeof role === 'string' && (GRANTED_ROLES as readonly string[]).includes(role);

export interface RoleRequest {
  role: Role;
  agencyId?: string;
}

/** A malformed X-Kinerja-Role header (400 ROLE_HEADER_INVALID). */
export class RoleHeaderError extends Error {
  readonly code = 'ROLE_HEADER_INVALID';
}

const AGENCY_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/**
 * `ROLE` or `ROLE:agencyId`. ADMIN_OPD names its agency; ADMIN_CITY and AUDITOR are city-wide and
 * name none; PPK may name one. EMPLOYEE and SUPERVISOR may carry the person's agency (ignored).
 */
export function parseRoleHeader(value: string | string[] | undefined): RoleRequest | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value) || value.trim() === '') throw new RoleHeaderError('Header X-Kinerja-Role harus satu nilai PERAN atau PERAN:idInstansi.');
  const [role, agencyId, ...rest] = value.trim().split(':');
  if (!isRole(role) || rest.length > 0) throw new RoleHeaderError(`Header X-Kinerja-Role tidak dikenal: "${value}" (PERAN atau PERAN:idInstansi).`);
  if (agencyId !== undefined && !AGENCY_ID.test(agencyId)) throw new RoleHeaderError('Header X-Kinerja-Role: idInstansi tidak valid.');
  if (role === 'ADMIN_OPD' && agencyId === undefined) throw new RoleHeaderError('Header X-Kinerja-Role: ADMIN_OPD harus menyebut instansinya (ADMIN_OPD:idInstansi).');
  if ((role === 'ADMIN_CITY' || role === 'AUDITOR') && agencyId !== undefined) {
    throw new RoleHeaderError(`Header X-Kinerja-Role: ${role} berlaku untuk seluruh kota, tanpa instansi.`);
  }
  return agencyId === undefined ? { role } : { role, agencyId };
}

/** Whether Kinerja recorded the grant for the person (each service answers from its own copy of the grants). */
export interface RoleGrantLookup {
  isGranted(nip: string, role: GrantedRole, agencyId: string | undefined): Promise<boolean>;
}

/**
 * The grant lookup the auth guard asks; a service sets it when its grants are readable (its read
 * model of RoleGranted/RoleRevoked). Without one, no elevated role is granted through the header.
 */
export class RoleGrants {
  private lookup?: RoleGrantLookup;

  use(lookup: RoleGrantLookup): void {
    this.lookup = lookup;
  }

  isGranted(nip: string, role: GrantedRole, agencyId: string | undefined): Promise<boolean> {
    return this.lookup ? this.lookup.isGranted(nip, role, agencyId) : Promise.resolve(false);
  }
}

/**
 * The actor of a request, from who the token names and the role the header asks for:
 * - no header: the token's own role (local issuer), else EMPLOYEE;
 * - EMPLOYEE or SUPERVISOR: taken as asked; a supervisor's authority is checked per request
 *   against the organisation (who reports to whom on the date), never against the role;
 * - the token's own role (local issuer: Kinerja minted it, so it is its own grant);
 * - else an elevated role only when Kinerja recorded the grant, otherwise `undefined` (403).
 */
export async function resolveActor(identity: VerifiedIdentity, requested: RoleRequest | undefined, grants: RoleGrants): Promise<Actor | undefined> {
  const own = identity.agencyId === undefined ? {} : { agencyId: identity.agencyId };
  if (!requested) return { id: identity.id, role: identity.role ?? 'EMPLOYEE', ...own };
  const { role, agencyId } = requested;
  if (role === 'EMPLOYEE' || role === 'SUPERVISOR') return { id: identity.id, role, ...own };
  if (identity.role === role && (agencyId === undefined || agencyId === identity.agencyId)) return { id: identity.id, role, ...own };
  if (isGrantedRole(role) && (await grants.isGranted(identity.id, role, agencyId))) {
    return { id: identity.id, role, ...(agencyId === undefined ? {} : { agencyId }) };
  }
  return undefined;
}
