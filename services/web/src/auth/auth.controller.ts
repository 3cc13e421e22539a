import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res, UnauthorizedException } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { forbidden, invalid, notFound } from '@kinerja/domain';
import { Public, ROLES, RouteWithBody, ZodValidationPipe } from '@kinerja/platform';
import { publicUrlOf, serviceUrls, WebConfig } from '../config';
import { clearSessionCookie, csrfSatisfied, setSessionCookie, WebRequest } from '../session/session.middleware';
import { Grant, newCsrfToken, Session, SessionData, SessionStore } from '../session/session.store';
import { AUTHORITY, SESSION_STORE, WEB_CONFIG } from '../tokens';
import { callService, grantsOf, LocalAuthority } from './authority';
import { sameGrant } from './grants';
import { SessionView, sessionView } from './session-view';
import { OidcAuthority } from './oidc.authority';

export type Authority = LocalAuthority | OidcAuthority;

/** Express's response, as far as this controller uses it. */
type Response = ServerResponse & { redirect(status: number, url: string): void };

const grantBody = z.object({ role: z.enum(ROLES), agencyId: z.string().min(1).max(32).optional() }).strict();
const signInBody = grantBody.extend({ nip: z.string().regex(/^\d{18}$/, 'NIP terdiri atas 18 angka.') }).strict();
const peopleQuery = z.object({ q: z.string().max(100).optional() }).strict();

interface PersonItem {
  nip: string;
  name: string;
  agencyId: string;
  jabatan: string | null;
  unitKerja: string | null;
}

/** A path inside the console to come back to after sign-in; anything else goes to the start page. */
export function safeReturnPath(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) && !value.startsWith('/auth/') ? value : '/';
}

const CSRF_INVALID_ERROR = () => forbidden('CSRF_TOKEN_INVALID', 'Permintaan ditolak: token keamanan (CSRF) tidak ada atau tidak cocok. Muat ulang halaman.');

/** Sign-in (development page or OpenID Connect), the session, the role switch and sign-out. */
@ApiTags('auth')
@Public()
@Controller('auth')
export class AuthController {
  private readonly urls;
  private readonly cookie;

  constructor(
    @Inject(WEB_CONFIG) private readonly config: WebConfig,
    @Inject(SESSION_STORE) private readonly store: SessionStore,
    @Inject(AUTHORITY) private readonly authority: Authority,
  ) {
    this.urls = serviceUrls(config);
    this.cookie = { secure: publicUrlOf(config).startsWith('https:'), maxAge: config.SESSION_MAX_HOURS * 3600 };
  }

  @Get('session')
  @ApiOperation({ summary: 'The session as the console sees it (person, roles, active role, CSRF token); opens an anonymous one if needed.' })
  async session(@Req() req: WebRequest, @Res({ passthrough: true }) res: Response): Promise<SessionView> {
    let session = req.kinerjaSession;
    if (!session) {
      session = await this.store.create({ csrf: newCsrfToken() });
      setSessionCookie(res, session.id, this.cookie);
    }
    res.setHeader('cache-control', 'no-store');
    return this.view(session.data);
  }

  @HttpCode(200)
  @RouteWithBody(Post('role'), 'Switch the active role to one of the grants of the session.', grantBody)
  async switchRole(@Req() req: WebRequest, @Body(new ZodValidationPipe(grantBody)) body: z.infer<typeof grantBody>): Promise<SessionView> {
    const session = this.signedIn(req);
    const grant = (session.data.grants ?? []).find((g) => sameGrant(g, body) || (g.role === body.role && body.agencyId === undefined));
    if (!grant) throw forbidden('ROLE_NOT_GRANTED', 'Anda tidak memiliki peran tersebut.');
    session.data.active = grant;
    if (this.authority.mode === 'local') session.data.tokens = await this.authority.mint(session.data.user!, grant);
    await this.store.save(session);
    return this.view(session.data);
  }

  @Post('logout')
  @HttpCode(200)
  @ApiOperation({ summary: "Sign out: the session ends here (and at the identity provider in OIDC mode, through the returned address)." })
  async logout(@Req() req: WebRequest, @Res({ passthrough: true }) res: Response): Promise<{ redirect: string }> {
    const session = req.kinerjaSession;
    if (session && !csrfSatisfied(req)) throw CSRF_INVALID_ERROR();
    let redirect = '/masuk';
    if (session) {
      if (this.authority.mode === 'oidc' && session.data.tokens) redirect = this.authority.logoutUrl(session.data);
      await this.store.destroy(session.id);
    }
    clearSessionCookie(res, this.cookie);
    return { redirect };
  }

  // ------------------------------------------------------------ development sign-in (AUTH_MODE=local)

  @Get('dev/people')
  @ApiOperation({ summary: 'Development sign-in (AUTH_MODE=local only): people of the city by name or NIP.' })
  @ApiQuery({ name: 'q', required: false })
  async people(@Query(new ZodValidationPipe(peopleQuery)) query: z.infer<typeof peopleQuery>): Promise<{ items: PersonItem[] }> {
    const local = this.localOnly();
    const params = new URLSearchParams({ limit: '10', ...(query.q ? { q: query.q } : {}) });
    const res = await callService<{ items: PersonItem[] }>(this.urls, 'work-planning', `/employees?${params}`, await local.serviceToken(), { role: 'ADMIN_CITY' });
    if (res.status !== 200) throw new Error(`work-planning answered ${res.status} to the people search`);
    return { items: res.body.items.map(({ nip, name, agencyId, jabatan, unitKerja }) => ({ nip, name, agencyId, jabatan, unitKerja })) };
  }

