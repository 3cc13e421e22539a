import { Actor } from '@kinerja/platform';
import { AdminScope, administers } from './command';

/** Agencies an actor administers: city admins (BKPSDM) all, an admin OPD their own. */
export function adminScopeOf(actor: Actor): AdminScope {
  if (actor.role === 'ADMIN_CITY') return 'ALL';
  if (actor.role === 'ADMIN_OPD' && actor.agencyId) return [actor.agencyId];
  return [];
}

export const isAdminOf = (actor: Actor, agencyId: string) => administers(adminScopeOf(actor), agencyId);
