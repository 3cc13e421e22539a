import { bootHarness, Harness } from './support/harness';

const NOW = '2024-01-15T03:00:00.000Z';
const KADIS = '197001011995031001';
const KASI = '198003032005011003';
const STAFF = '199003152015031002';
const GURU = '199104202016032001';

/**
 * Issue 15 on work-planning: finding 7 (reads across agencies: any admin OPD read any supervisor's
 * team board, any authenticated user any agency's organisation tree with names and NIPs) and
 * finding 13 (AUDITOR writes, tokens naming unknown NIPs), through HTTP.
 */
describe('work-planning: one agency does not read another agency\'s people', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await bootHarness('wp_security', { now: NOW });
    const city = await h.as('ADMIN_CITY', 'bkpsdm.admin');
    await city.post('/agencies').send({ code: 'DINKES', name: 'Dinas Kesehatan' }).expect(201);
    await city.post('/agencies').send({ code: 'DISDIK', name: 'Dinas Pendidikan' }).expect(201);
    for (const [nip, name, agencyId] of [
      [KADIS, 'Kepala Dinas', 'DINKES'],
      [KASI, 'Kepala Seksi', 'DINKES'],
      [STAFF, 'Budi Santoso', 'DINKES'],
      [GURU, 'Sri Wahyuni', 'DISDIK'],
    ])
      await city.post('/employees').send({ nip, name, status: 'PNS', agencyId, golongan: 'III/a' }).expect(201);
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
  });
  afterAll(() => h?.close());

  it("finding 7: an admin OPD reads only the team boards of their own agency's supervisors", async () => {
    await (await h.as('ADMIN_OPD', 'dinkes.admin', 'DINKES')).get(`/supervisors/${KASI}/team`).expect(200);
    await (await h.as('SUPERVISOR', KASI, 'DINKES')).get(`/supervisors/${KASI}/team`).expect(200);
    const other = await (await h.as('ADMIN_OPD', 'disdik.admin', 'DISDIK')).get(`/supervisors/${KASI}/team`);
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('OUTSIDE_AGENCY');
    await (await h.as('AUDITOR', 'inspektorat')).get(`/supervisors/${KASI}/team`).expect(200);
  });

  it("finding 7: an agency's organisation tree (names and NIPs) is for its own people, its admin, the city and auditors", async () => {
    await (await h.as('EMPLOYEE', STAFF, 'DINKES')).get('/agencies/DINKES/organisation').expect(200);
    // The agency claim of an employee's token is not believed: the employee's agency is the read model's.
    expect((await (await h.as('EMPLOYEE', GURU, 'DINKES')).get('/agencies/DINKES/organisation')).status).toBe(403);
    expect((await (await h.as('ADMIN_OPD', 'disdik.admin', 'DISDIK')).get('/agencies/DINKES/organisation')).status).toBe(403);
    await (await h.as('ADMIN_CITY', 'bkpsdm.admin')).get('/agencies/DINKES/organisation').expect(200);
  });

  it('finding 13: an AUDITOR token never writes, whatever NIP it carries; an unknown NIP is refused', async () => {
    const auditorAsKadis = await h.as('AUDITOR', KADIS, 'DINKES');
    expect((await auditorAsKadis.post('/skps').send({ year: 2024 })).status).toBe(403);
    expect((await auditorAsKadis.post('/agencies/DINKES/units').send({ unitId: 'X', name: 'X' })).status).toBe(403);
    expect((await (await h.as('EMPLOYEE', '199912312020121999', 'DINKES')).get(`/employees/199912312020121999`)).body.code).toBe('ACTOR_UNKNOWN');
  });

  it('finding 8/9: bad path ids are 400 before any handler; names over the cap are refused', async () => {
    const admin = await h.as('ADMIN_OPD', 'dinkes.admin', 'DINKES');
    for (const path of [`/employees/${STAFF}%00`, '/employees/..%2Fx', '/agencies/DINKES%00/organisation']) {
      const res = await admin.get(path);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('INVALID_REQUEST_TARGET');
    }
    const long = await (await h.as('ADMIN_CITY', 'bkpsdm.admin')).post('/employees').send({ nip: '199205052019031004', name: 'N'.repeat(201), status: 'PNS', agencyId: 'DINKES' });
    expect(long.status).toBe(400);
    expect(long.body.field).toBe('name');
  });
});
