import { bootHarness, Harness } from './support/harness';

const NOW = '2026-03-10T03:00:00.000Z';
const KADIS = '197001011995031001';
const KABID = '197505052000031002';
const KASI = '198003032005011003';
const STAFF = '199003152015031002';
const KABID2 = '197802022001122004';

describe('work-planning: the organisation over time through HTTP', () => {
  let h: Harness;
  const adminDinkes = () => h.as('ADMIN_OPD', 'dinkes.admin', 'DINKES');

  beforeAll(async () => {
    h = await bootHarness('wp_org', { now: NOW });
    const city = await h.as('ADMIN_CITY', 'bkpsdm.admin');
    await city.post('/agencies').send({ code: 'DINKES', name: 'Dinas Kesehatan' }).expect(201);
    await city.post('/agencies').send({ code: 'BAPPEDA', name: 'Bappeda' }).expect(201);
    for (const [nip, name] of [
      [KADIS, 'Kepala Dinas'],
      [KABID, 'Kepala Bidang'],
      [KASI, 'Kepala Seksi'],
      [STAFF, 'Budi Santoso'],
      [KABID2, 'Kabid Baru'],
    ])
      await city.post('/employees').send({ nip, name, status: 'PNS', agencyId: 'DINKES' }).expect(201);
  });
  afterAll(() => h?.close());

  it('refuses the admin of another agency with 403 and stores nothing', async () => {
    const before = await h.eventCount();
    const other = await h.as('ADMIN_OPD', 'bappeda.admin', 'BAPPEDA');
    const res = await other.post('/agencies/DINKES/units').send({ unitId: 'SEKRETARIAT', name: 'Sekretariat' }).expect(403);
    expect(res.body.code).toBe('ORGANISATION_FORBIDDEN');
    const employee = await h.as('EMPLOYEE', STAFF);
    await employee.post('/agencies/DINKES/units').send({ unitId: 'SEKRETARIAT', name: 'Sekretariat' }).expect(403);
    expect(await h.eventCount()).toBe(before);
  });

  it('answers 404 for an unknown agency', async () => {
    const city = await h.as('ADMIN_CITY');
    expect((await city.post('/agencies/NOPE/units').send({ unitId: 'X', name: 'X' }).expect(404)).body.code).toBe('AGENCY_NOT_FOUND');
  });

  it('builds units, positions with their parents, and definitive assignments', async () => {
    const admin = await adminDinkes();
    await admin.post('/agencies/DINKES/units').send({ unitId: 'DINKES', name: 'Dinas Kesehatan' }).expect(201);
    await admin.post('/agencies/DINKES/units').send({ unitId: 'BID-P2P', name: 'Bidang P2P', parentUnitId: 'DINKES' }).expect(201);
    const positions = [
      { positionId: 'KADIS', name: 'Kepala Dinas', kind: 'JPT_PRATAMA', unitId: 'DINKES', parentPositionId: null },
      { positionId: 'KABID-P2P', name: 'Kepala Bidang P2P', kind: 'ADMINISTRATOR', unitId: 'BID-P2P', parentPositionId: 'KADIS' },
      { positionId: 'KASI-SURV', name: 'Kepala Seksi Surveilans', kind: 'PENGAWAS', unitId: 'BID-P2P', parentPositionId: 'KABID-P2P' },
      { positionId: 'EPID-1', name: 'Epidemiolog Ahli Pertama', kind: 'FUNGSIONAL', unitId: 'BID-P2P', parentPositionId: 'KASI-SURV' },
    ];
    for (const p of positions) await admin.post('/agencies/DINKES/positions').send({ ...p, establishedOn: '2020-01-01' }).expect(201);
    for (const [nip, positionId] of [
      [KADIS, 'KADIS'],
      [KABID, 'KABID-P2P'],
      [KASI, 'KASI-SURV'],
      [STAFF, 'EPID-1'],
    ])
      await admin.post('/agencies/DINKES/assignments').send({ nip, positionId, type: 'DEFINITIVE', from: '2023-01-01' }).expect(201);

    const res = await (await h.as('EMPLOYEE', STAFF)).get(`/employees/${STAFF}/supervisor?date=2024-06-01`).expect(200);
    expect(res.body).toMatchObject({
      nip: STAFF,
      date: '2024-06-01',
      positions: [{ positionId: 'EPID-1', positionName: 'Epidemiolog Ahli Pertama', type: 'DEFINITIVE' }],
      pejabatPenilai: { nip: KASI, name: 'Kepala Seksi', positionId: 'KASI-SURV', via: 'DEFINITIVE' },
      atasanPejabatPenilai: { nip: KABID, name: 'Kepala Bidang', positionId: 'KABID-P2P' },
    });
  });

  it('refuses two definitive assignments of one person at once (409) and an unregistered NIP (400), storing nothing', async () => {
    const admin = await adminDinkes();
    const before = await h.eventCount();
    const twice = await admin.post('/agencies/DINKES/assignments').send({ nip: STAFF, positionId: 'KASI-SURV', type: 'DEFINITIVE', from: '2024-01-01', assignmentId: 'x' });
    expect(twice.status).toBe(409);
    const unknown = await admin.post('/agencies/DINKES/assignments').send({ nip: '199101012015031009', positionId: 'EPID-1', type: 'PLT', from: '2024-01-01', to: '2024-02-01' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('EMPLOYEE_NOT_REGISTERED');
    const noRange = await admin.post('/agencies/DINKES/assignments').send({ nip: KABID2, positionId: 'KASI-SURV', type: 'PLH', from: '2024-01-01' });
    expect(noRange.status).toBe(400);
    expect(noRange.body.code).toBe('ACTING_NEEDS_RANGE');
    const cycle = await admin.post('/agencies/DINKES/positions/KADIS/reporting-line').send({ parentPositionId: 'EPID-1', effectiveFrom: '2024-01-01' });
    expect(cycle.status).toBe(400);
    expect(cycle.body.code).toBe('REPORTING_CYCLE');
    expect(cycle.body.message).toMatch(/melingkar/);
    expect(await h.eventCount()).toBe(before);
  });

  it('answers for any past date: the superior moves on, a PLT acts, the reporting line changes', async () => {
    const admin = await adminDinkes();
    // The Kasi leaves at the end of June 2024; the Kabid is PLT of the post in July–September.
    await admin.post(`/agencies/DINKES/assignments/${KASI}@KASI-SURV@2023-01-01/end`).send({ lastDay: '2024-06-30' }).expect(200);
    await admin.post('/agencies/DINKES/assignments').send({ nip: KABID2, positionId: 'KASI-SURV', type: 'PLT', from: '2024-07-01', to: '2024-09-30' }).expect(201);
    // From 2025 the epidemiologist reports to the Kabid directly.
    await admin.post('/agencies/DINKES/positions/EPID-1/reporting-line').send({ parentPositionId: 'KABID-P2P', effectiveFrom: '2025-01-01' }).expect(200);

    const city = await h.as('ADMIN_CITY');
    const on = async (date: string) => (await city.get(`/employees/${STAFF}/supervisor?date=${date}`).expect(200)).body;
    expect((await on('2024-06-30')).pejabatPenilai.nip).toBe(KASI);
    expect((await on('2024-08-15')).pejabatPenilai).toMatchObject({ nip: KABID2, via: 'PLT', positionId: 'KASI-SURV' });
    expect((await on('2024-08-15')).atasanPejabatPenilai.nip).toBe(KABID);
    // Vacant in Q4: walks up to the Kabid, whose superior is the Kadis.
    expect((await on('2024-11-01')).pejabatPenilai.nip).toBe(KABID);
    expect((await on('2024-11-01')).atasanPejabatPenilai.nip).toBe(KADIS);
    expect((await on('2025-02-01')).pejabatPenilai).toMatchObject({ nip: KABID, positionId: 'KABID-P2P' });
    // Before any assignment: nobody.
    expect(await on('2022-06-01')).toMatchObject({ positions: [], pejabatPenilai: null, atasanPejabatPenilai: null });
  });

  it('never makes an employee their own pejabat penilai when they act in their superior post', async () => {
    const admin = await adminDinkes();
    await admin.post('/agencies/DINKES/assignments').send({ nip: STAFF, positionId: 'KASI-SURV', type: 'PLH', from: '2024-10-01', to: '2024-10-31' }).expect(201);
    const res = await (await h.as('ADMIN_CITY')).get(`/employees/${STAFF}/supervisor?date=2024-10-15`).expect(200);
    expect(res.body.pejabatPenilai.nip).toBe(KABID);
  });

  it('lets the pejabat penilai read the answer, refuses a stranger, and refuses a bad date with 400', async () => {
    await (await h.as('EMPLOYEE', KABID)).get(`/employees/${STAFF}/supervisor?date=2025-02-01`).expect(200);
    expect((await (await h.as('EMPLOYEE', KABID2)).get(`/employees/${STAFF}/supervisor?date=2025-02-01`)).status).toBe(403);
    const bad = await (await h.as('ADMIN_CITY')).get(`/employees/${STAFF}/supervisor?date=2025-02-30`);
    expect([bad.status, bad.body.code]).toEqual([400, 'INVALID_DATE']);
  });

  it('serves the org tree as of a date and the profile with the current supervisor', async () => {
    const tree = (await (await h.as('EMPLOYEE', STAFF)).get('/agencies/DINKES/organisation?date=2024-08-15').expect(200)).body;
    expect(tree.units).toHaveLength(1);
    expect(tree.units[0]).toMatchObject({ unitId: 'DINKES', units: [{ unitId: 'BID-P2P' }] });
    const kasi = tree.units[0].units[0].positions.find((p: { positionId: string }) => p.positionId === 'KASI-SURV');
    expect(kasi.holders).toEqual([{ nip: KABID2, name: 'Kabid Baru', type: 'PLT', from: '2024-07-01', to: '2024-09-30' }]);
    const profile = (await (await h.as('EMPLOYEE', STAFF)).get(`/employees/${STAFF}/profile`).expect(200)).body;
    expect(profile).toMatchObject({ nip: STAFF, name: 'Budi Santoso', current: { date: '2026-03-10', pejabatPenilai: { nip: KABID } } });
  });
});
