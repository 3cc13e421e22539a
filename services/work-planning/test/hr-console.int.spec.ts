import { bootHarness, Harness } from './support/harness';

const NOW = '2026-03-10T03:00:00.000Z';
const FIRST_ADMIN = '197001012000031001';
const KADIS = '197001011995031001';
const KASI = '198003032005011003';
const STAFF = '199003152015031002';

/** What the HR pages of the console read (issue 17): an agency's SKP progress in a period, a person's role-grant history. */
describe('work-planning: SKP progress of an agency and role-grant history', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await bootHarness('wp_hr', { now: NOW, env: { ROLE_GRANT_BOOTSTRAP_NIPS: FIRST_ADMIN } });
    const city = await h.as('ADMIN_CITY', 'bkpsdm.admin');
    await city.post('/agencies').send({ code: 'DINKES', name: 'Dinas Kesehatan' }).expect(201);
    await city.post('/agencies').send({ code: 'DISHUB', name: 'Dinas Perhubungan' }).expect(201);
    for (const [nip, name] of [
      [KADIS, 'Kepala Dinas'],
      [KASI, 'Kepala Seksi'],
      [STAFF, 'Budi Santoso'],
    ])
      await city.post('/employees').send({ nip, name, status: 'PNS', agencyId: 'DINKES', golongan: 'III/a' }).expect(201);
    const admin = await h.as('ADMIN_OPD', 'dinkes.admin', 'DINKES');
    await admin.post('/agencies/DINKES/units').send({ unitId: 'DINKES', name: 'Dinas Kesehatan' }).expect(201);
    for (const [positionId, kind, parentPositionId, nip] of [
      ['KADIS', 'JPT_PRATAMA', null, KADIS],
      ['KASI', 'PENGAWAS', 'KADIS', KASI],
      ['STAF', 'PELAKSANA', 'KASI', STAFF],
    ] as const) {
      await admin.post('/agencies/DINKES/positions').send({ positionId, name: positionId, kind, unitId: 'DINKES', parentPositionId, establishedOn: '2020-01-01' }).expect(201);
      await admin.post('/agencies/DINKES/assignments').send({ nip, positionId, type: 'DEFINITIVE', from: '2021-01-01' }).expect(201);
    }
    await (await h.as('EMPLOYEE', KASI, 'DINKES')).post('/skps').send({ year: 2026 }).expect(201);
  });
  afterAll(() => h?.close());

  it("lists everyone of the agency in the period with their SKP status, realisations and pejabat penilai", async () => {
    const res = await (await h.as('ADMIN_OPD', 'dinkes.admin', 'DINKES')).get('/agencies/dinkes/skp-progress?periodId=2026-S1').expect(200);
    expect(res.body).toMatchObject({ agencyId: 'DINKES', periodId: '2026-S1', start: '2026-01-01', end: '2026-06-30' });
    expect(res.body.people).toEqual([
      { nip: STAFF, name: 'Budi Santoso', skpStatus: 'NONE', realisations: 0, pejabatPenilai: { id: KASI, name: 'Kepala Seksi' } },
      { nip: KADIS, name: 'Kepala Dinas', skpStatus: 'NONE', realisations: 0, pejabatPenilai: null },
      { nip: KASI, name: 'Kepala Seksi', skpStatus: 'DRAFT', realisations: 0, pejabatPenilai: { id: KADIS, name: 'Kepala Dinas' } },
    ]);
  });

  it('keeps other agencies and employees out (403) and names a period outside the vocabulary (400)', async () => {
    expect((await (await h.as('ADMIN_OPD', 'dishub.admin', 'DISHUB')).get('/agencies/DINKES/skp-progress?periodId=2026-S1')).body.code).toBe('OUTSIDE_AGENCY');
    expect((await (await h.as('EMPLOYEE', STAFF, 'DINKES')).get('/agencies/DINKES/skp-progress?periodId=2026-S1')).status).toBe(403);
    const bad = await (await h.as('ADMIN_CITY', 'bkpsdm.admin')).get('/agencies/DINKES/skp-progress?periodId=2026-H1').expect(400);
    expect(bad.body).toMatchObject({ code: 'PERIOD_INVALID', field: 'periodId' });
  });

  it("keeps a person's grants and revocations as history; an agency admin reads their agency's grants and its people's history", async () => {
    const city = await h.as('EMPLOYEE', FIRST_ADMIN);
    await city.post('/role-grants').set('x-kinerja-role', 'ADMIN_CITY').send({ nip: KASI, role: 'ADMIN_OPD', agencyId: 'DINKES', reason: 'SK 1/2026' }).expect(201);
    await city.delete(`/role-grants/${KASI}/ADMIN_OPD:DINKES`).set('x-kinerja-role', 'ADMIN_CITY').expect(200);
    await city.post('/role-grants').set('x-kinerja-role', 'ADMIN_CITY').send({ nip: STAFF, role: 'ADMIN_OPD', agencyId: 'DINKES' }).expect(201);

    const history = await city.get(`/role-grants/${KASI}/history`).set('x-kinerja-role', 'ADMIN_CITY').expect(200);
    expect(history.body).toEqual({
      nip: KASI,
      history: [
        { change: 'GRANTED', role: 'ADMIN_OPD', agencyId: 'DINKES', key: 'ADMIN_OPD:DINKES', by: FIRST_ADMIN, at: NOW, reason: 'SK 1/2026' },
        { change: 'REVOKED', role: 'ADMIN_OPD', agencyId: 'DINKES', key: 'ADMIN_OPD:DINKES', by: FIRST_ADMIN, at: NOW, reason: null },
      ],
    });

    const opd = await h.as('EMPLOYEE', STAFF, 'DINKES');
    const grants = await opd.get('/role-grants?agencyId=DINKES').set('x-kinerja-role', 'ADMIN_OPD:DINKES').expect(200);
    expect(grants.body.grants.map((g: { nip: string; key: string }) => `${g.nip} ${g.key}`)).toEqual([`${STAFF} ADMIN_OPD:DINKES`]);
    expect((await opd.get(`/role-grants/${KASI}/history`).set('x-kinerja-role', 'ADMIN_OPD:DINKES').expect(200)).body.history).toHaveLength(2);
    expect((await opd.get('/role-grants?agencyId=DISHUB').set('x-kinerja-role', 'ADMIN_OPD:DINKES').expect(403)).body.code).toBe('ROLE_GRANTS_FORBIDDEN');
    expect((await opd.get(`/role-grants/${FIRST_ADMIN}/history`).set('x-kinerja-role', 'ADMIN_OPD:DINKES').expect(403)).body.code).toBe('ROLE_GRANTS_FORBIDDEN');
    expect((await opd.get('/role-grants/123/history').set('x-kinerja-role', 'ADMIN_OPD:DINKES').expect(400)).body.field).toBe('nip');
  });
});
