import type * as OpenIdClient from 'openid-client';
import { SessionData } from '../session/session.store';
import { expiringSoon, Tokens } from './authority';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  redirectUri: string;
  scopes: string;
  nipClaim: string;
  postLogoutRedirectUri: string;
  /** The documents' read-only client (client credentials), when the city configured one. */
  documentsClient?: { clientId: string; clientSecret: string };
}

export interface OidcIdentity {
  user: { nip: string; name: string; agencyId?: string };
  tokens: Tokens;
}

/**
 * OpenID Connect authorization code flow with PKCE (openid-client), against the city's provider
 * (Keycloak by reference). The provider proves who the person is; what they may do comes from the
 * role grants Kinerja recorded (work-planning) and from the organisation (grantsOf).
 */
export class OidcAuthority {
  readonly mode = 'oidc' as const;

  private documents?: { token: string; expiresAt: number };

  private constructor(
    private readonly client: typeof OpenIdClient,
    private readonly configuration: OpenIdClient.Configuration,
    private readonly settings: OidcSettings,
    private readonly documentsConfiguration: OpenIdClient.Configuration | null,
  ) {}

  static async discover(settings: OidcSettings): Promise<OidcAuthority> {
    // openid-client is an ES module; loaded only in this mode.
    const client = (await import('openid-client')) as typeof OpenIdClient;
    const issuer = new URL(settings.issuer);
    const insecure = issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : undefined;
    const configuration = await client.discovery(issuer, settings.clientId, settings.clientSecret, settings.clientSecret ? undefined : client.None(), insecure);
    const documents = settings.documentsClient
      ? await client.discovery(issuer, settings.documentsClient.clientId, settings.documentsClient.clientSecret, undefined, insecure)
      : null;
    return new OidcAuthority(client, configuration, settings, documents);
  }

  /** Whether the documents have an identity of their own (OIDC_DOCUMENTS_CLIENT_ID). */
  get mintsDocumentsToken(): boolean {
    return this.documentsConfiguration !== null;
  }

  /**
   * The official documents' own identity: a client-credentials token of the documents' client,
   * which the services take as AUDITOR (reads, never writes); renewed before it lapses.
   */
  async documentsToken(): Promise<string> {
    if (!this.documentsConfiguration) throw new Error('no documents client configured (OIDC_DOCUMENTS_CLIENT_ID)');
    if (!this.documents || expiringSoon({ access: this.documents.token, expiresAt: this.documents.expiresAt })) {
      const response = await this.client.clientCredentialsGrant(this.documentsConfiguration);
      this.documents = { token: response.access_token, expiresAt: Date.now() + (response.expires_in ?? 300) * 1000 };
    }
    return this.documents.token;
  }

  async begin(returnTo: string): Promise<{ url: string; login: NonNullable<SessionData['login']> }> {
    const codeVerifier = this.client.randomPKCECodeVerifier();
    const state = this.client.randomState();
    const nonce = this.client.randomNonce();
    const url = this.client.buildAuthorizationUrl(this.configuration, {
      redirect_uri: this.settings.redirectUri,
      scope: this.settings.scopes,
      code_challenge: await this.client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, login: { codeVerifier, state, nonce, returnTo } };
  }

  async complete(callbackUrl: URL, login: NonNullable<SessionData['login']>): Promise<OidcIdentity> {
    const response = await this.client.authorizationCodeGrant(this.configuration, callbackUrl, {
      pkceCodeVerifier: login.codeVerifier,
      expectedState: login.state,
      expectedNonce: login.nonce,
      idTokenExpected: true,
    });
    const claims: Record<string, unknown> = response.claims() ?? {};
    const access = decodePayload(response.access_token);
    const nip = String(claims[this.settings.nipClaim] ?? access[this.settings.nipClaim] ?? claims.sub);
    const agency = claims.agency_id ?? access.agency_id;
    return {
      user: { nip, name: String(claims.name ?? nip), ...(typeof agency === 'string' && agency ? { agencyId: agency } : {}) },
      tokens: tokensOf(response),
    };
  }

  async accessToken(data: SessionData): Promise<string | undefined> {
    if (!data.tokens) return undefined;
    if (!expiringSoon(data.tokens)) return data.tokens.access;
    if (!data.tokens.refresh) return undefined;
    try {
      const response = await this.client.refreshTokenGrant(this.configuration, data.tokens.refresh);
      data.tokens = { ...tokensOf(response), idToken: response.id_token ?? data.tokens.idToken, refresh: response.refresh_token ?? data.tokens.refresh };
      return data.tokens.access;
    } catch {
      return undefined;
    }
  }

  logoutUrl(data: SessionData): string {
    return this.client.buildEndSessionUrl(this.configuration, {
      post_logout_redirect_uri: this.settings.postLogoutRedirectUri,
      ...(data.tokens?.idToken ? { id_token_hint: data.tokens.idToken } : {}),
    }).href;
  }
}

function tokensOf(response: OpenIdClient.TokenEndpointResponse): Tokens {
  return {
    access: response.access_token,
    ...(response.refresh_token ? { refresh: response.refresh_token } : {}),
    ...(response.id_token ? { idToken: response.id_token } : {}),
    expiresAt: Date.now() + (response.expires_in ?? 300) * 1000,
  };
}

/** The access token's claims, read without verifying: it came straight from the token endpoint over TLS; the services verify it. */
function decodePayload(token: string): Record<string, unknown> {
  try {
    return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}
