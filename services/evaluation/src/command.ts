/** Who sends a command and when, from the authenticated request and an injected clock (STYLE §2). */
export interface CommandMetadata {
  now: Date;
  actorId: string;
}

/** Agencies an actor administers, resolved at the edge from their roles: BKPSDM = ALL, admin OPD = their own. */
export type AdminScope = 'ALL' | readonly string[];

export const administers = (scope: AdminScope, agencyId: string) => scope === 'ALL' || scope.includes(agencyId);

export const isBlank = (text: unknown) => typeof text !== 'string' || text.trim() === '';

/** The `default` of an exhaustive `evolve`: a compile error for an unhandled type, a no-op for an unknown stored one. */
export const ignoreUnknownEvent = <State>(_event: never, state: State): State => state;
