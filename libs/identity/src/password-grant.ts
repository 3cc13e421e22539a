import { randomBytes } from 'node:crypto';
import { KeycloakAdmin } from './keycloak-admin';

/**
 * A throw-away client of the realm that may exchange a password for tokens (the realm's own
 * clients may not), carrying the console client's protocol mappers, so its access tokens look
 * like the console's. Returns how to get an access token, and how to remove the client.
 */
export async function passwordGrantClient(url: string, admin: KeycloakAdmin): Promise<{ token(username: string, password: string): Promise<string>; remove(): Promise<void> }> {
  const [web] = (await admin.request<Array<{ protocolMappers?: Array<Record<string, unknown>> }>>('GET', '/clients?clientId=kinerja-web')).body;
  const clientId = `kinerja-test-${randomBytes(4).toString('hex')}`;
  const created = await admin.request('POST', '/clients', {
    clientId,
    publicClient: true,
    standardFlowEnabled: false,
    directAccessGrantsEnabled: true,
    protocolMappers: (web?.protocolMappers ?? []).map(({ id: _id, ...mapper }) => mapper),
  });
  const id = created.location!.split('/').pop()!;
  return {
    async token(username, password) {
      const res = await fetch(`${`${url}/realms/${encodeURIComponent(admin.realm)}`}/protocol/openid-connect/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'password', client_id: clientId, username, password, scope: 'openid' }).toString(),
      });
      const body = (await res.json()) as { access_token?: string; error_description?: string };
      if (!body.access_token) throw new Error(`Keycloak refused the password grant for ${username}: ${res.status} ${body.error_description ?? ''}`);
      return body.access_token;
    },
    remove: async () => void (await admin.request('DELETE', `/clients/${id}`)),
  };
}
