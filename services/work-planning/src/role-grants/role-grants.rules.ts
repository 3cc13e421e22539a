import { CommandActor, forbidden, invalid } from '@kinerja/domain';
import { GrantedRole } from './role-grant.events';

/** A grant as held: the role and, for ADMIN_OPD (and a PPK of one agency), the agency. */
export interface HeldGrant {
  role: GrantedRole;
  agencyId: string | null;
}

export const sameGrant = (a: HeldGrant, b: HeldGrant): boolean => a.role === b.role && a.agencyId === b.agencyId;

/** `ROLE` or `ROLE:agencyId`, as the X-Kinerja-Role header and the console's role switch carry it. */
export const grantKey = (grant: HeldGrant): string => (grant.agencyId ? `${grant.role}:${grant.agencyId}` : grant.role);

/**
 * Only the city's administrators (BKPSDM) grant and revoke roles, and the system for the bootstrap
 * (ROLE_GRANT_BOOTSTRAP_NIPS). An ADMIN_OPD administers employees of their agency, not who
 * administers: otherwise an agency could widen its own powers.
 */
export function assertMayGrant(actor: CommandActor): void {
  if (actor.role === 'ADMIN_CITY' || actor.role === 'SYSTEM') return;
  throw forbidden('ROLE_GRANT_FORBIDDEN', 'Hanya admin kota (BKPSDM) yang dapat memberikan atau mencabut peran.');
}

/** ADMIN_OPD names its agency; ADMIN_CITY and AUDITOR are city-wide; a PPK may be the PPK of one agency. */
export function assertGrantShape(grant: HeldGrant): void {
  if (grant.role === 'ADMIN_OPD' && grant.agencyId === null) throw invalid('AGENCY_REQUIRED', 'Peran ADMIN_OPD harus menyebut instansinya.', 'agencyId');
  if ((grant.role === 'ADMIN_CITY' || grant.role === 'AUDITOR') && grant.agencyId !== null) {
    throw invalid('AGENCY_NOT_ALLOWED', `Peran ${grant.role} berlaku untuk seluruh kota, tanpa instansi.`, 'agencyId');
  }
}
