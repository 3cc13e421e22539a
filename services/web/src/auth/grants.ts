import { isGrantedRole } from '@kinerja/platform';
import { Grant } from '../session/session.store';

/** `ROLE` or `ROLE:agencyId`: what the X-Kinerja-Role header and the role switch carry. */
export const grantKey = (grant: Grant): string => (grant.agencyId ? `${grant.role}:${grant.agencyId}` : grant.role);

export const sameGrant = (a: Grant, b: Grant): boolean => a.role === b.role && (a.agencyId ?? null) === (b.agencyId ?? null);

/** Work-planning's grants in force (`{ role, agencyId }` items); anything else is dropped. */
export function recordedGrants(items: unknown): Grant[] {
  if (!Array.isArray(items)) return [];
  const out: Grant[] = [];
  for (const item of items) {
    const { role, agencyId } = (item ?? {}) as { role?: unknown; agencyId?: unknown };
    if (!isGrantedRole(role)) continue;
    const grant: Grant = typeof agencyId === 'string' && agencyId ? { role, agencyId } : { role };
    if (!out.some((g) => sameGrant(g, grant))) out.push(grant);
  }
  return out;
}
