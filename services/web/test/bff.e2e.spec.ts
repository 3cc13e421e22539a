import { ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { createServiceApp, LocalIssuer } from '@kinerja/platform';
import { createTestDatabase, TestDatabase } from '@kinerja/testing';
import { loadWebConfig } from '../src/config';
import { webAppOptions } from '../src/web-app';

const ROOT = resolve(__dirname, '../../..');
const STAFF = '199003152015031002';
const KASI = '198003032005011003';

const freePort = () =>
  new Promise<number>((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => done(port));
    });
  });

/** The web service in process, in front of work-planning running as its own process on the same database. */
describe('web: sessions, CSRF, development sign-in and the API proxy', () => {
  let db: TestDatabase;
  let keyDir: string;
  let workPlanning: ChildProcess;
  let wpUrl: string;
  let web: INestApplication;
  let base: string;
  let sql: Client;

  const cookieOf = (res: Response) => /kinerja_session=([^;]*)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  const session = async (cookie?: string) => {
    const res = await fetch(`${base}/auth/session`, { headers: cookie ? { cookie: `kinerja_session=${cookie}` } : {} });
    return { res, body: (await res.json()) as any, cookie: cookieOf(res) ?? cookie };
  };

  beforeAll(async () => {
    db = await createTestDatabase('kw_bff');
    keyDir = await mkdtemp(join(tmpdir(), 'kinerja-web-keys-'));
    const port = await freePort();
    wpUrl = `http://127.0.0.1:${port}`;
    workPlanning = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'services/work-planning/src/main.ts')], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), DATABASE_URL: db.url, AUTH_LOCAL_KEY_DIR: keyDir, LOG_LEVEL: 'warn', DB_POOL_SIZE: '3', SWC_NODE_PROJECT: join(ROOT, 'tsconfig.base.json') },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    for (let ok = false; !ok; await new Promise((r) => setTimeout(r, 300))) {
      ok = await fetch(`${wpUrl}/health`).then((r) => r.ok, () => false);
    }
    const issuer = await LocalIssuer.open(keyDir);
    const call = async (path: string, role: 'ADMIN_CITY' | 'ADMIN_OPD', body: unknown) => {
      const token = await issuer.issueToken({ sub: 'setup', role, agencyId: 'DINKES' });
      const res = await fetch(`${wpUrl}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    };
    await call('/agencies', 'ADMIN_CITY', { code: 'DINKES', name: 'Dinas Kesehatan' });
    await call('/employees', 'ADMIN_CITY', { nip: KASI, name: 'Siti Rahmawati', status: 'PNS', agencyId: 'DINKES' });
    await call('/employees', 'ADMIN_CITY', { nip: STAFF, name: 'Budi Santoso', status: 'PNS', agencyId: 'DINKES' });
    await call('/agencies/DINKES/units', 'ADMIN_OPD', { unitId: 'P2P', name: 'Bidang P2P' });
    await call('/agencies/DINKES/positions', 'ADMIN_OPD', { positionId: 'KASI', name: 'Kepala Seksi', kind: 'PENGAWAS', unitId: 'P2P', establishedOn: '2020-01-01' });
    await call('/agencies/DINKES/positions', 'ADMIN_OPD', { positionId: 'EPID', name: 'Epidemiolog', kind: 'FUNGSIONAL', unitId: 'P2P', parentPositionId: 'KASI', establishedOn: '2020-01-01' });
    await call('/agencies/DINKES/assignments', 'ADMIN_OPD', { nip: KASI, positionId: 'KASI', type: 'DEFINITIVE', from: '2021-01-01' });
    await call('/agencies/DINKES/assignments', 'ADMIN_OPD', { nip: STAFF, positionId: 'EPID', type: 'DEFINITIVE', from: '2021-01-01' });

    const config = loadWebConfig({ PORT: '0', DATABASE_URL: db.url, AUTH_LOCAL_KEY_DIR: keyDir, WORK_PLANNING_URL: wpUrl, LOG_LEVEL: 'silent', CONSOLE_DIR: join(keyDir, 'no-console') });
    web = await createServiceApp(await webAppOptions(config));
    await web.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(web.getHttpServer().address() as AddressInfo).port}`;
    sql = new Client({ connectionString: db.url });
    await sql.connect();
  });

  afterAll(async () => {
    await sql?.end();
    await web?.close();
    if (workPlanning && workPlanning.exitCode === null) {
      const exited = new Promise((r) => workPlanning.once('exit', r));
      workPlanning.kill('SIGTERM');
      await exited;
    }
    await db?.drop();
    await rm(keyDir, { recursive: true, force: true });
  });

  const signIn = async (nip: string, role: string, cookie?: string) => {
    const anonymous = await session(cookie);
    const res = await fetch(`${base}/auth/dev/sign-in`, {
      method: 'POST',
      headers: { cookie: `kinerja_session=${anonymous.cookie}`, 'content-type': 'application/json', 'x-csrf-token': anonymous.body.csrfToken },
      body: JSON.stringify({ nip, role }),
    });
    return { res, body: (await res.json()) as any, cookie: cookieOf(res), before: anonymous.cookie! };
  };

  it('opens an anonymous session with an httpOnly, SameSite=Lax cookie, and keeps only the hash of its id', async () => {
    const { res, body, cookie } = await session();
    expect(res.headers.get('set-cookie')).toMatch(/^kinerja_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=43200$/);
    expect(body).toEqual({ mode: 'local', signedIn: false, csrfToken: expect.any(String), timeZone: 'Asia/Jakarta', user: null, grants: [], active: null });
    const rows = await sql.query('SELECT id_hash FROM web.session');
    expect(rows.rows.map((r) => r.id_hash)).not.toContain(cookie);
    expect(rows.rows).toHaveLength(1);
  });

  it('lists people for the development sign-in and the roles each may take', async () => {
    const people = (await (await fetch(`${base}/auth/dev/people?q=budi`)).json()) as any;
    expect(people.items).toEqual([{ nip: STAFF, name: 'Budi Santoso', agencyId: 'DINKES', jabatan: 'Epidemiolog', unitKerja: 'Bidang P2P' }]);
    expect(((await (await fetch(`${base}/auth/dev/people/${STAFF}/roles`)).json()) as any).grants).toEqual([{ role: 'EMPLOYEE', agencyId: 'DINKES' }]);
    expect(((await (await fetch(`${base}/auth/dev/people/${KASI}/roles`)).json()) as any).grants).toEqual([
      { role: 'EMPLOYEE', agencyId: 'DINKES' },
      { role: 'SUPERVISOR', agencyId: 'DINKES' },
    ]);
  });

  it('refuses a sign-in without the CSRF token, and a role the person may not take', async () => {
    const anonymous = await session();
    const noToken = await fetch(`${base}/auth/dev/sign-in`, {
      method: 'POST',
      headers: { cookie: `kinerja_session=${anonymous.cookie}`, 'content-type': 'application/json' },
      body: JSON.stringify({ nip: STAFF, role: 'EMPLOYEE' }),
    });
    expect([noToken.status, (await noToken.json() as any).code]).toEqual([403, 'CSRF_TOKEN_INVALID']);
    const notGranted = await signIn(STAFF, 'SUPERVISOR');
    expect([notGranted.res.status, notGranted.body.code]).toEqual([403, 'ROLE_NOT_GRANTED']);
    const badNip = await signIn('123', 'EMPLOYEE');
    expect([badNip.res.status, badNip.body.errors?.[0]?.field]).toEqual([400, 'nip']);
  });

  it('signs in under a new session id, forwards API calls with the person\'s token, and never shows a token', async () => {
    const { res, body, cookie, before } = await signIn(KASI, 'SUPERVISOR');
    expect(res.status).toBe(200);
    expect(cookie).toBeDefined();
    expect(cookie).not.toBe(before);
    expect(body).toMatchObject({ signedIn: true, user: { nip: KASI, name: 'Siti Rahmawati', agencyId: 'DINKES' }, active: { role: 'SUPERVISOR', agencyId: 'DINKES' } });
    expect(JSON.stringify(body)).not.toMatch(/eyJ/);
    expect((await session(before)).body.signedIn).toBe(false);

    const headers = { cookie: `kinerja_session=${cookie}` };
    const team = await fetch(`${base}/api/work-planning/supervisors/${KASI}/team`, { headers });
    expect(team.status).toBe(200);
    expect((await team.json() as any).team.map((m: { nip: string }) => m.nip)).toEqual([STAFF]);
    const other = await fetch(`${base}/api/work-planning/employees/${STAFF}/skps`, { headers });
    expect([other.status, (await other.json() as any).code]).toEqual([403, 'SKP_READ_FORBIDDEN']);
    const unknown = await fetch(`${base}/api/payroll/anything`, { headers });
    expect([unknown.status, (await unknown.json() as any).code]).toEqual([404, 'SERVICE_UNKNOWN']);

    const csrf = body.csrfToken as string;
    const unsafe = await fetch(`${base}/api/work-planning/skps`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ year: 2026 }) });
    expect([unsafe.status, (await unsafe.json() as any).code]).toEqual([403, 'CSRF_TOKEN_INVALID']);
    const created = await fetch(`${base}/api/work-planning/skps`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify({ year: 2026 }),
    });
    expect(created.status).toBe(201);
    expect((await created.json() as any).pegawaiYangDinilai).toMatchObject({ nip: KASI });
    const invalid = await fetch(`${base}/api/work-planning/skps`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify({ year: 'soon' }),
    });
    expect([invalid.status, (await invalid.json() as any).errors[0].field]).toEqual([400, 'year']);
  });

  it('switches only to a granted role, and after sign-out the API answers 401', async () => {
    const { body, cookie } = await signIn(KASI, 'SUPERVISOR');
    const headers = { cookie: `kinerja_session=${cookie}`, 'content-type': 'application/json', 'x-csrf-token': body.csrfToken };
    const switched = await fetch(`${base}/auth/role`, { method: 'POST', headers, body: JSON.stringify({ role: 'EMPLOYEE' }) });
    expect((await switched.json() as any).active).toEqual({ role: 'EMPLOYEE', agencyId: 'DINKES' });
    const refused = await fetch(`${base}/auth/role`, { method: 'POST', headers, body: JSON.stringify({ role: 'ADMIN_CITY' }) });
    expect([refused.status, (await refused.json() as any).code]).toEqual([403, 'ROLE_NOT_GRANTED']);
    const out = await fetch(`${base}/auth/logout`, { method: 'POST', headers });
    expect(await out.json() as any).toEqual({ redirect: '/masuk' });
    expect(out.headers.get('set-cookie')).toMatch(/kinerja_session=; .*Max-Age=0/);
    const after = await fetch(`${base}/api/work-planning/supervisors/${KASI}/team`, { headers });
    expect([after.status, (await after.json() as any).code]).toEqual([401, 'SESSION_REQUIRED']);
  });

  it('answers a console path with 503 in words when the console was not built, and leaves /health to the service', async () => {
    const page = await fetch(`${base}/skp`);
    expect(page.status).toBe(503);
    expect(await page.text()).toMatch(/Konsol belum dibangun/);
    expect((await fetch(`${base}/health`)).status).toBe(200);
  });

  it('serves the console page with the session it opens with (no token, nothing that closes the element), and without one to a new visitor', async () => {
    await mkdir(join(keyDir, 'no-console'), { recursive: true });
    await writeFile(join(keyDir, 'no-console', 'index.html'), '<!doctype html><html><head><title>Kinerja</title></head><body><div id="root"></div></body></html>');
    const fresh = await fetch(`${base}/tim`);
    expect(fresh.status).toBe(200);
    expect(await fresh.text()).not.toContain('kinerja-session');

    const { body, cookie } = await signIn(KASI, 'SUPERVISOR');
    const page = await fetch(`${base}/tim`, { headers: { cookie: `kinerja_session=${cookie}` } });
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    const carried = /<script type="application\/json" id="kinerja-session">(.*?)<\/script><\/head>/.exec(html)?.[1];
    expect(carried).toBeDefined();
    expect(JSON.parse(carried!)).toEqual(body);
    expect(carried).not.toMatch(/eyJ|</);

    // A name with markup stays inside the element, escaped.
    await sql.query(`UPDATE web.session SET data = jsonb_set(data, '{user,name}', to_jsonb('</script><b>'::text)) WHERE data ? 'user'`);
    const named = await (await fetch(`${base}/tim`, { headers: { cookie: `kinerja_session=${cookie}` } })).text();
    expect(named.match(/<\/script>/g)).toHaveLength(1);
    expect(JSON.parse(/id="kinerja-session">(.*?)<\/script>/.exec(named)![1]).user.name).toBe('</script><b>');
  });
});
