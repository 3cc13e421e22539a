import { KeycloakAdmin, passwordGrantClient } from '@kinerja/identity';
import { describeWithRequirement } from './kafka';

/** The realm deploy/local/keycloak.sh imports (deploy/keycloak/kinerja-realm.json). */
export const KEYCLOAK_REALM = 'kinerja';

/** KEYCLOAK_URL (the server's base URL; `npm test` starts deploy/local/keycloak.sh when unset), or null. */
export function keycloakUrl(): string | null {
  const value = process.env.KEYCLOAK_URL?.trim().replace(/\/$/, '');
  return value ? value : null;
}

/** Runs the suite against the Keycloak of KEYCLOAK_URL; without it, a loud skip that fails under CI=true. */
export function describeWithKeycloak(name: string, fn: (url: string) => void): void {
  const url = keycloakUrl();
  describeWithRequirement(name, { available: url !== null, missing: 'no Keycloak (set KEYCLOAK_URL, or install Java and Maven for deploy/local/keycloak.sh)' }, () =>
    fn(url as string),
  );
}

/** The realm's admin API as the master realm's administrator (KC_BOOTSTRAP_ADMIN_USERNAME/PASSWORD, default admin/admin). */
export function keycloakAdmin(url: string): KeycloakAdmin {
  return new KeycloakAdmin({
    url,
    realm: KEYCLOAK_REALM,
    credentials: { kind: 'admin', username: process.env.KC_BOOTSTRAP_ADMIN_USERNAME ?? 'admin', password: process.env.KC_BOOTSTRAP_ADMIN_PASSWORD ?? 'admin' },
  });
}

export const issuerOf = (url: string): string => `${url}/realms/${KEYCLOAK_REALM}`;

export { passwordGrantClient };

/** A user of the realm with a password (not temporary); returns the user's id. */
export async function keycloakUser(admin: KeycloakAdmin, user: { username: string; password: string; name?: string; agencyId?: string }): Promise<string> {
  const id = await admin.upsertUser({
    username: user.username,
    enabled: true,
    ...(user.name ? { firstName: user.name } : {}),
    ...(user.agencyId ? { attributes: { agency_id: [user.agencyId] } } : {}),
  });
  await admin.setPassword(id, user.password, false);
  return id;
}
