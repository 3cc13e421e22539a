import { waitUntil } from '@kinerja/testing';
import { bootHarness, Harness } from './support/harness';
import { IMPORT_HEADER } from '../src/org-import/csv-import.rules';

/**
 * Issue 14: the city's leadership as data. The Kepala OPD reports to the Sekda's post in the
 * Sekretariat Daerah, the Sekda to the kepala daerah (a city official, no NIP) as PPK; SKPs are
 * approved down that chain; an organisation import names the Sekda as NIP_ATASAN, reports its diff,
 * and changes nothing when repeated.
 */
const NOW = '2026-01-12T03:00:00.000Z';
const SEKDA = '196805121990031002';
const KADIS = '197001011995031001';
const KASI = '198003032005011003';
const STAFF = '199003152015031002';
const MAYOR = 'walikota';
const skpOf = (nip: string) => `${nip}-2026-01-01`;
const rhk = (rhkId: string, link: unknown, extra: Record<string, unknown> = {}) => ({
  rhkId,
  jenis: 'UTAMA',
  text: `Tersusunnya dokumen ${rhkId}`,
  link,
  indicators: [{ ikiId: `${rhkId}-1`, aspect: 'KUANTITAS', indicator: `Jumlah dokumen ${rhkId}`, target: { kind: 'QUANTITATIVE', value: 12, unit: 'dokumen' } }],
  ...extra,
});
const pk = (agency: string) => ({ link: { kind: 'PERJANJIAN_KINERJA', perjanjianKinerjaId: `PK-${agency}-2026`, sasaranId: 'SS-1' }, perspektif: 'PENERIMA_LAYANAN' });

const csv = (rows: string[][], separator = ',') => [IMPORT_HEADER.split(',').join(separator), ...rows.map((r) => r.join(separator))].join('\r\n') + '\r\n';
const dinkesRows = [
  [KADIS, 'dr. Rina Kusuma', 'PNS', 'IV/c', '2020-04-01', 'Kepala Dinas Kesehatan', 'JPT_PRATAMA', 'DINKES', SEKDA, '2021-01-01'],
  [KASI, 'Agus Salim', 'PNS', 'III/d', '2020-04-01', 'Kepala Seksi Surveilans', 'PENGAWAS', 'DINKES.P2P', KADIS, '2021-01-01'],
  [STAFF, 'Budi Santoso', 'PNS', 'III/a', '2020-04-01', 'Epidemiolog Ahli Pertama', 'FUNGSIONAL', 'DINKES.P2P', KASI, '2021-01-01'],
];

