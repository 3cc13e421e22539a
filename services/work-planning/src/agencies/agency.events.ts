import { DomainEvent } from '@kinerja/domain';

/** Stream of one agency (OPD). The agency id is its code, upper-cased: codes are unique city-wide. */
export const agencyStream = (agencyId: string) => `agency-${agencyId}`;

export type AgencyRegistered = DomainEvent<
  'AgencyRegistered',
  { agencyId: string; code: string; name: string; registeredAt: string; registeredBy: string }
>;

export type AgencyEvent = AgencyRegistered;
