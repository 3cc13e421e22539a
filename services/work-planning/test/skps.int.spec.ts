import { TOPICS } from '@kinerja/contracts';
import { ConsumedMessage, createPgLogTransport } from '@kinerja/messaging';
import { uniqueName } from '@kinerja/testing';
import { bootHarness, Harness } from './support/harness';

const NOW = '2024-01-15T03:00:00.000Z';
const SEKDA = '196805121990031002';
const KADIS = '197001011995031001';
const KABID = '197505052000031002';
const KASI = '198003032005011003';
const STAFF = '199003152015031002';
const skpOf = (nip: string) => `${nip}-2024-01-01`;

const iki = (ikiId: string, value = 12) => ({ ikiId, aspect: 'KUANTITAS', indicator: `Jumlah dokumen ${ikiId}`, target: { kind: 'QUANTITATIVE', value, unit: 'dokumen' } });
const rhk = (rhkId: string, link: unknown, extra: Record<string, unknown> = {}) => ({
  rhkId,
  jenis: 'UTAMA',
  text: `Tersusunnya dokumen ${rhkId}`,
  link,
  indicators: [iki(`${rhkId}-1`)],
  ...extra,
});
const atasan = (nip: string, rhkId: string) => ({ kind: 'ATASAN_RHK', skpId: skpOf(nip), rhkId });

