import type { EventMetadata } from '@kinerja/event-store';
import { Actor, eventMetadata } from '@kinerja/platform';

/**
 * Citizens have no account. Their events record the actor `citizen` and nothing about them: no
 * address, no user agent (the rate limiter sees the address and forgets it).
 */
export const CITIZEN = { id: 'citizen', role: 'CITIZEN' } as const;

export function citizenMetadata(now: Date, agencyId?: string): EventMetadata {
  return eventMetadata(CITIZEN as unknown as Actor, { now, ...(agencyId ? { agencyId } : {}) });
}
