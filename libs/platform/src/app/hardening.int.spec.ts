import { Body, Controller, Get, INestApplication, Ip, Module, Param, Post } from '@nestjs/common';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { ACTOR_DIRECTORY, ActorDirectory } from '../auth/access.guard';
import { Public } from '../auth/decorators';
import { LocalIssuer } from '../auth/local-issuer';
import { PlatformConfig } from '../config/config';
import { fixedClock } from '../context/clock';
import { createLogger } from '../logging/logger';
import { badRequestTarget, redactPath } from './hardening';
import { createServiceApp } from './bootstrap';

const handled: string[] = [];

@Controller()
class ProbeController {
  @Post('things')
  write(@Body() body: unknown) {
    handled.push('write');
    return { ok: true, size: JSON.stringify(body).length };
  }

  @Get('things/:id')
  read(@Param('id') id: string) {
    handled.push(`read:${id}`);
    return { id };
  }

  @Public()
  @Get('public/complaints/:code')
  track(@Param('code') code: string) {
    return { code: code.length };
  }

  @Public()
  @Get('whoami')
  whoami(@Ip() ip: string) {
    return { ip };
  }
}

const KNOWN = '199001012015031001';
const directory: ActorDirectory = { knows: (nip) => Promise.resolve(nip === KNOWN) };

@Module({ controllers: [ProbeController], providers: [{ provide: ACTOR_DIRECTORY, useValue: directory }] })
class ProbeModule {}

describe('every service is hardened by createServiceApp (issue 15)', () => {
  let dir: string;
  let issuer: LocalIssuer;
  let app: INestApplication;
  const lines: Record<string, any>[] = [];
  const OPS_TOKEN = 'ops-token-of-at-least-thirty-two-characters';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kinerja-hardening-'));
    issuer = await LocalIssuer.open(dir);
    const config: PlatformConfig = {
      PORT: 0,
      DATABASE_URL: 'postgres://unused',
      SERVICE_NAME: 'probe',
      LOG_LEVEL: 'info',
      AUTH_MODE: 'local',
      AUTH_LOCAL_KEY_DIR: dir,
      OPS_TOKEN,
      TRUSTED_PROXIES: ['loopback', '10.0.0.0/8'],
    };
    const logger = createLogger({ service: 'probe', level: 'info', destination: { write: (line: string) => void lines.push(JSON.parse(line)) } });
    app = await createServiceApp({ module: ProbeModule, config, logger, clock: fixedClock('2026-02-01T00:00:00Z') });
  });

  afterAll(async () => {
    await app.close();
    await rm(dir, { recursive: true, force: true });
  });

  const bearer = async (role: 'EMPLOYEE' | 'AUDITOR' | 'ADMIN_CITY', sub: string) => `Bearer ${await issuer.issueToken({ sub, role })}`;

  it('finding 8: a JSON body over the limit is 413 before authentication, never 500', async () => {
    const big = { text: 'x'.repeat(200_000) };
    const res = await request(app.getHttpServer()).post('/things').send(big).expect(413);
    expect(res.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect(lines.some((l) => l.msg === 'unexpected error')).toBe(false);
  });

  it('finding 8/9: a control character or a relative segment in a path id is 400 before any handler', async () => {
    const auth = await bearer('EMPLOYEE', KNOWN);
    for (const path of ['/things/a%00b', '/things/..%2Fx', '/things/%2E%2E', '/things/%E0%A4%A', '/things/x?q=a%00']) {
      const res = await request(app.getHttpServer()).get(path).set('authorization', auth).expect(400);
      expect(res.body).toMatchObject({ code: 'INVALID_REQUEST_TARGET' });
    }
    expect(handled.filter((h) => h.startsWith('read:'))).toEqual([]);
    // An encoded slash alone is a legitimate id (decision numbers).
    expect((await request(app.getHttpServer()).get('/things/KP%2F2023%2F001').set('authorization', auth).expect(200)).body).toEqual({ id: 'KP/2023/001' });
  });

  it('finding 11: security headers and no-store on every answer', async () => {
    const res = await request(app.getHttpServer()).get('/things/1').set('authorization', await bearer('EMPLOYEE', KNOWN)).expect(200);
    expect(res.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
    });
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('finding 13: an AUDITOR token never writes; reading stays allowed', async () => {
    const auditor = await bearer('AUDITOR', 'inspektorat');
    expect((await request(app.getHttpServer()).post('/things').set('authorization', auditor).send({ a: 1 }).expect(403)).body.code).toBe('READ_ONLY_ROLE');
    await request(app.getHttpServer()).get('/things/2').set('authorization', auditor).expect(200);
    expect(handled).not.toContain('write');
  });

  it('finding 13: a token naming a NIP the service does not know is 403', async () => {
    const stranger = await bearer('EMPLOYEE', '199912312020121999');
    expect((await request(app.getHttpServer()).get('/things/3').set('authorization', stranger).expect(403)).body.code).toBe('ACTOR_UNKNOWN');
    // Non-NIP subjects (service accounts, admins) are not employees.
    await request(app.getHttpServer()).get('/things/3').set('authorization', await bearer('ADMIN_CITY', 'bkpsdm.admin')).expect(200);
  });

  it('finding 14: /metrics and /docs need the ops token; /health stays open', async () => {
    await request(app.getHttpServer()).get('/health').expect(200);
    for (const path of ['/metrics', '/docs', '/docs-json', '/docs-yaml', '/health/ready']) {
      expect((await request(app.getHttpServer()).get(path)).status).toBe(401);
    }
    await request(app.getHttpServer()).get('/metrics').set('authorization', `Bearer ${OPS_TOKEN}`).expect(200);
    await request(app.getHttpServer()).get('/docs-json').set('authorization', `Bearer ${OPS_TOKEN}`).expect(200);
    expect((await request(app.getHttpServer()).get('/metrics').set('authorization', `Bearer ${OPS_TOKEN}x`)).status).toBe(401);
  });

  it('finding 5: the client is the rightmost X-Forwarded-For hop that is not a trusted proxy', async () => {
    const ip = async (forwarded: string) => (await request(app.getHttpServer()).get('/whoami').set('x-forwarded-for', forwarded).expect(200)).body.ip;
    expect(await ip('203.0.113.7')).toBe('203.0.113.7');
    // What a proxy produces when the client wrote its own header: the client cannot pick its address.
    expect(await ip('198.51.100.1, 203.0.113.7')).toBe('203.0.113.7');
    expect(await ip('198.51.100.2, 203.0.113.7, 10.1.2.3')).toBe('203.0.113.7');
  });

  it('finding 10: tracking codes are not written to the request log', async () => {
    await request(app.getHttpServer()).get('/public/complaints/ADU-SECRET-CODE-42').expect(200);
    const logged = JSON.stringify(lines.filter((l) => l.msg === 'request completed'));
    expect(logged).not.toContain('ADU-SECRET-CODE-42');
    expect(logged).toContain('/public/complaints/[redacted]');
  });

  it('names what is wrong in a request target, purely', () => {
    expect(badRequestTarget('/a/b?x=1')).toBeNull();
    expect(badRequestTarget('/a/%00')).toBe('path');
    expect(badRequestTarget('/a?x=%00')).toBe('query');
    expect(redactPath('/public/complaints/ABC/confirm')).toBe('/public/complaints/[redacted]/confirm');
    expect(redactPath('/auth/callback?code=xyz&state=1')).toBe('/auth/callback?code=[redacted]&state=1');
  });
});