describe('work-planning: the SKP lifecycle with cascading through HTTP', () => {
  let h: Harness;
  const as = (nip: string) => h.as('EMPLOYEE', nip, 'DINKES');
  const skpEvents = async (nip: string) => (await h.store.readStream(`skp-${skpOf(nip)}`)).map((e) => e.type);

  beforeAll(async () => {
    h = await bootHarness('wp_skp', { now: NOW });
    const city = await h.as('ADMIN_CITY', 'bkpsdm.admin');
    await city.post('/agencies').send({ code: 'DINKES', name: 'Dinas Kesehatan' }).expect(201);
    for (const [nip, name] of [
      [SEKDA, 'Sekretaris Daerah'],
      [KADIS, 'Kepala Dinas'],
      [KABID, 'Kepala Bidang P2P'],
      [KASI, 'Kepala Seksi Surveilans'],
      [STAFF, 'Budi Santoso'],
    ])
      await city.post('/employees').send({ nip, name, status: 'PNS', agencyId: 'DINKES', golongan: 'III/a' }).expect(201);
    const admin = await h.as('ADMIN_OPD', 'dinkes.admin', 'DINKES');
    await admin.post('/agencies/DINKES/units').send({ unitId: 'DINKES', name: 'Dinas Kesehatan' }).expect(201);
    await admin.post('/agencies/DINKES/units').send({ unitId: 'P2P', name: 'Bidang P2P', parentUnitId: 'DINKES' }).expect(201);
    const positions = [
      ['SEKDA', 'Sekretaris Daerah', 'JPT_PRATAMA', 'DINKES', null, SEKDA],
      ['KADIS', 'Kepala Dinas Kesehatan', 'JPT_PRATAMA', 'DINKES', 'SEKDA', KADIS],
      ['KABID', 'Kepala Bidang P2P', 'ADMINISTRATOR', 'P2P', 'KADIS', KABID],
      ['KASI', 'Kepala Seksi Surveilans', 'PENGAWAS', 'P2P', 'KABID', KASI],
      ['EPID', 'Epidemiolog Ahli Pertama', 'FUNGSIONAL', 'P2P', 'KASI', STAFF],
    ] as const;
    for (const [positionId, name, kind, unitId, parentPositionId, nip] of positions) {
      await admin.post('/agencies/DINKES/positions').send({ positionId, name, kind, unitId, parentPositionId, establishedOn: '2020-01-01' }).expect(201);
      await admin.post('/agencies/DINKES/assignments').send({ nip, positionId, type: 'DEFINITIVE', from: '2021-01-01' }).expect(201);
    }
  });
  afterAll(() => h?.close());

  it('lets an employee create their annual SKP and draft against the superior draft RHK, flagged not blocked', async () => {
    for (const nip of [KADIS, KABID, KASI, STAFF]) await (await as(nip)).post('/skps').send({ year: 2024 }).expect(201);
    await (await as(KADIS))
      .post(`/skps/${skpOf(KADIS)}/rhk`)
      .send(rhk('J1', { kind: 'PERJANJIAN_KINERJA', perjanjianKinerjaId: 'PK-2024', sasaranId: 'S1' }, { perspektif: 'PENERIMA_LAYANAN' }))
      .expect(201);
    await (await as(KABID)).post(`/skps/${skpOf(KABID)}/rhk`).send(rhk('B1', atasan(KADIS, 'J1'))).expect(201);
    await (await as(KASI)).post(`/skps/${skpOf(KASI)}/rhk`).send(rhk('S1', atasan(KABID, 'B1'))).expect(201);
    const res = await (await as(STAFF)).post(`/skps/${skpOf(STAFF)}/rhk`).send(rhk('T1', atasan(KASI, 'S1'))).expect(201);
    expect(res.body).toMatchObject({
      status: 'DRAFT',
      columns: ['NO', 'RENCANA HASIL KERJA ATASAN YANG DIINTERVENSI', 'RENCANA HASIL KERJA', 'ASPEK', 'INDIKATOR KINERJA INDIVIDU', 'TARGET'],
      unresolvedLinks: [{ rhkId: 'T1', flag: 'TARGET_NOT_APPROVED' }],
      pegawaiYangDinilai: { nip: STAFF, nama: 'Budi Santoso', jabatan: 'Epidemiolog Ahli Pertama', unitKerja: 'Bidang P2P' },
      pejabatPenilaiKinerja: { nip: KASI, nama: 'Kepala Seksi Surveilans' },
    });
    expect(res.body.hasilKerja[0]).toMatchObject({
      jenis: 'UTAMA',
      judul: 'A. UTAMA',
      rows: [
        {
          no: 1,
          rencanaHasilKerjaAtasan: 'Tersusunnya dokumen S1',
          rencanaHasilKerja: 'Tersusunnya dokumen T1',
          aspek: 'KUANTITAS',
          indikatorKinerjaIndividu: 'Jumlah dokumen T1-1',
          target: '12 dokumen',
        },
      ],
    });
    expect(res.body.hasilKerja[1]).toMatchObject({ jenis: 'TAMBAHAN', judul: 'B. TAMBAHAN', rows: [] });
    expect(res.body.perilakuKerja).toHaveLength(7);
  });

  it('refuses edits by anyone but the employee, links to a non-superior RHK, and a second SKP for the period — storing nothing', async () => {
    const before = await h.eventCount();
    const byKasi = await (await as(KASI)).post(`/skps/${skpOf(STAFF)}/rhk`).send(rhk('T2', atasan(KASI, 'S1')));
    expect([byKasi.status, byKasi.body.code]).toEqual([403, 'SKP_OWNER_ONLY']);
    const skipLevel = await (await as(STAFF)).post(`/skps/${skpOf(STAFF)}/rhk`).send(rhk('T2', atasan(KABID, 'B1')));
    expect([skipLevel.status, skipLevel.body.code]).toEqual([400, 'RHK_LINK_NOT_SUPERIOR']);
    expect(skipLevel.body.message).toMatch(/atasan langsung/);
    const unknown = await (await as(STAFF)).post(`/skps/${skpOf(STAFF)}/rhk`).send(rhk('T2', atasan(KASI, 'NOPE')));
    expect([unknown.status, unknown.body.code]).toEqual([400, 'RHK_LINK_TARGET_UNKNOWN']);
    const again = await (await as(STAFF)).post('/skps').send({ year: 2024 });
    expect([again.status, again.body.code]).toEqual([409, 'SKP_EXISTS']);
    const noIki = await (await as(STAFF)).post(`/skps/${skpOf(STAFF)}/rhk`).send({ ...rhk('T3', null), indicators: [] });
    expect(noIki.status).toBe(400);
    expect(await h.eventCount()).toBe(before);
  });

  it('refuses submission as approval would: while a link points at an unapproved RHK, with the reason, storing nothing', async () => {
    const before = await h.eventCount();
    const unresolved = await (await as(STAFF)).post(`/skps/${skpOf(STAFF)}/submit`);
    expect([unresolved.status, unresolved.body.code]).toEqual([409, 'SKP_LINKS_UNRESOLVED']);
    expect(unresolved.body.message).toMatch(/T1 \(TARGET_NOT_APPROVED\) RHK atasan yang diintervensi belum disetujui/);
    expect(await h.eventCount()).toBe(before);
  });

  it('approves down the cascade once each superior RHK is approved', async () => {
    for (const [nip, penilai] of [
      [KADIS, SEKDA],
      [KABID, KADIS],
      [KASI, KABID],
    ]) {
      await (await as(nip)).post(`/skps/${skpOf(nip)}/submit`).expect(200);
      const approved = await (await as(penilai)).post(`/skps/${skpOf(nip)}/approve`).expect(200);
      expect(approved.body).toMatchObject({ status: 'APPROVED', latestApprovedVersion: 1, unresolvedLinks: [] });
    }
  });

  it('refuses approval by the employee themself or by anyone but the pejabat penilai', async () => {
    await (await as(STAFF)).post(`/skps/${skpOf(STAFF)}/submit`).expect(200);
    const before = await h.eventCount();
    const self = await (await as(STAFF)).post(`/skps/${skpOf(STAFF)}/approve`);
    expect([self.status, self.body.code]).toEqual([403, 'SKP_SELF_APPROVAL']);
    const skip = await (await as(KABID)).post(`/skps/${skpOf(STAFF)}/approve`);
    expect([skip.status, skip.body.code]).toEqual([403, 'SKP_PEJABAT_PENILAI_ONLY']);
    expect(await h.eventCount()).toBe(before);
  });

  it('refuses the employee approving their own SKP while acting (PLH) in their pejabat penilai post', async () => {
    const admin = await h.as('ADMIN_OPD', 'dinkes.admin', 'DINKES');
    await admin.post('/agencies/DINKES/assignments').send({ nip: STAFF, positionId: 'KASI', type: 'PLH', from: '2024-01-14', to: '2024-01-16' }).expect(201);
    const before = await h.eventCount();
    const acting = await (await as(STAFF)).post(`/skps/${skpOf(STAFF)}/return`).send({ notes: 'Disetujui sendiri' });
    expect([acting.status, acting.body.code]).toEqual([403, 'SKP_SELF_APPROVAL']);
    expect(acting.body.message).toMatch(/PLT\/PLH/);
    expect(await h.eventCount()).toBe(before);
  });

  it('returns with notes; a returned plan must be revised before it is submitted again', async () => {
    const noNotes = await (await as(KASI)).post(`/skps/${skpOf(STAFF)}/return`).send({ notes: '  ' });
    expect([noNotes.status, noNotes.body.code]).toEqual([400, 'SKP_RETURN_NOTES_REQUIRED']);
    const returned = await (await as(KASI)).post(`/skps/${skpOf(STAFF)}/return`).send({ notes: 'Target terlalu rendah' }).expect(200);
    expect(returned.body).toMatchObject({ status: 'RETURNED', returnNotes: 'Target terlalu rendah' });
    const early = await (await as(STAFF)).post(`/skps/${skpOf(STAFF)}/submit`);
    expect([early.status, early.body.code]).toEqual([409, 'SKP_NOT_REVISED']);
    const revised = await (await as(STAFF)).put(`/skps/${skpOf(STAFF)}/rhk/T1`).send({ ...rhk('T1', atasan(KASI, 'S1')), indicators: [iki('T1-1', 24)] }).expect(200);
    expect(revised.body.status).toBe('REVISED');
    await (await as(STAFF)).put(`/skps/${skpOf(STAFF)}/lampiran`).send({ dukunganSumberDaya: ['Aplikasi SKDR'], skemaPertanggungjawaban: ['Laporan bulanan'], konsekuensi: ['Teguran'] }).expect(200);
    await (await as(STAFF)).post(`/skps/${skpOf(STAFF)}/submit`).expect(200);
  });

  it('lets the employee withdraw a submitted SKP until it is decided (SkpWithdrawn), then submit it again', async () => {
    const withdrawn = await (await as(STAFF)).post(`/skps/${skpOf(STAFF)}/withdraw`).expect(200);
    expect(withdrawn.body.status).toBe('DRAFT');
    const again = await (await as(STAFF)).post(`/skps/${skpOf(STAFF)}/withdraw`);
    expect([again.status, again.body.code]).toEqual([409, 'SKP_NOT_WITHDRAWABLE']);
    await (await as(STAFF)).post(`/skps/${skpOf(STAFF)}/submit`).expect(200);
    const byKasi = await (await as(KASI)).post(`/skps/${skpOf(STAFF)}/withdraw`);
    expect([byKasi.status, byKasi.body.code]).toEqual([403, 'SKP_OWNER_ONLY']);
    expect(await skpEvents(STAFF)).toContain('SkpWithdrawn');
  });

  it('the pejabat penilai sets ekspektasi khusus and approves', async () => {
    const ekspektasi = await (await as(KASI)).put(`/skps/${skpOf(STAFF)}/ekspektasi/KOLABORATIF`).send({ text: 'Aktif berbagi data dengan puskesmas' }).expect(200);
    expect(ekspektasi.body.perilakuKerja.find((p: { coreValue: string }) => p.coreValue === 'KOLABORATIF').ekspektasiKhusus).toBe('Aktif berbagi data dengan puskesmas');
    expect((await (await as(KASI)).get(`/skps/${skpOf(STAFF)}`).expect(200)).body).toEqual(ekspektasi.body);
    const byStaff = await (await as(STAFF)).put(`/skps/${skpOf(STAFF)}/ekspektasi/KOLABORATIF`).send({ text: 'x' });
    expect(byStaff.status).toBe(403);
    const approved = await (await as(KASI)).post(`/skps/${skpOf(STAFF)}/approve`).expect(200);
    expect(approved.body).toMatchObject({ status: 'APPROVED', unresolvedLinks: [], pejabatPenilaiKinerja: { nip: KASI } });
    expect(await skpEvents(STAFF)).toContain('SkpApproved');
    // A command answers from the state it decided, not from the read model: the same document a read returns.
    expect((await (await as(KASI)).get(`/skps/${skpOf(STAFF)}`).expect(200)).body).toEqual(approved.body);
    expect((await (await as(STAFF)).get(`/skps/${skpOf(STAFF)}`).expect(200)).body).toEqual(approved.body);
  });

  it('keeps every version when an approved plan is amended', async () => {
    await (await as(STAFF)).post(`/skps/${skpOf(STAFF)}/amend`).expect(200);
    await (await as(STAFF)).put(`/skps/${skpOf(STAFF)}/rhk/T1`).send({ ...rhk('T1', atasan(KASI, 'S1')), indicators: [iki('T1-1', 30)] }).expect(200);
    await (await as(STAFF)).post(`/skps/${skpOf(STAFF)}/submit`).expect(200);
    await (await as(KASI)).post(`/skps/${skpOf(STAFF)}/approve`).expect(200);
    const versions = (await (await as(STAFF)).get(`/skps/${skpOf(STAFF)}/versions`).expect(200)).body;
    expect(versions.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(versions.versions[0].rhk[0].indicators[0].target.value).toBe(24);
    expect(versions.versions[1].rhk[0].indicators[0].target.value).toBe(30);
    const v1 = (await (await as(STAFF)).get(`/skps/${skpOf(STAFF)}?version=1`).expect(200)).body;
    expect(v1).toMatchObject({ version: 1, latestApprovedVersion: 2 });
    expect(v1.hasilKerja[0].rows[0].target).toBe('24 dokumen');
    expect(await skpEvents(STAFF)).toContain('SkpAmended');
  });

  it('shows the cascade (MPPH) of a leader RHK down the whole tree, surviving the superior moving post', async () => {
    const tree = (await (await as(KADIS)).get(`/skps/${skpOf(KADIS)}/rhk/J1/cascade`).expect(200)).body;
    expect(tree).toMatchObject({ rhkId: 'J1', nip: KADIS, approved: true, children: [{ rhkId: 'B1', nip: KABID, children: [{ rhkId: 'S1', children: [{ rhkId: 'T1', nip: STAFF, nama: 'Budi Santoso' }] }] }] });
    const admin = await h.as('ADMIN_OPD', 'dinkes.admin', 'DINKES');
    await admin.post(`/agencies/DINKES/assignments/${KABID}@KABID@2021-01-01/end`).send({ lastDay: '2024-01-10' }).expect(200);
    const after = (await (await as(KADIS)).get(`/skps/${skpOf(KADIS)}/rhk/J1/cascade`).expect(200)).body;
    expect(after).toEqual(tree);
  });

  it("serves a supervisor's team board and the agency completion rates", async () => {
    const board = (await (await as(KASI)).get('/supervisors/' + KASI + '/team?date=2024-01-15').expect(200)).body;
    expect(board.team).toEqual([{ nip: STAFF, nama: 'Budi Santoso', skpId: skpOf(STAFF), status: 'APPROVED', versions: 2, unresolvedLinks: [] }]);
    expect((await (await as(STAFF)).get('/supervisors/' + KASI + '/team')).status).toBe(403);
    // The Kabid post is vacant since 2024-01-11: the Kasi reports to the Kadis, who sees them below the vacancy.
    const kadis = (await (await as(KADIS)).get('/supervisors/' + KADIS + '/team?date=2024-01-15').expect(200)).body;
    expect(kadis.team.map((t: { nip: string }) => t.nip)).toEqual([KASI]);
    const before = (await (await as(KADIS)).get('/supervisors/' + KADIS + '/team?date=2024-01-05').expect(200)).body;
    expect(before.team).toEqual([expect.objectContaining({ nip: KABID, status: 'APPROVED', unresolvedLinks: [] })]);
    const completion = (await (await h.as('ADMIN_OPD', 'dinkes.admin', 'DINKES')).get('/agencies/DINKES/skp-completion?year=2024').expect(200)).body;
    expect(completion).toMatchObject({ agencyId: 'DINKES', year: 2024, employees: 5, byStatus: { APPROVED: 4, NONE: 1 }, approvedRate: 0.8 });
    expect((await (await h.as('ADMIN_OPD', 'x', 'BAPPEDA')).get('/agencies/DINKES/skp-completion')).status).toBe(403);
    // The city dashboard: every agency in one answer, the same figures; for BKPSDM and auditors only.
    const city = (await (await h.as('ADMIN_CITY', 'bkpsdm.admin')).get('/skp-completion?year=2024').expect(200)).body;
    expect(city.find((c: { agencyId: string }) => c.agencyId === 'DINKES')).toEqual(completion);
    expect((await (await h.as('ADMIN_OPD', 'dinkes.admin', 'DINKES')).get('/skp-completion?year=2024')).status).toBe(403);
    const bad = await (await h.as('AUDITOR', 'auditor')).get('/skp-completion?year=19');
    expect([bad.status, bad.body.code, bad.body.field]).toEqual([400, 'YEAR_INVALID', 'year']);
  });

  it('closes at period end (admins), not before', async () => {
    const admin = await h.as('ADMIN_OPD', 'dinkes.admin', 'DINKES');
    const early = await admin.post(`/skps/${skpOf(STAFF)}/close`).send({ reason: 'PERIOD_ENDED', closedOn: '2024-12-31' });
    expect([early.status, early.body.code]).toEqual([409, 'SKP_PERIOD_NOT_ENDED']);
    h.clock.set('2025-01-02T03:00:00.000Z');
    try {
      const closed = await admin.post(`/skps/${skpOf(STAFF)}/close`).send({ reason: 'PERIOD_ENDED', closedOn: '2024-12-31' }).expect(200);
      expect(closed.body.status).toBe('CLOSED');
    } finally {
      h.clock.set(NOW);
    }
  });

  it('publishes SkpSubmitted.v1, SkpWithdrawn.v1, SkpApproved.v1 (the whole plan) and SkpAmended.v1 through the relay', async () => {
    const reader = createPgLogTransport({ connectionString: h.db.url, applicationName: 'wp-skp-reader' });
    const seen: ConsumedMessage[] = [];
    const want = (m: ConsumedMessage[]) => m.some((x) => x.headers.ce_type === 'SkpAmended.v1' && x.key === STAFF);
    const handle = await reader.consume({ groupId: uniqueName('wp-skp'), topics: [TOPICS.workPlanning], fromBeginning: true, handler: async (b) => void seen.push(...b.messages) });
    for (let i = 0; i < 100 && !want(seen); i++) await new Promise((r) => setTimeout(r, 100));
    await handle.stop();
    await reader.close();
    const mine = seen.filter((m) => m.key === STAFF).map((m) => m.headers.ce_type);
    expect(mine).toEqual(expect.arrayContaining(['SkpSubmitted.v1', 'SkpWithdrawn.v1', 'SkpApproved.v1', 'SkpAmended.v1']));
    const approved = JSON.parse(seen.find((m) => m.key === STAFF && m.headers.ce_type === 'SkpApproved.v1')!.value.toString('utf8'));
    expect(approved).toMatchObject({ skpId: skpOf(STAFF), version: 1, pejabatPenilaiNip: KASI, rhk: [{ rhkId: 'T1', link: atasan(KASI, 'S1') }] });
    expect(approved.perilaku).toHaveLength(7);
  });
});
