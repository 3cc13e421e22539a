import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { LocalIssuer, Role } from '@kinerja/platform';
import { createTestDatabase, TestDatabase, waitUntil } from '@kinerja/testing';
import { freePort } from './database';
import { REPO_ROOT } from './paths';
import { rebuildService } from './rebuild';

const CSV = [
  'NIP,NAMA,STATUS_ASN,GOLONGAN,TMT_GOLONGAN,JABATAN,JENIS_JABATAN,KODE_UNOR,NIP_ATASAN,TMT_JABATAN',
  '197001011995031001,Agus Wijaya,PNS,IV/c,2020-04-01,Kepala Dinas,JPT_PRATAMA,DISDUK,196805121990031002,2020-01-01',
  '197502022000032002,Dewi Lestari,PNS,IV/a,2021-04-01,Sekretaris,ADMINISTRATOR,DISDUK.SEK,197001011995031001,2021-01-01',
  '199003032015031003,Joko Santoso,PNS,III/a,2022-04-01,Pengelola Data,PELAKSANA,DISDUK.SEK,197502022000032002,2022-01-01',
  '199104042016032004,Siti Rahayu,PNS,III/b,2022-10-01,Pranata Komputer Ahli Pertama,FUNGSIONAL,DISDUK.SEK,197502022000032002,2022-01-01',
].join('\r\n');

// A service and the CLI's rebuild processes start on a busy machine in minutes, not seconds; the
// waits fail on a stall or a dead process, this only backs them up.
jest.setTimeout(30 * 60_000);

describe('kinerja rebuild work-planning', () => {
  let db: TestDatabase;
  let keyDir: string;
  let service: ChildProcess | undefined;
  let base: string;

  const call = async (role: Role, sub: string, agencyId: string | undefined, path: string, body: unknown) => {
    const issuer = await LocalIssuer.open(keyDir);
    const token = await issuer.issueToken({ sub, role, ...(agencyId ? { agencyId } : {}) });
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };

  beforeAll(async () => {
    db = await createTestDatabase('rebuild');
    keyDir = mkdtempSync(join(tmpdir(), 'kinerja-rebuild-keys-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    service = spawn(process.execPath, ['-r', '@swc-node/register', join(REPO_ROOT, 'services/work-planning/src/main.ts')], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        SWC_NODE_PROJECT: join(REPO_ROOT, 'tsconfig.base.json'),
        PORT: String(port),
        DATABASE_URL: db.url,
        AUTH_MODE: 'local',
        AUTH_LOCAL_KEY_DIR: keyDir,
        LOG_LEVEL: 'silent',
        RELAY_ENABLED: 'false',
      },
      stdio: 'ignore',
    });
    const booting = service;
    await waitUntil(() => fetch(`${base}/health`).then((r) => r.ok, () => false), Boolean, {
      what: 'work-planning to answer /health',
      stallMs: 10 * 60_000,
      failIf: () => (booting.exitCode !== null ? `work-planning exited (${booting.exitCode})` : null),
    });
    await call('ADMIN_CITY', 'bkpsdm.admin', undefined, '/agencies', { code: 'DISDUK', name: 'Dinas Kependudukan dan Pencatatan Sipil' });
    await call('ADMIN_OPD', 'disduk.admin', 'DISDUK', '/agencies/DISDUK/units', { unitId: 'DISDUK', name: 'Dinas Kependudukan dan Pencatatan Sipil', parentUnitId: null });
    await call('ADMIN_OPD', 'disduk.admin', 'DISDUK', '/agencies/DISDUK/units', { unitId: 'DISDUK.SEK', name: 'Sekretariat', parentUnitId: 'DISDUK' });
    await call('ADMIN_OPD', 'disduk.admin', 'DISDUK', '/agencies/DISDUK/imports', { csv: CSV, asOf: '2024-01-01' });
  });

  afterAll(async () => {
    if (service && service.exitCode === null) {
      const exited = new Promise((resolve) => service!.once('exit', resolve));
      service.kill('SIGTERM');
      await exited;
    }
    await db?.drop();
    rmSync(keyDir, { recursive: true, force: true });
  });

  it('rebuilds every read model from the events to the same rows as the live ones (the CLI)', async () => {
    const result = await promisify(execFile)(process.execPath, [join(REPO_ROOT, 'libs/cli/bin/kinerja.js'), 'rebuild', 'work-planning', '--database-url', db.url], {
      cwd: REPO_ROOT,
    });
    const report = JSON.parse(result.stdout) as Awaited<ReturnType<typeof rebuildService>>;
    expect(report.ok).toBe(true);
    expect(report.unknownReadModels).toEqual([]);
    expect(report.events).toBeGreaterThan(4);
    expect(Object.keys(report.tables).sort()).toEqual(
      ['agency_view', 'assignment_interval', 'employee_view', 'official_view', 'position_view', 'realisation_view', 'reporting_line_interval', 'rhk_view', 'role_grant_view', 'skp_view', 'unit_view'].sort(),
    );
    expect(report.tables.agency_view.after.rows).toBe(1);
    expect(report.tables.employee_view.after.rows).toBe(4);
    expect(report.tables.unit_view.after.rows).toBe(2);
    expect(report.tables.position_view.after.rows).toBeGreaterThanOrEqual(4);
    for (const t of Object.values(report.tables)) expect(t.after).toEqual(t.before);
    expect(result.stderr).toMatch(/events replayed in \d+ ms/);
  });

  it('reports a table whose live rows differ from what the events give', async () => {
    const sql = new Client({ connectionString: db.url });
    await sql.connect();
    try {
      const table = 'employee_view';
      // A live row that the events do not give (as a buggy projection or a hand edit would leave).
      await sql.query(`DELETE FROM work_planning."${table}" WHERE ctid = (SELECT ctid FROM work_planning."${table}" LIMIT 1)`);
      const report = await rebuildService('work-planning', db.url);
      expect(report.ok).toBe(false);
      expect(report.tables[table].equal).toBe(false);
      expect(report.tables[table].after.rows).toBe(report.tables[table].before.rows + 1);
    } finally {
      await sql.end();
    }
  });
});
