import { isRole } from '@kinerja/platform';
import { Grant } from '../session/session.store';

/** `ROLE` or `ROLE:agencyId`: what the X-Kinerja-Role header and the role switch carry. */
export const grantKey = (grant: Grant): string => (grant.agencyId ? `${grant.role}:${grant.agencyId}` : grant.role);

export const sameGrant = (a: Grant, b: Grant): boolean => a.role === b.role && (a.agencyId ?? null) === (b.agencyId ?? null);

/** Grants from a token claim: strings `ROLE[:agencyId]` or objects `{ role, agencyId }`; anything else is dropped. */
export function grantsFromClaim(claim: unknown): Grant[] {
  if (!Array.isArray(claim)) return [];
  const out: Grant[] = [];
  for (const item of claim) {
    let role: unknown;
    let agencyId: unknown;
    if (typeof item === 'string') [role, agencyId] = item.split(':');
    else if (item && typeof item === 'object') ({ role, agencyId } = item as { role?: unknown; agencyId?: unknown });
    if (!isRole(role)) continue;
    const grant: Grant = typeof agencyId === 'string' && agencyId ? { role, agencyId } : { role };
    if (!out.some((g) => sameGrant(g, grant))) out.push(grant);
  }
  return out;
}
