import { Controller, Get, INestApplication, Module } from '@nestjs/common';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importJWK, SignJWT } from 'jose';
import request from 'supertest';
import { createServiceApp } from '../app/bootstrap';
import { PlatformConfig } from '../config/config';
import { createLogger } from '../logging/logger';
import { Actor } from './actor';
import { CurrentActor, Public } from './decorators';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, LocalIssuer } from './local-issuer';
import { RoleGrants } from './role-grants';

@Controller()
class ProbeController {
  @Get('me')
  me(@CurrentActor() actor: Actor) {
    return actor;
  }

  @Public()
  @Get('open')
  open() {
    return { open: true };
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

const silent = createLogger({ service: 'probe', level: 'silent' });

function configFor(overrides: Partial<PlatformConfig>): PlatformConfig {
  return {
    PORT: 0,
    DATABASE_URL: 'postgres://unused',
    SERVICE_NAME: 'probe',
    LOG_LEVEL: 'silent',
    AUTH_MODE: 'local',
    AUTH_LOCAL_KEY_DIR: '.data/auth',
    ...overrides,
  };
}

describe('AuthGuard with the local issuer', () => {
  let dir: string;
  let otherDir: string;
  let issuer: LocalIssuer;
  let app: INestApplication;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kinerja-auth-'));
    otherDir = await mkdtemp(join(tmpdir(), 'kinerja-auth-other-'));
    issuer = await LocalIssuer.open(dir);
    app = await createServiceApp({ module: ProbeModule, config: configFor({ AUTH_LOCAL_KEY_DIR: dir }), logger: silent });
  });

  afterAll(async () => {
    await app.close();
    await rm(dir, { recursive: true, force: true });
    await rm(otherDir, { recursive: true, force: true });
  });

  it('accepts a token of the local issuer and gives the actor', async () => {
    const token = await issuer.issueToken({ sub: '199001012015031001', role: 'ADMIN_OPD', agencyId: 'DINKES' });
    const res = await request(app.getHttpServer()).get('/me').set('authorization', `Bearer ${token}`).expect(200);
    expect(res.body).toEqual({ id: '199001012015031001', role: 'ADMIN_OPD', agencyId: 'DINKES' });
  });

  it('refuses a request without a token with 401 and a JSON body', async () => {
    const res = await request(app.getHttpServer()).get('/me').expect(401);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body).toEqual({ statusCode: 401, code: 'TOKEN_MISSING', message: expect.stringContaining('token') });
  });

  it('refuses an expired token', async () => {
    const token = await issuer.issueToken({ sub: 'u1', role: 'EMPLOYEE', expiresIn: -30 });
    const res = await request(app.getHttpServer()).get('/me').set('authorization', `Bearer ${token}`).expect(401);
    expect(res.body.code).toBe('TOKEN_EXPIRED');
  });

  it('finding 13: refuses a token without an expiry (it would be valid forever), signed by the right key', async () => {
    const jwk = JSON.parse(await readFile(join(dir, 'private.jwk.json'), 'utf8'));
    const unbounded = await new SignJWT({ role: 'ADMIN_CITY' })
      .setProtectedHeader({ alg: 'ES256', kid: issuer.jwks().keys[0].kid, typ: 'JWT' })
      .setSubject('u1')
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setIssuedAt()
      .sign(await importJWK(jwk, 'ES256'));
    const res = await request(app.getHttpServer()).get('/me').set('authorization', `Bearer ${unbounded}`).expect(401);
    expect(res.body.code).toBe('TOKEN_CLAIM_INVALID');
    // The same token with an expiry is accepted: the key and claims are right, only `exp` was missing.
    const bounded = await new SignJWT({ role: 'ADMIN_CITY' })
      .setProtectedHeader({ alg: 'ES256', kid: issuer.jwks().keys[0].kid, typ: 'JWT' })
      .setSubject('u1')
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(await importJWK(jwk, 'ES256'));
    await request(app.getHttpServer()).get('/me').set('authorization', `Bearer ${bounded}`).expect(200);
  });

  it('refuses a token for another audience', async () => {
    const token = await issuer.issueToken({ sub: 'u1', role: 'EMPLOYEE', audience: 'another-app' });
    const res = await request(app.getHttpServer()).get('/me').set('authorization', `Bearer ${token}`).expect(401);
    expect(res.body.code).toBe('TOKEN_CLAIM_INVALID');
  });

