import { DataSource, In } from 'typeorm';
import { rowsByKey } from '@kinerja/projections';
import { EmployeeView } from '../src/employees/get-employee/employee-view.entity';
import { SkpView } from '../src/skps/get-skp/skp-view.entity';
import { bootHarness, Harness } from './support/harness';

const NOW = '2026-02-10T03:00:00.000Z';
const KABID = '197505052000031002';
const STAFF = '199003152015031002';
const OTHER = '198801012010011001';
const skpOf = (nip: string) => `${nip}-2026-01-01`;
const rhk = (rhkId: string, link: unknown) => ({
  rhkId,
  jenis: 'UTAMA',
  text: `Tersusunnya dokumen ${rhkId}`,
  link,
  indicators: [{ ikiId: `${rhkId}-1`, aspect: 'KUANTITAS', indicator: 'Jumlah dokumen', target: { kind: 'QUANTITATIVE', value: 12, unit: 'dokumen' } }],
});

describe('work-planning: employee search, an employee\'s SKPs, the atasan\'s RHK to intervene on', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await bootHarness('wp_people', { now: NOW });
    const city = await h.as('ADMIN_CITY', 'bkpsdm.admin');
    for (const code of ['DINKES', 'DISDIK']) await city.post('/agencies').send({ code, name: `Dinas ${code}` }).expect(201);
    await city.post('/employees').send({ nip: KABID, name: 'Rina Kusuma', status: 'PNS', agencyId: 'DINKES', golongan: 'IV/a' }).expect(201);
    await city.post('/employees').send({ nip: STAFF, name: 'Budi Santoso', status: 'PNS', agencyId: 'DINKES', golongan: 'III/a' }).expect(201);
    await city.post('/employees').send({ nip: OTHER, name: 'Budiman Hadi', status: 'PNS', agencyId: 'DISDIK' }).expect(201);
    const admin = await h.as('ADMIN_OPD', 'dinkes.admin', 'DINKES');
    await admin.post('/agencies/DINKES/units').send({ unitId: 'P2P', name: 'Bidang P2P' }).expect(201);
    await admin.post('/agencies/DINKES/positions').send({ positionId: 'KABID', name: 'Kepala Bidang P2P', kind: 'ADMINISTRATOR', unitId: 'P2P', establishedOn: '2020-01-01' }).expect(201);
    await admin
      .post('/agencies/DINKES/positions')
      .send({ positionId: 'EPID', name: 'Epidemiolog Ahli Pertama', kind: 'FUNGSIONAL', unitId: 'P2P', parentPositionId: 'KABID', establishedOn: '2020-01-01' })
      .expect(201);
    await admin.post('/agencies/DINKES/assignments').send({ nip: KABID, positionId: 'KABID', type: 'DEFINITIVE', from: '2021-01-01' }).expect(201);
    await admin.post('/agencies/DINKES/assignments').send({ nip: STAFF, positionId: 'EPID', type: 'DEFINITIVE', from: '2021-01-01' }).expect(201);
  });
  afterAll(() => h?.close());

  it('searches employees by name or NIP prefix, paged, with the position held today', async () => {
    const city = await h.as('ADMIN_CITY', 'bkpsdm.admin');
    const byName = await city.get('/employees?q=budi').expect(200);
    expect(byName.body).toMatchObject({ total: 2, limit: 20, offset: 0 });
    expect(byName.body.items.map((e: { nip: string }) => e.nip).sort()).toEqual([OTHER, STAFF]);
    expect(byName.body.items.find((e: { nip: string }) => e.nip === STAFF)).toMatchObject({ name: 'Budi Santoso', agencyId: 'DINKES', jabatan: 'Epidemiolog Ahli Pertama', unitKerja: 'Bidang P2P' });
    const byNip = await city.get(`/employees?q=${KABID.slice(0, 8)}`).expect(200);
    expect(byNip.body.items.map((e: { nip: string }) => e.nip)).toEqual([KABID]);
    const all = await city.get('/employees').expect(200);
    expect(all.body.total).toBe(3);
    const paged = await city.get('/employees?limit=1&offset=1').expect(200);
    expect(paged.body).toMatchObject({ total: 3, items: [{ nip: all.body.items[1].nip }] });
    const wildcard = await city.get('/employees?q=%25').expect(200);
    expect(wildcard.body.total).toBe(0);
  });

  it('limits an agency admin to their agency and refuses employees and bad parameters', async () => {
    const admin = await h.as('ADMIN_OPD', 'dinkes.admin', 'DINKES');
    const own = await admin.get('/employees?q=budi').expect(200);
    expect(own.body.items.map((e: { nip: string }) => e.nip)).toEqual([STAFF]);
    expect((await admin.get('/employees?agencyId=DISDIK').expect(403)).body.code).toBe('EMPLOYEE_LIST_FORBIDDEN');
    expect((await (await h.as('EMPLOYEE', STAFF, 'DINKES')).get('/employees').expect(403)).body.code).toBe('EMPLOYEE_LIST_FORBIDDEN');
    const bad = await (await h.as('ADMIN_CITY', 'bkpsdm.admin')).get('/employees?limit=500&sort=name').expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['limit', 'sort']);
  });

  it("lists an employee's own SKPs with their status, for them and not for a colleague", async () => {
    const staff = await h.as('EMPLOYEE', STAFF, 'DINKES');
    expect((await staff.get(`/employees/${STAFF}/skps`).expect(200)).body).toEqual({ nip: STAFF, skps: [] });
    await staff.post('/skps').send({ year: 2026 }).expect(201);
    const mine = await staff.get(`/employees/${STAFF}/skps`).expect(200);
    expect(mine.body.skps).toEqual([
      expect.objectContaining({ skpId: skpOf(STAFF), periodStart: '2026-01-01', periodEnd: '2026-12-31', status: 'DRAFT', versions: 0, returnNotes: null }),
    ]);
    expect((await (await h.as('EMPLOYEE', OTHER, 'DISDIK')).get(`/employees/${STAFF}/skps`).expect(403)).body.code).toBe('SKP_READ_FORBIDDEN');
  });

  it('reads read-model rows by key as TypeORM does (dates as text, timestamps, numbers, jsonb), and refuses what it cannot hydrate', async () => {
    const dataSource = h.app.get(DataSource);
    const nips = [KABID, STAFF, OTHER, '199901012020011999'];
    const sorted = <T extends object>(rows: T[], key: keyof T) => [...rows].sort((a, b) => String(a[key]).localeCompare(String(b[key])));
    const employees = await rowsByKey(dataSource, EmployeeView, nips);
    expect(employees).toHaveLength(3);
    expect(sorted(employees, 'nip')).toEqual(sorted((await dataSource.getRepository(EmployeeView).findBy({ nip: In(nips) })).map((r) => ({ ...r })), 'nip'));
    expect(employees.find((e) => e.nip === KABID)).toMatchObject({ agencyId: 'DINKES', golongan: 'IV/a', registeredAt: expect.any(Date) });
    const skpIds = [skpOf(KABID), skpOf(STAFF), 'none'];
    const skps = await rowsByKey(dataSource, SkpView, skpIds);
    expect(skps.map((r) => r.skpId)).toEqual([skpOf(STAFF)]);
    expect(sorted(skps, 'skpId')).toEqual(sorted((await dataSource.getRepository(SkpView).findBy({ skpId: In(skpIds) })).map((r) => ({ ...r })), 'skpId'));
    expect(skps[0]).toMatchObject({ periodStart: '2026-01-01', periodEnd: '2026-12-31', versions: 0, state: expect.objectContaining({ status: 'DRAFT' }) });
    expect(await rowsByKey(dataSource, EmployeeView, [])).toEqual([]);
    const { RealisationView } = await import('../src/realisations/get-realisations/realisation-view.entity');
    await expect(rowsByKey(dataSource, RealisationView, ['x'])).rejects.toThrow(/rowsByKey/);
  });

  it("offers the pejabat penilai's RHK to intervene on, approved or still in draft", async () => {
    const staff = await h.as('EMPLOYEE', STAFF, 'DINKES');
    expect((await staff.get(`/skps/${skpOf(STAFF)}/atasan-rhk`).expect(200)).body).toEqual({
      skpId: skpOf(STAFF),
      pejabatPenilai: { nip: KABID, nama: 'Rina Kusuma' },
      atasanSkp: null,
      rhk: [],
    });
    const kabid = await h.as('SUPERVISOR', KABID, 'DINKES');
    await kabid.post('/skps').send({ year: 2026 }).expect(201);
    await kabid.post(`/skps/${skpOf(KABID)}/rhk`).send(rhk('B1', null)).expect(201);
    const options = await staff.get(`/skps/${skpOf(STAFF)}/atasan-rhk`).expect(200);
    expect(options.body).toMatchObject({
      atasanSkp: { skpId: skpOf(KABID), status: 'DRAFT' },
      rhk: [{ rhkId: 'B1', jenis: 'UTAMA', text: 'Tersusunnya dokumen B1', approved: false }],
    });
    await staff.post(`/skps/${skpOf(STAFF)}/rhk`).send(rhk('T1', { kind: 'ATASAN_RHK', skpId: skpOf(KABID), rhkId: 'B1' })).expect(201);
    expect((await (await h.as('EMPLOYEE', OTHER, 'DISDIK')).get(`/skps/${skpOf(STAFF)}/atasan-rhk`).expect(403)).body.code).toBe('SKP_READ_FORBIDDEN');
  });
});
