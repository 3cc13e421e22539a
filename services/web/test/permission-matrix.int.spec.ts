import { INestApplication } from '@nestjs/common';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServiceApp, listenService, LocalIssuer } from '@kinerja/platform';
import { createTestDatabase, runWebPermissionMatrix, TestDatabase, webRoutesOf } from '@kinerja/testing';
import { loadWebConfig } from '../src/config';
import { webAppOptions } from '../src/web-app';

const ROOT = resolve(__dirname, '../../..');
const EMPLOYEE = '199003152015031002';

const freePort = () =>
  new Promise<number>((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => done(port));
    });
  });

/**
 * docs/permission-matrix.json against the running web service (issue 15): every route of the web
 * service (its citizens' pages, documents, verification, posters, sign-in and the API proxy) has a
 * row, and every cell of `webRoles` holds, anonymous and signed in as an employee; the citizens'
 * pages call a running feedback-intake, sign-in and the proxy a running work-planning.
 */
describe('web: the permission matrix', () => {
  let db: TestDatabase;
  let keyDir: string;
  let feedbackIntake: ChildProcess;
  let workPlanning: ChildProcess;
  let session: { cookie: string; csrf: string };
  let web: INestApplication;
  let base: string;

  /** A service of the repository as its own process on the test database; resolves with its URL once it answers. */
  const start = async (service: string, env: Record<string, string> = {}): Promise<{ process: ChildProcess; url: string }> => {
    const port = await freePort();
    const child = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, `services/${service}/src/main.ts`)], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), DATABASE_URL: db.url, AUTH_LOCAL_KEY_DIR: keyDir, LOG_LEVEL: 'warn', DB_POOL_SIZE: '3', SWC_NODE_PROJECT: join(ROOT, 'tsconfig.base.json'), ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const url = `http://127.0.0.1:${port}`;
    for (let ok = false; !ok; await new Promise((r) => setTimeout(r, 300))) {
      if (child.exitCode !== null) throw new Error(`${service} exited with ${child.exitCode}`);
      ok = await fetch(`${url}/health`).then((r) => r.ok, () => false);
    }
    return { process: child, url };
  };

  beforeAll(async () => {
    db = await createTestDatabase('kw_matrix');
    keyDir = await mkdtemp(join(tmpdir(), 'kinerja-web-matrix-'));
    const fi = await start('feedback-intake', { TRUSTED_PROXIES: 'loopback' });
    feedbackIntake = fi.process;
    const fiUrl = fi.url;
    const wp = await start('work-planning');
    workPlanning = wp.process;
    const issuer = await LocalIssuer.open(keyDir);
    const city = await issuer.issueToken({ sub: 'bkpsdm.matrix', role: 'ADMIN_CITY' });
    for (const [path, body] of [
      ['/agencies', { code: 'DINKES', name: 'Dinas Kesehatan' }],
      ['/employees', { nip: EMPLOYEE, name: 'Budi Santoso', status: 'PNS', agencyId: 'DINKES' }],
    ] as const) {
      const res = await fetch(`${wp.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${city}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect([path, res.status < 300]).toEqual([path, true]);
    }
    // A unit in the public directory, so that the citizens' form cells reach the form check (an unknown unit is 404 first).
    const admin = await issuer.issueToken({ sub: 'dinkes.admin', role: 'ADMIN_OPD', agencyId: 'DINKES' });
    const unit = await fetch(`${fiUrl}/directory/units/MATRIX-1`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ agencyId: 'DINKES', name: 'Unit Matriks', counterIds: [] }),
    });
    expect(unit.status).toBe(200);
    // evaluation and career-decisions are not started: a port nothing of this test listens on (never the defaults, which another run may hold).
    const unstarted = `http://127.0.0.1:${await freePort()}`;
    const config = loadWebConfig({ PORT: '0', DATABASE_URL: db.url, AUTH_LOCAL_KEY_DIR: keyDir, FEEDBACK_INTAKE_URL: fiUrl, WORK_PLANNING_URL: wp.url, EVALUATION_URL: unstarted, CAREER_DECISIONS_URL: unstarted, LOG_LEVEL: 'silent', CONSOLE_DIR: join(keyDir, 'no-console') });
    web = await createServiceApp(await webAppOptions(config));
    base = (await listenService(web, { ...config, HOST: '127.0.0.1' })).url;
    // A browser signed in to the console as the employee (the development sign-in of AUTH_MODE=local).
    const anonymous = await fetch(`${base}/auth/session`);
    const cookie = /kinerja_session=[^;]*/.exec(anonymous.headers.get('set-cookie') ?? '')![0];
    const { csrfToken } = (await anonymous.json()) as { csrfToken: string };
    const signedIn = await fetch(`${base}/auth/dev/sign-in`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' }, body: JSON.stringify({ nip: EMPLOYEE, role: 'EMPLOYEE' }) });
    expect(signedIn.status).toBe(200);
    const rotated = /kinerja_session=[^;]*/.exec(signedIn.headers.get('set-cookie') ?? '')?.[0] ?? cookie;
    const view = (await (await fetch(`${base}/auth/session`, { headers: { cookie: rotated } })).json()) as { csrfToken: string; signedIn: boolean };
    expect(view.signedIn).toBe(true);
    session = { cookie: rotated, csrf: view.csrfToken };
  });

  afterAll(async () => {
    await web?.close();
    for (const child of [feedbackIntake, workPlanning]) {
      if (!child || child.exitCode !== null) continue;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await db?.drop();
    await rm(keyDir, { recursive: true, force: true });
  });

  it('holds for every route of the web service', async () => {
    const routes = webRoutesOf(web.getHttpAdapter().getInstance());
    expect(routes).toEqual(expect.arrayContaining(['GET /layanan', 'POST /layanan/unit/{unitId}/pengaduan', 'GET /dokumen/skp/{skpId}', 'GET /verifikasi/{code}']));
    const result = await runWebPermissionMatrix({ base, routes, session });
    expect(result.failures).toEqual([]);
    expect(result.checked).toBeGreaterThan(result.endpoints);
  });
});