  it('refuses a token signed by another key', async () => {
    const stranger = await LocalIssuer.open(otherDir);
    const token = await stranger.issueToken({ sub: 'u1', role: 'ADMIN_CITY' });
    const res = await request(app.getHttpServer()).get('/me').set('authorization', `Bearer ${token}`).expect(401);
    expect(res.body.code).toBe('TOKEN_SIGNATURE_INVALID');
  });

  it('refuses a token whose payload was altered', async () => {
    const token = await issuer.issueToken({ sub: 'u1', role: 'EMPLOYEE' });
    const [header, payload, signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), role: 'ADMIN_CITY' })).toString('base64url');
    const res = await request(app.getHttpServer()).get('/me').set('authorization', `Bearer ${header}.${forged}.${signature}`).expect(401);
    expect(res.body.code).toBe('TOKEN_SIGNATURE_INVALID');
  });

  it('refuses garbage and an unknown role', async () => {
    await request(app.getHttpServer()).get('/me').set('authorization', 'Bearer not-a-jwt').expect(401);
    const token = await issuer.issueToken({ sub: 'u1', role: 'KING' as never });
    const res = await request(app.getHttpServer()).get('/me').set('authorization', `Bearer ${token}`).expect(401);
    expect(res.body.code).toBe('TOKEN_INVALID');
  });

  it('refuses a malformed X-Kinerja-Role header with 400 naming the header', async () => {
    const token = await issuer.issueToken({ sub: '199001012015031001', role: 'EMPLOYEE', agencyId: 'DINKES' });
    for (const value of ['KING', 'ADMIN_OPD', 'ADMIN_CITY:DINKES', 'EMPLOYEE:a:b', 'PPK:bad agency']) {
      const res = await request(app.getHttpServer()).get('/me').set('authorization', `Bearer ${token}`).set('x-kinerja-role', value).expect(400);
      expect(res.body).toMatchObject({ code: 'ROLE_HEADER_INVALID', field: 'X-Kinerja-Role' });
    }
  });

  it('takes EMPLOYEE and SUPERVISOR as asked, the token\'s own role, and refuses an elevated role not granted with 403', async () => {
    const token = await issuer.issueToken({ sub: '199001012015031001', role: 'EMPLOYEE', agencyId: 'DINKES' });
    const as = (value: string) => request(app.getHttpServer()).get('/me').set('authorization', `Bearer ${token}`).set('x-kinerja-role', value);
    expect((await as('SUPERVISOR:DINKES').expect(200)).body).toEqual({ id: '199001012015031001', role: 'SUPERVISOR', agencyId: 'DINKES' });
    expect((await as('EMPLOYEE').expect(200)).body).toEqual({ id: '199001012015031001', role: 'EMPLOYEE', agencyId: 'DINKES' });
    expect((await as('ADMIN_CITY').expect(403)).body.code).toBe('ROLE_NOT_GRANTED');
    const admin = await issuer.issueToken({ sub: '199001012015031001', role: 'ADMIN_OPD', agencyId: 'DINKES' });
    const own = await request(app.getHttpServer()).get('/me').set('authorization', `Bearer ${admin}`).set('x-kinerja-role', 'ADMIN_OPD:DINKES').expect(200);
    expect(own.body).toEqual({ id: '199001012015031001', role: 'ADMIN_OPD', agencyId: 'DINKES' });
    const other = await request(app.getHttpServer()).get('/me').set('authorization', `Bearer ${admin}`).set('x-kinerja-role', 'ADMIN_OPD:BAPPEDA').expect(403);
    expect(other.body.code).toBe('ROLE_NOT_GRANTED');
  });

  it('accepts an elevated role through the header once the service\'s grant lookup says it was granted', async () => {
    const granted = new Set(['199001012015031001 ADMIN_OPD BAPPEDA']);
    app.get(RoleGrants).use({ isGranted: async (nip, role, agencyId) => granted.has(`${nip} ${role} ${agencyId ?? ''}`.trim()) });
    const token = await issuer.issueToken({ sub: '199001012015031001', role: 'EMPLOYEE', agencyId: 'DINKES' });
    const res = await request(app.getHttpServer()).get('/me').set('authorization', `Bearer ${token}`).set('x-kinerja-role', 'ADMIN_OPD:BAPPEDA').expect(200);
    expect(res.body).toEqual({ id: '199001012015031001', role: 'ADMIN_OPD', agencyId: 'BAPPEDA' });
    await request(app.getHttpServer()).get('/me').set('authorization', `Bearer ${token}`).set('x-kinerja-role', 'ADMIN_OPD:DINKES').expect(403);
  });

  it('lets public routes through and echoes the correlation id', async () => {
    const res = await request(app.getHttpServer()).get('/open').set('x-correlation-id', 'corr-123').expect(200);
    expect(res.body).toEqual({ open: true });
    expect(res.headers['x-correlation-id']).toBe('corr-123');
    const generated = await request(app.getHttpServer()).get('/health').expect(200);
    expect(generated.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reuses the key pair already in the directory and writes the public key beside it', async () => {
    const again = await LocalIssuer.open(dir);
    expect(again.publicJwk).toEqual(issuer.publicJwk);
    const publicFile = JSON.parse(await readFile(join(dir, 'public.jwk.json'), 'utf8'));
    expect(publicFile).toEqual(issuer.publicJwk);
    expect(publicFile.d).toBeUndefined();
  });
});