  @Get('dev/people/:nip/roles')
  @ApiOperation({ summary: 'Development sign-in: the roles this person may take.' })
  async rolesOf(@Param('nip') nip: string): Promise<{ nip: string; name: string; grants: Grant[] }> {
    const person = await this.person(nip);
    const token = await this.localOnly().mint(person, { role: 'EMPLOYEE' });
    return { nip: person.nip, name: person.name, grants: await grantsOf(this.urls, person, token.access) };
  }

  @HttpCode(200)
  @RouteWithBody(Post('dev/sign-in'), 'Development sign-in: become this person in one of their roles; the web service mints the token with the local issuer.', signInBody)
  async devSignIn(
    @Req() req: WebRequest,
    @Res({ passthrough: true }) res: Response,
    @Body(new ZodValidationPipe(signInBody)) body: z.infer<typeof signInBody>,
  ): Promise<SessionView> {
    const local = this.localOnly();
    if (!req.kinerjaSession || !csrfSatisfied(req)) throw CSRF_INVALID_ERROR();
    const person = await this.person(body.nip);
    const grants = await grantsOf(this.urls, person, (await local.mint(person, { role: 'EMPLOYEE' })).access);
    const active = grants.find((g) => sameGrant(g, body) || (g.role === body.role && body.agencyId === undefined));
    if (!active) throw forbidden('ROLE_NOT_GRANTED', 'Orang ini tidak dapat masuk dengan peran tersebut.');
    const session = await this.store.rotate(req.kinerjaSession, {
      csrf: newCsrfToken(),
      user: person,
      grants,
      active,
      tokens: await local.mint(person, active),
    });
    setSessionCookie(res, session.id, this.cookie);
    return this.view(session.data);
  }

  // ------------------------------------------------------------ OpenID Connect (AUTH_MODE=oidc)

  @Get('login')
  @ApiOperation({ summary: "OIDC: redirect to the city's identity provider (authorization code flow with PKCE)." })
  @ApiQuery({ name: 'returnTo', required: false })
  async login(@Req() req: WebRequest, @Res() res: Response, @Query('returnTo') returnTo: string | undefined): Promise<void> {
    if (this.authority.mode !== 'oidc') return res.redirect(302, `/masuk?kembali=${encodeURIComponent(safeReturnPath(returnTo))}`);
    const { url, login } = await this.authority.begin(safeReturnPath(returnTo));
    const data: SessionData = { csrf: newCsrfToken(), login };
    const session = req.kinerjaSession ? await this.store.rotate(req.kinerjaSession, data) : await this.store.create(data);
    setSessionCookie(res, session.id, this.cookie);
    res.redirect(302, url);
  }

  @Get('callback')
  @ApiOperation({ summary: 'OIDC: the redirect back from the identity provider.' })
  async callback(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    if (this.authority.mode !== 'oidc') throw notFound('OIDC_DISABLED', 'Masuk melalui penyedia identitas tidak diaktifkan.');
    const login = req.kinerjaSession?.data.login;
    if (!req.kinerjaSession || !login) return res.redirect(302, '/masuk?galat=sesi');
    const identity = await this.authority.complete(new URL(req.url ?? '/', publicUrlOf(this.config)), login).catch(() => undefined);
    if (!identity) return res.redirect(302, '/masuk?galat=penyedia');
    const self: Grant = identity.user.agencyId ? { role: 'EMPLOYEE', agencyId: identity.user.agencyId } : { role: 'EMPLOYEE' };
    const grants = await grantsOf(this.urls, identity.user, identity.tokens.access);
    const session = await this.store.rotate(req.kinerjaSession, { csrf: newCsrfToken(), user: identity.user, grants, active: self, tokens: identity.tokens });
    setSessionCookie(res, session.id, this.cookie);
    res.redirect(302, login.returnTo);
  }

  // ------------------------------------------------------------

  private view(data: SessionData): SessionView {
    return sessionView(data, this.authority.mode, this.config.CITY_TIME_ZONE);
  }

  private signedIn(req: WebRequest): Session {
    const session = req.kinerjaSession;
    if (!session?.data.user) throw new UnauthorizedException({ code: 'SESSION_REQUIRED', message: 'Sesi Anda telah berakhir; silakan masuk kembali.' });
    if (!csrfSatisfied(req)) throw CSRF_INVALID_ERROR();
    return session;
  }

  private localOnly(): LocalAuthority {
    if (this.authority.mode !== 'local') throw notFound('DEV_SIGN_IN_DISABLED', 'Halaman masuk pengembangan hanya tersedia pada mode lokal.');
    return this.authority;
  }

  private async person(nip: string): Promise<{ nip: string; name: string; agencyId: string }> {
    if (!/^\d{18}$/.test(nip)) throw invalid('NIP_INVALID', 'NIP terdiri atas 18 angka.', 'nip');
    const res = await callService<{ nip: string; name: string; agencyId: string }>(
      this.urls,
      'work-planning',
      `/employees/${nip}`,
      await this.localOnly().serviceToken(),
      { role: 'ADMIN_CITY' },
    );
    if (res.status === 404) throw notFound('EMPLOYEE_NOT_FOUND', `Pegawai dengan NIP ${nip} tidak ditemukan.`);
    if (res.status !== 200) throw new Error(`work-planning answered ${res.status} for an employee`);
    return { nip: res.body.nip, name: res.body.name, agencyId: res.body.agencyId };
  }
}
