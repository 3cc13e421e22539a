import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalIssuer } from '@kinerja/platform';
import { createTestDatabase, TestDatabase } from '@kinerja/testing';
import { CityApi, Identity } from './demo/http';
import { launchSystem, RunningSystem } from './demo/system';

const AGENCY = 'DUKCAPIL';
const UNIT = 'DUKCAPIL-PELAYANAN';
const KEPALA = '197505052000031001';
const PETUGAS = '199209092019022002';
const CITY_ADMIN: Identity = { role: 'ADMIN_CITY', sub: 'bkpsdm.facts' };
const ADMIN: Identity = { role: 'ADMIN_OPD', sub: 'admin.dukcapil', agencyId: AGENCY };
const PETUGAS_ID: Identity = { role: 'EMPLOYEE', sub: PETUGAS, agencyId: AGENCY };
const KEPALA_ID: Identity = { role: 'EMPLOYEE', sub: KEPALA, agencyId: AGENCY };

jest.setTimeout(20 * 60_000);

/**
 * Issue 14 §4–§6 across the four services run as processes (pg-log), through their documented HTTP
 * APIs only: golongan and TMT typed once in the organisation import reach career-decisions; the
 * predicates of 2024–2025 imported from e-Kinerja make kenaikan pangkat eligibility work in 2026; a
 * citizen finds the unit in the public directory without an account and rates the officer, who
 * reads it, as do the head of the unit and the evaluation context; every rule set is readable.
 */
