/** Roles a token may carry (docs/design.md §7). */
export const ROLES = ['EMPLOYEE', 'SUPERVISOR', 'ADMIN_OPD', 'ADMIN_CITY', 'PPK', 'AUDITOR'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** The authenticated caller: `id` is the token subject (a NIP or a user id). */
export interface Actor {
  id: string;
  role: Role;
  agencyId?: string;
}