describe('LocalIssuer opened concurrently on an empty directory', () => {
  it('ends with one key pair that every opener uses', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kinerja-auth-race-'));
    try {
      const issuers = await Promise.all(Array.from({ length: 8 }, () => LocalIssuer.open(join(dir, 'keys'))));
      const kids = new Set(issuers.map((i) => i.publicJwk.kid));
      expect(kids.size).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('AuthGuard in OIDC mode (JWKS over HTTP)', () => {
  let dir: string;
  let provider: LocalIssuer;
  let jwksServer: Server;
  let jwksUrl: string;
  let app: INestApplication;
  const issuerUrl = 'https://sso.example.go.id/realms/asn';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kinerja-oidc-'));
    provider = await LocalIssuer.open(dir);
    jwksServer = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(provider.jwks()));
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/certs`;
    app = await createServiceApp({
      module: ProbeModule,
      config: configFor({ AUTH_MODE: 'oidc', OIDC_ISSUER: issuerUrl, OIDC_JWKS_URL: jwksUrl, OIDC_AUDIENCE: 'kinerja-api' }),
      logger: silent,
    });
  });

  afterAll(async () => {
    await app.close();
    await new Promise((resolve) => jwksServer.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  it('accepts a token of the issuer, verified with its JWKS; a role claim of the provider is not a grant', async () => {
    const token = await provider.issueToken({ sub: 'admin.kota', role: 'ADMIN_CITY', issuer: issuerUrl, audience: 'kinerja-api' });
    const res = await request(app.getHttpServer()).get('/me').set('authorization', `Bearer ${token}`).expect(200);
    expect(res.body).toEqual({ id: 'admin.kota', role: 'EMPLOYEE' });
    const elevated = await request(app.getHttpServer()).get('/me').set('authorization', `Bearer ${token}`).set('x-kinerja-role', 'ADMIN_CITY').expect(403);
    expect(elevated.body.code).toBe('ROLE_NOT_GRANTED');
  });

  it('refuses a token from another issuer or for another audience', async () => {
    const local = await provider.issueToken({ sub: 'admin.kota', role: 'ADMIN_CITY', audience: 'kinerja-api' });
    expect((await request(app.getHttpServer()).get('/me').set('authorization', `Bearer ${local}`).expect(401)).body.code).toBe('TOKEN_CLAIM_INVALID');
    const wrongAud = await provider.issueToken({ sub: 'admin.kota', role: 'ADMIN_CITY', issuer: issuerUrl });
    expect((await request(app.getHttpServer()).get('/me').set('authorization', `Bearer ${wrongAud}`).expect(401)).body.code).toBe('TOKEN_CLAIM_INVALID');
  });

  it('refuses a token signed by a key the JWKS does not hold', async () => {
    const otherDir = await mkdtemp(join(tmpdir(), 'kinerja-oidc-other-'));
    try {
      const stranger = await LocalIssuer.open(otherDir);
      const token = await stranger.issueToken({ sub: 'x', role: 'ADMIN_CITY', issuer: issuerUrl, audience: 'kinerja-api' });
      const res = await request(app.getHttpServer()).get('/me').set('authorization', `Bearer ${token}`).expect(401);
      expect(res.body.code).toBe('TOKEN_SIGNATURE_INVALID');
    } finally {
      await rm(otherDir, { recursive: true, force: true });
    }
  });
});