describe('facts flow between the services, through the documented API alone', () => {
  let db: TestDatabase;
  let keyDir: string;
  let system: RunningSystem;
  let api: CityApi;

  beforeAll(async () => {
    db = await createTestDatabase('facts_flow');
    keyDir = await mkdtemp(join(tmpdir(), 'kinerja-facts-flow-'));
    system = await launchSystem({
      databaseUrl: db.url,
      transport: 'pg-log',
      keyDir,
      clockStart: '2026-02-02T03:00:00.000Z',
      env: { DB_POOL_SIZE: '2', AUDIT_ANCHOR_DIR: join(keyDir, 'anchors') },
    });
    api = new CityApi(system.urls, await LocalIssuer.open(keyDir));
  });
  afterAll(async () => {
    await system?.stop();
    await db?.drop();
    if (keyDir) await rm(keyDir, { recursive: true, force: true });
  });

  it('imports the organisation once: golongan and TMT reach career-decisions, the pangkat follows from the golongan', async () => {
    await api.post('work-planning', '/agencies', CITY_ADMIN, { code: AGENCY, name: 'Dinas Kependudukan dan Pencatatan Sipil' });
    await api.post('work-planning', `/agencies/${AGENCY}/units`, ADMIN, { unitId: AGENCY, name: 'Dinas Kependudukan dan Pencatatan Sipil', parentUnitId: null });
    await api.post('work-planning', `/agencies/${AGENCY}/units`, ADMIN, { unitId: UNIT, name: 'Bidang Pelayanan Pendaftaran Penduduk', parentUnitId: AGENCY });
    const csv = [
      'NIP,NAMA,STATUS_ASN,GOLONGAN,TMT_GOLONGAN,JABATAN,JENIS_JABATAN,KODE_UNOR,NIP_ATASAN,TMT_JABATAN',
      `${KEPALA},Hendra Wijaya,PNS,IV/b,2021-10-01,Kepala Dinas,JPT_PRATAMA,${AGENCY},,2024-01-02`,
      `${PETUGAS},Sri Wahyuni,PNS,II/c,2023-04-01,Pengadministrasi Kependudukan,PELAKSANA,${UNIT},${KEPALA},2024-01-02`,
    ].join('\r\n');
    const imported = await api.post('work-planning', `/agencies/${AGENCY}/imports?asOf=2026-01-01`, ADMIN, `${csv}\r\n`);
    expect(imported).toMatchObject({ rows: 2, employeesRegistered: 2 });
    expect(await api.get('work-planning', `/employees/${PETUGAS}`, ADMIN)).toMatchObject({ golongan: 'II/c', pangkat: 'Pengatur', tmtGolongan: '2023-04-01' });

    const record = await api.eventually(
      () => api.get('career-decisions', `/employees/${PETUGAS}/performance-record`, CITY_ADMIN, { expect: [200, 404] }),
      (r) => r?.employment?.golongan === 'II/c',
      'the golongan and TMT in career-decisions',
    );
    expect(record.employment).toEqual({ agencyId: AGENCY, employmentKind: 'PNS', golongan: 'II/c', pangkat: 'Pengatur', rankSince: '2023-04-01', factId: `rank:${PETUGAS}:II/c:2023-04-01` });
  });

  it('imports the predicates of 2024 and 2025 from e-Kinerja (a dry run first): kenaikan pangkat eligibility works on 1 April 2026', async () => {
    const csv = `\uFEFFNIP;TAHUN;PREDIKAT\r\n${PETUGAS};2024;Baik\r\n${PETUGAS};2025;Sangat Baik\r\n${KEPALA};2025;Baik\r\n`;
    expect(await api.post('career-decisions', '/performance-history/predicate-imports?dryRun=true', CITY_ADMIN, { csv })).toEqual({ dryRun: true, rows: 3, recorded: 3, unchanged: 0 });
    expect(await api.post('career-decisions', '/performance-history/predicate-imports', CITY_ADMIN, { csv })).toEqual({ dryRun: false, rows: 3, recorded: 3, unchanged: 0 });
    const eligibility = await api.get('career-decisions', `/agencies/${AGENCY}/eligibility?rule=KENAIKAN_PANGKAT&asOf=2026-04-01`, ADMIN);
    expect(eligibility.employees).toEqual(
      expect.arrayContaining([expect.objectContaining({ nip: PETUGAS, eligible: true, factIds: [`import:${PETUGAS}:2024`, `import:${PETUGAS}:2025`, `rank:${PETUGAS}:II/c:2023-04-01`] })]),
    );
  });

  it('lets a citizen find the unit without an account and rate the officer, who reads it, as do the head of the unit and the evaluation context', async () => {
    await api.put('feedback-intake', `/directory/units/${UNIT}`, ADMIN, { agencyId: AGENCY, name: 'Bidang Pelayanan Pendaftaran Penduduk', services: 'KTP-el, Kartu Keluarga, pindah datang' });
    const found = await api.eventually(() => api.get('feedback-intake', '/public/units?q=kartu%20keluarga', null), (r) => r.total === 1 && r.units[0].agencyName !== null, 'the unit in the public directory');
    expect(found.units[0]).toMatchObject({ unitId: UNIT, agencyId: AGENCY, agencyName: 'Dinas Kependudukan dan Pencatatan Sipil' });
    const categories = await api.get('feedback-intake', '/public/complaint-categories', null);
    expect(categories.categories.length).toBeGreaterThan(0);

    await api.whenKnown(
      () => api.post('feedback-intake', '/public/feedback', null, { unitId: found.units[0].unitId, rating: 4, comment: 'Cepat dan ramah.', channel: 'WEB_FORM', employeeId: PETUGAS, contact: { phone: '081234567890' } }, { forwardedFor: '10.1.2.3' }),
      ['EMPLOYEE_NOT_IN_UNIT', 'UNKNOWN_EMPLOYEE'],
      'feedback-intake knowing where the officer serves',
    );
    const mine = await api.eventually(() => api.get('feedback-intake', `/employees/${PETUGAS}/citizen-feedback`, PETUGAS_ID), (r) => r.summary.count === 1, "the citizen's rating for the officer");
    expect(mine.items[0]).toMatchObject({ rating: 4, comment: 'Cepat dan ramah.', employeeId: PETUGAS });
    expect(JSON.stringify(mine)).not.toContain('081234567890');
    expect((await api.get('feedback-intake', `/units/${UNIT}/citizen-feedback`, KEPALA_ID)).summary.count).toBe(1);

    await api.post('evaluation', `/agencies/${AGENCY}/evaluation-calendars`, CITY_ADMIN, { year: 2026, cadence: 'SEMESTER' });
    const periods = await api.get('evaluation', `/agencies/${AGENCY}/periods?year=2026`, CITY_ADMIN);
    const s1 = periods.periods.find((p: { code: string }) => p.code === 'S1');
    const context = await api.eventually(
      () => api.get('evaluation', `/periods/${encodeURIComponent(s1.periodId)}/employees/${PETUGAS}/evaluation-context`, PETUGAS_ID),
      (c) => c.citizenRatings?.count === 1,
      "the citizen's rating in the evaluation context",
    );
    expect(context.citizenRatings).toEqual({ count: 1, meanRating: 4, byRating: { '1': 0, '2': 0, '3': 0, '4': 1 } });
  });

  it('lets anyone read the rule sets in force of every service', async () => {
    expect((await api.get('evaluation', '/rule-sets', null)).inForce).toBe('2022.1');
    expect((await api.get('evaluation', '/rule-sets/in-force', null)).predicateMatrix).toBeDefined();
    expect((await api.get('career-decisions', '/rule-sets', null)).inForce).toBe('2022.1');
    expect((await api.get('feedback-intake', '/rule-sets', null)).inForce.map((r: { kind: string }) => r.kind)).toEqual(['SLA_POLICY', 'IKM', 'WORKING_CALENDAR']);
  });
});
