import { LocalIssuer, ROLE_HEADER } from '@kinerja/platform';
import { ApiService } from '../config';
import { Grant, SessionData } from '../session/session.store';
import { grantKey, recordedGrants } from './grants';

export { ROLE_HEADER };

export type Tokens = NonNullable<SessionData['tokens']>;

/** Renew a token this long before it expires, so a request never leaves with one about to lapse. */
const RENEW_BEFORE_MS = 60_000;

export const expiringSoon = (tokens: Tokens, now = Date.now()) => tokens.expiresAt - now < RENEW_BEFORE_MS;

/** Calls a service as the signed-in person (their token, their active role). */
export async function callService<T>(
  urls: Record<ApiService, string>,
  service: ApiService,
  path: string,
  token: string,
  grant: Grant,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${urls[service]}${path}`, {
    headers: { authorization: `Bearer ${token}`, [ROLE_HEADER]: grantKey(grant), accept: 'application/json' },
    signal: AbortSignal.timeout(10_000),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as T };
}

/**
 * The roles a person may take: always themself as pegawai, pejabat penilai when someone reports to
 * them today (the organisation decides that, not a grant), and the role grants work-planning
 * recorded for them (GET /role-grants?nip=, which everyone may ask about themself). The services
 * accept exactly these in the X-Kinerja-Role header.
 */
export async function grantsOf(urls: Record<ApiService, string>, user: { nip: string; agencyId?: string }, employeeToken: string): Promise<Grant[]> {
  const self: Grant = user.agencyId ? { role: 'EMPLOYEE', agencyId: user.agencyId } : { role: 'EMPLOYEE' };
  const nip = encodeURIComponent(user.nip);
  const [team, recorded] = await Promise.all([
    callService<{ team?: unknown[] }>(urls, 'work-planning', `/supervisors/${nip}/team`, employeeToken, self),
    callService<{ grants?: unknown }>(urls, 'work-planning', `/role-grants?nip=${nip}`, employeeToken, self),
  ]);
  const grants: Grant[] = [self];
  if (team.status === 200 && (team.body?.team?.length ?? 0) > 0) grants.push({ ...self, role: 'SUPERVISOR' });
  if (recorded.status === 200) grants.push(...recordedGrants(recorded.body?.grants));
  return grants;
}

/** Local mode: the web service mints the person's access token with the local issuer (the embedded default). */
export class LocalAuthority {
  readonly mode = 'local' as const;
  private service?: { token: string; expiresAt: number };
  private documents?: { token: string; expiresAt: number };

  constructor(
    private readonly issuer: LocalIssuer,
    private readonly tokenMinutes: number,
  ) {}

  async mint(user: { nip: string; agencyId?: string }, active: Grant): Promise<Tokens> {
    const seconds = this.tokenMinutes * 60;
    const agencyId = active.agencyId ?? user.agencyId;
    const access = await this.issuer.issueToken({ sub: user.nip, role: active.role, ...(agencyId ? { agencyId } : {}), expiresIn: seconds });
    return { access, expiresAt: Date.now() + seconds * 1000 };
  }

  /**
   * The development sign-in page's own identity: it lists the people of the city to pick from.
   * Local mode only; it never leaves the web service.
   */
  async serviceToken(): Promise<string> {
    if (!this.service || expiringSoon({ access: this.service.token, expiresAt: this.service.expiresAt })) {
      const token = await this.issuer.issueToken({ sub: 'kinerja-web.dev-sign-in', role: 'ADMIN_CITY', expiresIn: 300 });
      this.service = { token, expiresAt: Date.now() + 300_000 };
    }
    return this.service.token;
  }

  /**
   * The official documents' own identity (AUDITOR: reads, never writes): a document is composed,
   * and verified on the public page, the same way whoever printed it. Local mode only.
   */
  async documentsToken(): Promise<string> {
    if (!this.documents || expiringSoon({ access: this.documents.token, expiresAt: this.documents.expiresAt })) {
      const token = await this.issuer.issueToken({ sub: 'kinerja-web.documents', role: 'AUDITOR', expiresIn: 300 });
      this.documents = { token, expiresAt: Date.now() + 300_000 };
    }
    return this.documents.token;
  }

  async accessToken(data: SessionData): Promise<string | undefined> {
    if (!data.user || !data.active) return undefined;
    if (!data.tokens || expiringSoon(data.tokens)) data.tokens = await this.mint(data.user, data.active);
    return data.tokens.access;
  }
}
