import { INestApplication } from '@nestjs/common';
import { mkdtemp, rm } from 'node:fs/promises';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { createPostgresEventStore, PostgresEventStore } from '@kinerja/event-store';
import { createLogger, createServiceApp, fixedClock, LocalIssuer, Role } from '@kinerja/platform';
import { createTestDatabase, TestDatabase } from '@kinerja/testing';
import { AppModule } from '../src/app.module';
import { loadWorkPlanningConfig } from '../src/config';

const NOW = '2026-03-10T03:00:00.000Z';
const NIP = '199003152015031002';

describe('work-planning: agencies and employees through HTTP', () => {
  let db: TestDatabase;
  let keyDir: string;
  let app: INestApplication;
  let issuer: LocalIssuer;
  let store: PostgresEventStore;
  let sql: Client;
  let base: string;

  const token = (role: Role, sub = `user-${role.toLowerCase()}`, agencyId?: string) =>
    issuer.issueToken({ sub, role, ...(agencyId ? { agencyId } : {}) });
  const eventCount = async () => Number((await sql.query('SELECT count(*) FROM work_planning_events.events')).rows[0].count);

  beforeAll(async () => {
    db = await createTestDatabase('wp_slice');
    keyDir = await mkdtemp(join(tmpdir(), 'kinerja-wp-keys-'));
    const config = loadWorkPlanningConfig({
      PORT: '0',
      DATABASE_URL: db.url,
      AUTH_MODE: 'local',
      AUTH_LOCAL_KEY_DIR: keyDir,
      SERVICE_NAME: 'work-planning',
      LOG_LEVEL: 'silent',
    });
    app = await createServiceApp({
      module: AppModule.forRoot(config),
      config,
      clock: fixedClock(NOW),
      logger: createLogger({ service: 'work-planning', level: 'silent' }),
    });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    issuer = await LocalIssuer.open(keyDir);
    store = await createPostgresEventStore({ connectionString: db.url, schema: 'work_planning_events' });
    sql = new Client({ connectionString: db.url });
    await sql.connect();
  });

  afterAll(async () => {
    await app?.close();
    await store?.close();
    await sql?.end();
    await db?.drop();
    await rm(keyDir, { recursive: true, force: true });
  });

  describe('agencies', () => {
    it('refuses a request without a token with 401', async () => {
      const res = await request(base).post('/agencies').send({ code: 'DINKES', name: 'Dinas Kesehatan' }).expect(401);
      expect(res.body.code).toBe('TOKEN_MISSING');
    });

    it('refuses an agency admin with 403 and stores nothing', async () => {
      const res = await request(base)
        .post('/agencies')
        .set('authorization', `Bearer ${await token('ADMIN_OPD', 'opd.admin', 'DINKES')}`)
        .send({ code: 'DINKES', name: 'Dinas Kesehatan' })
        .expect(403);
      expect(res.body).toMatchObject({ statusCode: 403, code: 'AGENCY_REGISTRATION_FORBIDDEN' });
      expect(await eventCount()).toBe(0);
    });

    it('refuses an unknown field with 400 naming it', async () => {
      const res = await request(base)
        .post('/agencies')
        .set('authorization', `Bearer ${await token('ADMIN_CITY')}`)
        .send({ code: 'DINKES', name: 'Dinas Kesehatan', budget: 1 })
        .expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', field: 'budget' });
      expect(res.body.errors).toEqual([{ field: 'budget', code: 'UNKNOWN_FIELD', message: expect.any(String) }]);
    });

    it('registers an agency and answers with the read model; GET returns it', async () => {
      const res = await request(base)
        .post('/agencies')
        .set('authorization', `Bearer ${await token('ADMIN_CITY', 'bkpsdm.admin')}`)
        .set('x-correlation-id', 'corr-agency-1')
        .send({ code: 'dinkes', name: 'Dinas Kesehatan' })
        .expect(201);
      expect(res.body).toEqual({ id: 'DINKES', code: 'DINKES', name: 'Dinas Kesehatan', registeredAt: NOW });
      expect(res.headers['x-correlation-id']).toBe('corr-agency-1');

      // Read by an auditor: an employee token naming a NIP the service does not know yet is refused (issue 15).
      const got = await request(base).get('/agencies/DINKES').set('authorization', `Bearer ${await token('AUDITOR', 'inspektorat')}`).expect(200);
      expect(got.body).toEqual(res.body);

      const [event] = await store.readStream('agency-DINKES');
      expect(event.type).toBe('AgencyRegistered');
      expect(event.metadata).toMatchObject({
        actorId: 'bkpsdm.admin',
        actorRole: 'ADMIN_CITY',
        agencyId: 'DINKES',
        correlationId: 'corr-agency-1',
        causationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        occurredAt: NOW,
      });
    });

    it('refuses a second registration of the same code with 409', async () => {
      const res = await request(base)
        .post('/agencies')
        .set('authorization', `Bearer ${await token('ADMIN_CITY')}`)
        .send({ code: 'DINKES', name: 'Dinas Kesehatan Kota' })
        .expect(409);
      expect(res.body.code).toBe('AGENCY_ALREADY_REGISTERED');
      expect(await store.readStream('agency-DINKES')).toHaveLength(1);
    });

    it('lets exactly one of several concurrent registrations of a code win; the others get 409', async () => {
      const auth = `Bearer ${await token('ADMIN_CITY')}`;
      const responses = await Promise.all(
        Array.from({ length: 6 }, (_, i) => request(base).post('/agencies').set('authorization', auth).send({ code: 'BAPPEDA', name: `Bappeda ${i}` })),
      );
      expect(responses.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
      for (const refused of responses.filter((r) => r.status === 409)) {
        expect(['AGENCY_ALREADY_REGISTERED', 'WRONG_EXPECTED_REVISION']).toContain(refused.body.code);
      }
      expect(await store.readStream('agency-BAPPEDA')).toHaveLength(1);
    });

    it('answers 404 for an unknown agency', async () => {
      const res = await request(base).get('/agencies/NOPE').set('authorization', `Bearer ${await token('ADMIN_CITY')}`).expect(404);
      expect(res.body.code).toBe('AGENCY_NOT_FOUND');
    });
  });

  describe('employees', () => {
    const employee = { nip: NIP, name: 'Budi Santoso', status: 'PNS', agencyId: 'DINKES', golongan: 'III/a', tmtGolongan: '2019-04-01' };

    it('refuses a bad NIP with 400 naming nip, and stores nothing', async () => {
      const before = await eventCount();
      const res = await request(base)
        .post('/employees')
        .set('authorization', `Bearer ${await token('ADMIN_CITY')}`)
        .send({ ...employee, nip: '199002302015031002' })
        .expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'NIP_BIRTH_DATE_INVALID', field: 'nip' });
      expect(await eventCount()).toBe(before);
    });

    it('refuses a wrong type with 400 naming the field', async () => {
      const res = await request(base)
        .post('/employees')
        .set('authorization', `Bearer ${await token('ADMIN_CITY')}`)
        .send({ ...employee, status: 5 })
        .expect(400);
      expect(res.body.errors).toEqual([{ field: 'status', code: 'INVALID_TYPE', message: 'Harus salah satu dari: PNS, PPPK.' }]);
    });

    it('refuses an agency that is not registered with 400 naming agencyId', async () => {
      const res = await request(base)
        .post('/employees')
        .set('authorization', `Bearer ${await token('ADMIN_CITY')}`)
        .send({ ...employee, agencyId: 'DISDIK' })
        .expect(400);
      expect(res.body).toMatchObject({ code: 'AGENCY_NOT_REGISTERED', field: 'agencyId' });
    });

    it('refuses the admin of another agency with 403', async () => {
      const res = await request(base)
        .post('/employees')
        .set('authorization', `Bearer ${await token('ADMIN_OPD', 'disdik.admin', 'DISDIK')}`)
        .send(employee)
        .expect(403);
      expect(res.body.code).toBe('EMPLOYEE_REGISTRATION_FORBIDDEN');
      expect(await store.readStream(`employee-${NIP}`)).toHaveLength(0);
    });

    it('lets the agency admin register an employee; GET returns it', async () => {
      const res = await request(base)
        .post('/employees')
        .set('authorization', `Bearer ${await token('ADMIN_OPD', 'dinkes.admin', 'DINKES')}`)
        .send(employee)
        .expect(201);
      const expected = {
        nip: NIP,
        name: 'Budi Santoso',
        status: 'PNS',
        agencyId: 'DINKES',
        pangkat: 'Penata Muda',
        golongan: 'III/a',
        tmtGolongan: '2019-04-01',
        birthDate: '1990-03-15',
        gender: 'MALE',
        appointment: { year: 2015, month: 3 },
        email: null,
        registeredAt: NOW,
      };
      expect(res.body).toEqual(expected);
      const got = await request(base).get(`/employees/${NIP}`).set('authorization', `Bearer ${await token('ADMIN_CITY')}`).expect(200);
      expect(got.body).toEqual(expected);

      const [event] = await store.readStream(`employee-${NIP}`);
      expect(event.metadata).toMatchObject({ actorId: 'dinkes.admin', actorRole: 'ADMIN_OPD', agencyId: 'DINKES', occurredAt: NOW });
    });

    it('refuses a second registration of the NIP with 409', async () => {
      const res = await request(base)
        .post('/employees')
        .set('authorization', `Bearer ${await token('ADMIN_CITY')}`)
        .send({ ...employee, name: 'Orang Lain' })
        .expect(409);
      expect(res.body.code).toBe('EMPLOYEE_ALREADY_REGISTERED');
      expect(await store.readStream(`employee-${NIP}`)).toHaveLength(1);
    });

    it('lets the employee and their agency admin read the record, not others', async () => {
      await request(base).get(`/employees/${NIP}`).set('authorization', `Bearer ${await token('EMPLOYEE', NIP, 'DINKES')}`).expect(200);
      await request(base).get(`/employees/${NIP}`).set('authorization', `Bearer ${await token('ADMIN_OPD', 'dinkes.admin', 'DINKES')}`).expect(200);
      const other = await request(base)
        .get(`/employees/${NIP}`)
        .set('authorization', `Bearer ${await token('EMPLOYEE', '198807122021212003', 'DINKES')}`)
        .expect(403);
      // That NIP belongs to no registered employee: the token itself is refused (issue 15 finding 13).
      expect(other.body.code).toBe('ACTOR_UNKNOWN');
      await request(base).get(`/employees/${NIP}`).set('authorization', `Bearer ${await token('ADMIN_OPD', 'disdik.admin', 'DISDIK')}`).expect(403);
    });

    it('stored exactly the accepted registrations, nothing from the refusals', async () => {
      const { rows } = await sql.query('SELECT stream, type FROM work_planning_events.events ORDER BY stream');
      expect(rows).toEqual([
        { stream: 'agency-BAPPEDA', type: 'AgencyRegistered' },
        { stream: 'agency-DINKES', type: 'AgencyRegistered' },
        { stream: `employee-${NIP}`, type: 'EmployeeRegistered' },
      ]);
    });
  });

  describe('operations endpoints', () => {
    it('answers /health and /health/ready without a token', async () => {
      expect((await request(base).get('/health').expect(200)).body).toEqual({ status: 'ok' });
      const ready = await request(base).get('/health/ready').expect(200);
      expect(ready.body.checks).toMatchObject({
        'read-model-database': { status: 'up' },
        'event-store': { status: 'up' },
        projections: { status: 'up', detail: { lag: 0 } },
      });
    });

    it('exports the request histogram, append latency and projection lag on /metrics', async () => {
      const res = await request(base).get('/metrics').expect(200);
      expect(res.headers['content-type']).toMatch(/text\/plain/);
      expect(res.text).toMatch(/http_request_duration_seconds_count\{[^}]*method="POST"[^}]*route="\/agencies"[^}]*status="201"/);
      expect(res.text).toMatch(/http_request_duration_seconds_bucket\{[^}]*route="\/employees\/:nip"/);
      expect(res.text).toMatch(/event_store_append_duration_seconds_count\{[^}]*outcome="ok"[^}]*\} 3/);
      expect(res.text).toMatch(/projection_lag_events\{[^}]*projection="work-planning.get-employee"[^}]*\} 0/);
      expect(res.text).toContain('process_cpu_user_seconds_total');
    });

    it('serves the OpenAPI document with bearer auth and the zod-derived bodies', async () => {
      const res = await request(base).get('/docs-json').expect(200);
      expect(res.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
      const body = res.body.paths['/employees'].post.requestBody.content['application/json'].schema;
      expect(body).toMatchObject({ type: 'object', additionalProperties: false, required: ['nip', 'name', 'status', 'agencyId'] });
      expect(res.body.paths['/agencies/{id}']).toBeDefined();
      expect(res.body.paths['/health']).toBeUndefined();
      await request(base).get('/docs').expect(200).expect('content-type', /html/);
    });
  });
});
