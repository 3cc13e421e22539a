/** Agencies an actor holds a role in, resolved at the edge: `'ALL'` for city-wide roles. */
export type Scope = 'ALL' | readonly string[];

export const inScope = (scope: Scope, agencyId: string) => scope === 'ALL' || scope.includes(agencyId);

/**
 * What the actor may do in career decisions, resolved at the edge from their roles.
 * `approves`: where they are the PPK or its delegate; `proposes`: where they are an HR admin (admin OPD, BKPSDM).
 */
export interface Authority {
  approves: Scope;
  proposes: Scope;
}

export const NO_AUTHORITY: Authority = { approves: [], proposes: [] };

export const isBlank = (text: unknown) => typeof text !== 'string' || text.trim() === '';
