/**
 * A small client of Keycloak's admin REST API (`/admin/realms/{realm}/...`): what provisioning and
 * the tests need, no more. It signs in either as a confidential client's service account (the
 * realm's `kinerja-provisioner`, with realm-management's user roles only) or, for tests and
 * one-off operations, as a master-realm administrator.
 */
export type KeycloakCredentials =
  | { kind: 'client'; clientId: string; clientSecret: string }
  | { kind: 'admin'; username: string; password: string };

export interface KeycloakAdminOptions {
  /** The server's base URL, e.g. http://127.0.0.1:18080. */
  url: string;
  /** The realm whose users are managed. */
  realm: string;
  credentials: KeycloakCredentials;
  /** Per request. Default 10 s. */
  timeoutMs?: number;
}

export interface KeycloakUser {
  id: string;
  username: string;
  enabled: boolean;
  firstName?: string;
  lastName?: string;
  attributes?: Record<string, string[]>;
  requiredActions?: string[];
}

export class KeycloakAdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'KeycloakAdminError';
  }
}

export class KeycloakAdmin {
  private token?: { value: string; expiresAt: number };
  private readonly base: string;

  constructor(private readonly options: KeycloakAdminOptions) {
    this.base = options.url.replace(/\/$/, '');
  }

  get realm(): string {
    return this.options.realm;
  }

  /** Any admin REST call on the realm (`path` after /admin/realms/{realm}); JSON in and out. */
  async request<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T; location?: string }> {
    const res = await fetch(`${this.base}/admin/realms/${encodeURIComponent(this.options.realm)}${path}`, {
      method,
      headers: { authorization: `Bearer ${await this.accessToken()}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
    });
    const text = await res.text();
    if (res.status >= 400) throw new KeycloakAdminError(res.status, `Keycloak ${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T, ...(res.headers.get('location') ? { location: res.headers.get('location')! } : {}) };
  }

  async findUser(username: string): Promise<KeycloakUser | undefined> {
    const { body } = await this.request<KeycloakUser[]>('GET', `/users?exact=true&briefRepresentation=false&username=${encodeURIComponent(username)}`);
    return body.find((u) => u.username === username.toLowerCase());
  }

  /** Creates the user or updates the given fields; returns the user's id. */
  async upsertUser(user: Omit<KeycloakUser, 'id'>): Promise<string> {
    const existing = await this.findUser(user.username);
    if (existing) {
      await this.request('PUT', `/users/${existing.id}`, { ...user, attributes: { ...existing.attributes, ...user.attributes } });
      return existing.id;
    }
    try {
      const created = await this.request('POST', '/users', user);
      return created.location?.split('/').pop() ?? (await this.findUser(user.username))!.id;
    } catch (error) {
      // Created meanwhile by another consumer: update it instead.
      if (error instanceof KeycloakAdminError && error.status === 409) return this.upsertUser(user);
      throw error;
    }
  }

  async setEnabled(username: string, enabled: boolean): Promise<boolean> {
    const existing = await this.findUser(username);
    if (!existing) return false;
    if (existing.enabled !== enabled) await this.request('PUT', `/users/${existing.id}`, { enabled });
    return true;
  }

  async setPassword(userId: string, password: string, temporary: boolean): Promise<void> {
    await this.request('PUT', `/users/${userId}/reset-password`, { type: 'password', value: password, temporary });
  }

  private async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt - Date.now() > 30_000) return this.token.value;
    const { credentials } = this.options;
    const realm = credentials.kind === 'admin' ? 'master' : this.options.realm;
    const form: Record<string, string> =
      credentials.kind === 'admin'
        ? { grant_type: 'password', client_id: 'admin-cli', username: credentials.username, password: credentials.password }
        : { grant_type: 'client_credentials', client_id: credentials.clientId, client_secret: credentials.clientSecret };
    const res = await fetch(`${this.base}/realms/${encodeURIComponent(realm)}/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
    });
    const body = (await res.json().catch(() => ({}))) as { access_token?: string; expires_in?: number; error_description?: string };
    if (!res.ok || !body.access_token) throw new KeycloakAdminError(res.status, `Keycloak sign-in for the admin API failed: ${res.status} ${body.error_description ?? ''}`);
    this.token = { value: body.access_token, expiresAt: Date.now() + (body.expires_in ?? 60) * 1000 };
    return body.access_token;
  }
}