describe('work-planning: the city leadership across agencies, through HTTP', () => {
  let h: Harness;
  const city = () => h.as('ADMIN_CITY', 'bkpsdm.admin');
  const dinkes = () => h.as('ADMIN_OPD', 'admin.dinkes', 'DINKES');
  const as = (nip: string, agencyId: string) => h.as('EMPLOYEE', nip, agencyId);

  beforeAll(async () => {
    h = await bootHarness('org_lead', { now: NOW });
    const admin = await city();
    for (const [code, name] of [
      ['SETDA', 'Sekretariat Daerah'],
      ['DINKES', 'Dinas Kesehatan'],
    ])
      await admin.post('/agencies').send({ code, name }).expect(201);
    await admin.post('/employees').send({ nip: SEKDA, name: 'Drs. Hendra Gunawan, M.Si.', status: 'PNS', agencyId: 'SETDA' }).expect(201);
    await admin.post('/agencies/SETDA/units').send({ unitId: 'SETDA', name: 'Sekretariat Daerah' }).expect(201);
    await admin.post('/agencies/SETDA/positions').send({ positionId: 'SEKDA', name: 'Sekretaris Daerah', kind: 'JPT_PRATAMA', unitId: 'SETDA', establishedOn: '2020-01-01' }).expect(201);
    await admin.post('/agencies/SETDA/assignments').send({ nip: SEKDA, positionId: 'SEKDA', type: 'DEFINITIVE', from: '2020-01-01' }).expect(201);
    const d = await dinkes();
    await d.post('/agencies/DINKES/units').send({ unitId: 'DINKES', name: 'Dinas Kesehatan' }).expect(201);
    await d.post('/agencies/DINKES/units').send({ unitId: 'DINKES.P2P', name: 'Seksi Surveilans', parentUnitId: 'DINKES' }).expect(201);
  });
  afterAll(() => h?.close());

  it('records the kepala daerah as a city official (ADMIN_CITY only) and puts the Sekda under them', async () => {
    const before = await h.eventCount();
    const refused = await (await dinkes()).put(`/officials/${MAYOR}`).send({ name: 'H. Ahmad Fauzi', office: 'Wali Kota' });
    expect([refused.status, refused.body.code]).toEqual([403, 'OFFICIAL_FORBIDDEN']);
    const unknown = await (await city()).post('/agencies/SETDA/positions/SEKDA/reporting-line').send({ parentPositionId: null, parentOfficialId: MAYOR, effectiveFrom: '2020-01-01' });
    expect([unknown.status, unknown.body.code]).toEqual([400, 'UNKNOWN_OFFICIAL']);
    expect(await h.eventCount()).toBe(before);

    const official = await (await city()).put(`/officials/${MAYOR}`).send({ name: 'H. Ahmad Fauzi', office: 'Wali Kota' }).expect(200);
    expect(official.body).toEqual({ officialId: MAYOR, name: 'H. Ahmad Fauzi', office: 'Wali Kota' });
    await (await city()).post('/agencies/SETDA/positions/SEKDA/reporting-line').send({ parentPositionId: null, parentOfficialId: MAYOR, effectiveFrom: '2020-01-01' }).expect(200);
    expect((await (await as(SEKDA, 'SETDA')).get('/officials').expect(200)).body.items).toEqual([official.body]);
  });

  it("refuses a parent post that another agency does not have, naming the field", async () => {
    const res = await (await dinkes())
      .post('/agencies/DINKES/positions')
      .send({ positionId: 'X', name: 'X', kind: 'PELAKSANA', unitId: 'DINKES', parentAgencyId: 'SETDA', parentPositionId: 'NOPE', establishedOn: '2020-01-01' });
    expect([res.status, res.body.code, res.body.field]).toEqual([400, 'UNKNOWN_POSITION', 'parentPositionId']);
  });

  it('imports DINKES with the Sekda as the Kepala\'s NIP_ATASAN: a dry run shows the diff and stores nothing', async () => {
    const before = await h.eventCount();
    const dry = await (await dinkes())
      .post('/agencies/DINKES/imports?asOf=2026-01-01&dryRun=true')
      .set('content-type', 'text/csv')
      .send(csv(dinkesRows))
      .expect(200);
    expect(dry.body).toMatchObject({ dryRun: true, events: 0, employeesRegistered: 3 });
    expect(dry.body.diff.filter((d: { line: number }) => d.line === 2)).toEqual([
      { line: 2, nip: KADIS, change: 'EMPLOYEE_REGISTERED', detail: 'dr. Rina Kusuma' },
      { line: 2, nip: KADIS, change: 'POSITION_CREATED', detail: 'DINKES/kepala-dinas-kesehatan → SETDA/SEKDA' },
      { line: 2, nip: KADIS, change: 'POSITION_ASSIGNED', detail: 'DINKES/kepala-dinas-kesehatan sejak 2021-01-01' },
    ]);
    expect(await h.eventCount()).toBe(before);
  });

  it('imports it (semicolons and a BOM, as Excel saves it), then the same file again changes nothing', async () => {
    const first = await (await dinkes())
      .post('/agencies/DINKES/imports?asOf=2026-01-01')
      .set('content-type', 'text/csv')
      .send('\uFEFF' + csv(dinkesRows, ';'))
      .expect(201);
    expect(first.body).toMatchObject({ dryRun: false, employeesRegistered: 3, unresolvedSupervisors: [] });
    expect(first.body.diff).toHaveLength(9);
    const again = await (await dinkes()).post('/agencies/DINKES/imports').send({ csv: csv(dinkesRows), asOf: '2026-01-01' }).expect(200);
    expect(again.body).toMatchObject({ events: 0, diff: [], notInFile: [] });
  });

  it('reports every error of a file in one pass, each with its row and column', async () => {
    const bad = dinkesRows.map((r) => [...r]);
    bad[0][9] = '2021-13-01';
    bad[2][3] = 'V/z';
    const res = await (await dinkes()).post('/agencies/DINKES/imports').send({ csv: csv(bad), asOf: '2026-01-01' }).expect(400);
    expect(res.body.errors.map((e: { line: number; code: string; column: string }) => [e.line, e.code, e.column])).toEqual([
      [2, 'DATE_INVALID', 'TMT_JABATAN'],
      [4, 'GOLONGAN_INVALID', 'GOLONGAN'],
    ]);
  });

  it('gives the Sekda as pejabat penilai of the Kepala OPD and the kepala daerah as atasan; the kepala daerah rates the Sekda', async () => {
    const kadis = await (await as(KADIS, 'DINKES')).get(`/employees/${KADIS}/supervisor?date=2026-02-01`).expect(200);
    expect(kadis.body).toMatchObject({
      pejabatPenilai: { id: SEKDA, kind: 'EMPLOYEE', nip: SEKDA, agencyId: 'SETDA', positionId: 'SEKDA', positionName: 'Sekretaris Daerah', via: 'DEFINITIVE' },
      atasanPejabatPenilai: { id: MAYOR, kind: 'OFFICIAL', nip: null, name: 'H. Ahmad Fauzi', positionName: 'Wali Kota', agencyId: null },
    });
    const sekda = await h.as('PPK', MAYOR).then((mayor) => mayor.get(`/employees/${SEKDA}/supervisor?date=2026-02-01`).expect(200));
    expect(sekda.body).toMatchObject({ pejabatPenilai: { id: MAYOR, kind: 'OFFICIAL' }, atasanPejabatPenilai: null });
    const staff = await (await as(STAFF, 'DINKES')).get(`/employees/${STAFF}/supervisor?date=2026-02-01`).expect(200);
    expect(staff.body).toMatchObject({ pejabatPenilai: { nip: KASI }, atasanPejabatPenilai: { nip: KADIS } });
  });

  it('approves SKPs down the chain: the kepala daerah the Sekda\'s, the Sekda the Kepala\'s, the Kepala the Kasi\'s', async () => {
    const plan = async (nip: string, agencyId: string, body: object) => {
      const me = await as(nip, agencyId);
      await me.post('/skps').send({ year: 2026 }).expect(201);
      await me.post(`/skps/${skpOf(nip)}/rhk`).send(body).expect(201);
      await me.post(`/skps/${skpOf(nip)}/submit`).expect(200);
    };
    await plan(SEKDA, 'SETDA', rhk('D1', pk('SETDA').link, { perspektif: 'PENERIMA_LAYANAN' }));
    await plan(KADIS, 'DINKES', rhk('K1', pk('DINKES').link, { perspektif: 'PENERIMA_LAYANAN' }));

    const mayor = await h.as('PPK', MAYOR);
    const board = await mayor.get(`/supervisors/${MAYOR}/team?date=2026-02-01`).expect(200);
    expect(JSON.stringify(board.body)).toContain(SEKDA);
    const byStranger = await (await as(KASI, 'DINKES')).post(`/skps/${skpOf(SEKDA)}/approve`);
    expect(byStranger.status).toBe(403);
    await mayor.post(`/skps/${skpOf(SEKDA)}/approve`).expect(200);
    const sekdaBoard = await (await h.as('SUPERVISOR', SEKDA, 'SETDA')).get(`/supervisors/${SEKDA}/team?date=2026-02-01`).expect(200);
    expect(JSON.stringify(sekdaBoard.body)).toContain(KADIS);
    await (await h.as('SUPERVISOR', SEKDA, 'SETDA')).post(`/skps/${skpOf(KADIS)}/approve`).expect(200);
    // The Kasi's RHK intervenes the Kepala's, so it is submitted once the Kepala's is approved.
    await plan(KASI, 'DINKES', rhk('S1', { kind: 'ATASAN_RHK', skpId: skpOf(KADIS), rhkId: 'K1' }));
    await (await h.as('SUPERVISOR', KADIS, 'DINKES')).post(`/skps/${skpOf(KASI)}/approve`).expect(200);
    const sekdaSkp = await mayor.get(`/skps/${skpOf(SEKDA)}`).expect(200);
    expect(sekdaSkp.body.status).toBe('APPROVED');
  });

  it("counts only each agency's own people in the SKP completion", async () => {
    const res = await (await dinkes()).get('/agencies/DINKES/skp-completion?year=2026').expect(200);
    expect(res.body).toMatchObject({ employees: 3, byStatus: { APPROVED: 2, NONE: 1 } });
  });

  it('lists and searches agencies, paged, with their people on a date', async () => {
    const all = await (await as(STAFF, 'DINKES')).get('/agencies?date=2026-02-01').expect(200);
    expect(all.body).toMatchObject({ total: 2, limit: 50, offset: 0 });
    expect(all.body.items.map((a: { code: string; employees: number }) => [a.code, a.employees])).toEqual([
      ['DINKES', 3],
      ['SETDA', 1],
    ]);
    const found = await (await as(STAFF, 'DINKES')).get('/agencies?q=sekre&limit=1').expect(200);
    expect(found.body).toMatchObject({ total: 1, items: [{ code: 'SETDA', name: 'Sekretariat Daerah' }] });
    const bad = await (await as(STAFF, 'DINKES')).get('/agencies?limit=0');
    expect(bad.status).toBe(400);
  });

  it('lists employees by unit and by NIP as of a date', async () => {
    const byUnit = await (await dinkes()).get('/employees?agencyId=DINKES&unitId=DINKES.P2P&date=2026-02-01').expect(200);
    expect(byUnit.body.items.map((e: { nip: string; unitId: string }) => [e.nip, e.unitId])).toEqual([
      [KASI, 'DINKES.P2P'],
      [STAFF, 'DINKES.P2P'],
    ]);
    expect(byUnit.body.total).toBe(2);
    const before = await (await dinkes()).get('/employees?unitId=DINKES.P2P&date=2020-06-01').expect(200);
    expect(before.body.total).toBe(0);
    const byNip = await (await city()).get(`/employees?q=${STAFF.slice(0, 10)}`).expect(200);
    expect(byNip.body.items.map((e: { nip: string }) => e.nip)).toEqual([STAFF]);
  });

  it("edits an employee's record: only the fields sent change, the same again stores nothing, another agency's admin is refused", async () => {
    const edited = await (await dinkes()).patch(`/employees/${STAFF}`).send({ name: 'Budi Santoso, S.KM.', golongan: 'III/b' }).expect(200);
    // The pangkat follows from the golongan; it is never sent.
    expect(edited.body).toMatchObject({ nip: STAFF, name: 'Budi Santoso, S.KM.', status: 'PNS', agencyId: 'DINKES', golongan: 'III/b', pangkat: 'Penata Muda Tingkat I' });
    const before = await h.eventCount();
    await (await dinkes()).patch(`/employees/${STAFF}`).send({ golongan: 'III/b' }).expect(200);
    const other = await (await h.as('ADMIN_OPD', 'admin.setda', 'SETDA')).patch(`/employees/${STAFF}`).send({ name: 'X' });
    expect([other.status, other.body.code]).toEqual([403, 'EMPLOYEE_UPDATE_FORBIDDEN']);
    const wrong = await (await dinkes()).patch(`/employees/${STAFF}`).send({ golongan: 'V/a' });
    expect([wrong.status, wrong.body.code, wrong.body.field]).toEqual([400, 'GOLONGAN_INVALID', 'golongan']);
    const unknown = await (await dinkes()).patch('/employees/199912312020011999').send({ name: 'X' });
    expect(unknown.status).toBe(404);
    expect(await h.eventCount()).toBe(before);
  });

  it("records the work e-mail notifications go to, publishes it, and refuses one that is no address, naming the field", async () => {
    const set = await (await dinkes()).patch(`/employees/${STAFF}`).send({ email: 'Budi.Santoso@Dinkes.example.go.id' }).expect(200);
    expect(set.body).toMatchObject({ nip: STAFF, email: 'budi.santoso@dinkes.example.go.id', golongan: 'III/b' });
    const bad = await (await dinkes()).patch(`/employees/${STAFF}`).send({ email: 'bukan alamat' });
    expect([bad.status, bad.body.field]).toEqual([400, 'email']);
    const published = async () =>
      (await h.sql.query(`SELECT convert_from(value, 'UTF8')::jsonb AS data FROM kinerja_log.messages WHERE headers->>'ce_type' = 'EmployeeUpdated.v1' AND key = $1`, [STAFF])).rows.map((r) => r.data.email);
    expect(await waitUntil(published, (emails) => emails.includes('budi.santoso@dinkes.example.go.id'), { what: 'the e-mail on EmployeeUpdated.v1' })).toContain('budi.santoso@dinkes.example.go.id');
    const removed = await (await dinkes()).patch(`/employees/${STAFF}`).send({ email: null }).expect(200);
    expect(removed.body.email).toBeNull();
  });
});
