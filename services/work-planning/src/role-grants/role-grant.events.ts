import { DomainEvent } from '@kinerja/domain';

/** Stream of one person's role grants: Keycloak proves who the person is (their NIP), these events what they may do. */
export const roleGrantStream = (nip: string) => `role-grants-${nip}`;

export type GrantedRole = 'ADMIN_OPD' | 'ADMIN_CITY' | 'PPK' | 'AUDITOR';

export type RoleGranted = DomainEvent<
  'RoleGranted',
  { nip: string; role: GrantedRole; agencyId: string | null; grantedBy: string; grantedAt: string; reason: string | null }
>;

export type RoleRevoked = DomainEvent<
  'RoleRevoked',
  { nip: string; role: GrantedRole; agencyId: string | null; revokedBy: string; revokedAt: string; reason: string | null }
>;

export type RoleGrantEvent = RoleGranted | RoleRevoked;
