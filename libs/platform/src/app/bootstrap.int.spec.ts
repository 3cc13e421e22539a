import { Body, Controller, Get, INestApplication, Module, Post } from '@nestjs/common';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { z } from 'zod';
import { conflict } from '@kinerja/domain';
import { Actor } from '../auth/actor';
import { CurrentActor, Public } from '../auth/decorators';
import { LocalIssuer } from '../auth/local-issuer';
import { PlatformConfig } from '../config/config';
import { fixedClock } from '../context/clock';
import { eventMetadata } from '../context/event-metadata';
import { HealthRegistry } from '../health/health';
import { createLogger } from '../logging/logger';
import { ZodValidationPipe } from '../validation/zod-validation';
import { createServiceApp } from './bootstrap';

const echoBody = z.object({ name: z.string().min(1), count: z.number().int() }).strict();

@Controller()
class ProbeController {
  @Post('echo')
  echo(@Body(new ZodValidationPipe(echoBody)) body: z.infer<typeof echoBody>, @CurrentActor() actor: Actor) {
    return { body, metadata: eventMetadata(actor, { now: new Date('2026-02-01T00:00:00Z'), occurredAt: '2026-01-31T09:00:00.000Z' }) };
  }

  @Public()
  @Get('boom')
  boom() {
    throw new TypeError('connection string postgres://admin:secret@db failed');
  }

  @Public()
  @Get('taken')
  taken() {
    throw conflict('ALREADY_TAKEN', 'Sudah dipakai.');
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

describe('createServiceApp', () => {
  let dir: string;
  let issuer: LocalIssuer;
  let app: INestApplication;
  const lines: Record<string, any>[] = [];
  const closed: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kinerja-bootstrap-'));
    issuer = await LocalIssuer.open(dir);
    const config: PlatformConfig = {
      PORT: 0,
      DATABASE_URL: 'postgres://unused',
      SERVICE_NAME: 'probe',
      LOG_LEVEL: 'info',
      AUTH_MODE: 'local',
      AUTH_LOCAL_KEY_DIR: dir,
    };
    const logger = createLogger({ service: 'probe', level: 'info', destination: { write: (line: string) => void lines.push(JSON.parse(line)) } });
    app = await createServiceApp({ module: ProbeModule, config, logger, clock: fixedClock('2026-02-01T00:00:00Z'), onClose: [() => void closed.push('pool')] });
  });

  afterAll(async () => {
    await app.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('logs one JSON line per request with service, correlation id, method, path, status and duration', async () => {
    await request(app.getHttpServer()).get('/health').set('x-correlation-id', 'corr-log-1').expect(200);
    const line = lines.find((l) => l.msg === 'request completed' && l.correlationId === 'corr-log-1');
    expect(line).toMatchObject({ level: 'info', service: 'probe', method: 'GET', path: '/health', route: '/health', status: 200 });
    expect(typeof line?.durationMs).toBe('number');
    expect(lines.filter((l) => l.correlationId === 'corr-log-1')).toHaveLength(1);
  });

  it('passes the traceparent through', async () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const res = await request(app.getHttpServer()).get('/health').set('traceparent', traceparent).expect(200);
    expect(res.headers.traceparent).toBe(traceparent);
  });

  it('builds event metadata from the actor and the request context', async () => {
    const token = await issuer.issueToken({ sub: '199001012015031001', role: 'ADMIN_OPD', agencyId: 'DINKES' });
    const res = await request(app.getHttpServer())
      .post('/echo')
      .set('authorization', `Bearer ${token}`)
      .set('x-correlation-id', 'corr-meta')
      .send({ name: 'a', count: 1 })
      .expect(201);
    expect(res.body.metadata).toEqual({
      actorId: '199001012015031001',
      actorRole: 'ADMIN_OPD',
      agencyId: 'DINKES',
      correlationId: 'corr-meta',
      causationId: res.headers['x-request-id'],
      occurredAt: '2026-01-31T09:00:00.000Z',
    });
  });

  it('refuses unknown fields and wrong types with 400 naming them', async () => {
    const token = await issuer.issueToken({ sub: 'u', role: 'EMPLOYEE' });
    const res = await request(app.getHttpServer())
      .post('/echo')
      .set('authorization', `Bearer ${token}`)
      .send({ name: 'a', count: 'two', admin: true })
      .expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['admin', 'count']);
  });

  it('answers malformed JSON with 400 in the common shape', async () => {
    const token = await issuer.issueToken({ sub: 'u', role: 'EMPLOYEE' });
    const res = await request(app.getHttpServer())
      .post('/echo')
      .set('authorization', `Bearer ${token}`)
      .set('content-type', 'application/json')
      .send('{"name": ')
      .expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'BAD_REQUEST' });
  });

  it('maps domain errors and hides unexpected ones behind a logged 500', async () => {
    expect((await request(app.getHttpServer()).get('/taken').expect(409)).body).toEqual({ statusCode: 409, code: 'ALREADY_TAKEN', message: 'Sudah dipakai.' });
    const res = await request(app.getHttpServer()).get('/boom').set('x-correlation-id', 'corr-boom').expect(500);
    expect(res.text).not.toContain('secret');
    expect(res.body.code).toBe('INTERNAL_ERROR');
    const logged = lines.find((l) => l.msg === 'unexpected error');
    expect(logged).toMatchObject({ level: 'error', correlationId: 'corr-boom' });
    expect(logged?.err.message).toContain('secret');
  });

  it('answers unknown routes with 404 in the common shape', async () => {
    const token = await issuer.issueToken({ sub: 'u', role: 'EMPLOYEE' });
    const res = await request(app.getHttpServer()).get('/nothing-here').set('authorization', `Bearer ${token}`).expect(404);
    expect(res.body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: 'Sumber daya tidak ditemukan.' });
  });

  it('reports readiness from the registered checks: 503 when one is down', async () => {
    const health = app.get(HealthRegistry);
    health.register({ name: 'database', check: () => undefined });
    expect((await request(app.getHttpServer()).get('/health/ready').expect(200)).body).toEqual({ status: 'ok', checks: { database: { status: 'up' } } });
    health.register({ name: 'projections', check: () => Promise.reject(new Error('lag 5000 above threshold 1000')) });
    health.register({ name: 'slow', check: () => new Promise(() => undefined), timeoutMs: 50 });
    const res = await request(app.getHttpServer()).get('/health/ready').expect(503);
    expect(res.body).toEqual({
      status: 'unavailable',
      checks: {
        database: { status: 'up' },
        projections: { status: 'down', error: 'lag 5000 above threshold 1000' },
        slow: { status: 'down', error: 'timed out after 50 ms' },
      },
    });
  });

  it('runs the onClose hooks when the app closes', async () => {
    const other = await createServiceApp({
      module: ProbeModule,
      config: { PORT: 0, DATABASE_URL: 'postgres://unused', SERVICE_NAME: 'probe2', LOG_LEVEL: 'silent', AUTH_MODE: 'local', AUTH_LOCAL_KEY_DIR: dir },
      logger: createLogger({ service: 'probe2', level: 'silent' }),
      onClose: [() => void closed.push('runner'), () => void closed.push('pool')],
    });
    await other.close();
    expect(closed).toEqual(['runner', 'pool']);
  });
});
