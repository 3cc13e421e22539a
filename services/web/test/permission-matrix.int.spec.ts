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
 * row, and every cell of `webRoles` holds; the citizens' pages call a running feedback-intake.
 */
describe('web: the permission matrix', () => {
  let db: TestDatabase;
  let keyDir: string;
  let feedbackIntake: ChildProcess;
  let web: INestApplication;
  let base: string;

  beforeAll(async () => {
    db = await createTestDatabase('kw_matrix');
    keyDir = await mkdtemp(join(tmpdir(), 'kinerja-web-matrix-'));
    const port = await freePort();
    const fiUrl = `http://127.0.0.1:${port}`;
    feedbackIntake = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'services/feedback-intake/src/main.ts')], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), DATABASE_URL: db.url, AUTH_LOCAL_KEY_DIR: keyDir, LOG_LEVEL: 'warn', DB_POOL_SIZE: '3', TRUSTED_PROXIES: 'loopback', SWC_NODE_PROJECT: join(ROOT, 'tsconfig.base.json') },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    for (let ok = false; !ok; await new Promise((r) => setTimeout(r, 300))) {
      if (feedbackIntake.exitCode !== null) throw new Error(`feedback-intake exited with ${feedbackIntake.exitCode}`);
      ok = await fetch(`${fiUrl}/health`).then((r) => r.ok, () => false);
    }
    // A unit in the public directory, so that the citizens' form cells reach the form check (an unknown unit is 404 first).
    const admin = await (await LocalIssuer.open(keyDir)).issueToken({ sub: 'dinkes.admin', role: 'ADMIN_OPD', agencyId: 'DINKES' });
    const unit = await fetch(`${fiUrl}/directory/units/MATRIX-1`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ agencyId: 'DINKES', name: 'Unit Matriks', counterIds: [] }),
    });
    expect(unit.status).toBe(200);
    const config = loadWebConfig({ PORT: '0', DATABASE_URL: db.url, AUTH_LOCAL_KEY_DIR: keyDir, FEEDBACK_INTAKE_URL: fiUrl, LOG_LEVEL: 'silent', CONSOLE_DIR: join(keyDir, 'no-console') });
    web = await createServiceApp(await webAppOptions(config));
    base = (await listenService(web, { ...config, HOST: '127.0.0.1' })).url;
  });

  afterAll(async () => {
    await web?.close();
    if (feedbackIntake && feedbackIntake.exitCode === null) {
      const exited = new Promise((r) => feedbackIntake.once('exit', r));
      feedbackIntake.kill('SIGTERM');
      await exited;
    }
    await db?.drop();
    await rm(keyDir, { recursive: true, force: true });
  });

  it('holds for every route of the web service', async () => {
    const routes = webRoutesOf(web.getHttpAdapter().getInstance());
    expect(routes).toEqual(expect.arrayContaining(['GET /layanan', 'POST /layanan/unit/{unitId}/pengaduan', 'GET /dokumen/skp/{skpId}', 'GET /verifikasi/{code}']));
    const result = await runWebPermissionMatrix({ base, routes });
    expect(result.failures).toEqual([]);
    expect(result.checked).toBeGreaterThan(result.endpoints);
  });
});
