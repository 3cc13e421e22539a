/** Agencies an actor administers, resolved at the edge from their roles: BKPSDM = ALL, admin OPD = their own. */
export type AdminScope = 'ALL' | readonly string[];

export const administers = (scope: AdminScope, agencyId: string) => scope === 'ALL' || scope.includes(agencyId);

export const isBlank = (text: unknown) => typeof text !== 'string' || text.trim() === '';
