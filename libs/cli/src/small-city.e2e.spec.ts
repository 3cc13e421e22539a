import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalIssuer } from '@kinerja/platform';
import { createTestDatabase, relationCells, runRelationCells, TestDatabase } from '@kinerja/testing';
import { CityApi, Identity } from './demo/http';
import { launchSystem, RunningSystem } from './demo/system';

/**
 * Issue 14 "Done when": a small city played only through the documented HTTP APIs of the four
 * services (what each `/docs` says; no import of service code, no SQL): the organisation imported
 * as CSV with the Sekretariat Daerah and the kepala daerah; SKPs approved down the chain (the kepala
 * daerah approves the Sekda's, the Sekda the Kepala OPD's, the Kepala OPD the Kepala Seksi's, who
 * approves the staff's); a WAKTU indicator realised better than its semester target suggests
 * DI_ATAS; a citizen finds the unit in the public directory and rates an employee, who sees it; IKM
 * and feedback counts reach the evaluation context; a keberatan appears in the atasan's queue and is
 * decided there; predicates of 2024–2025 imported make kenaikan pangkat eligibility work in 2026.
 *
 * Then issue 15's permission matrix: every relation cell of docs/permission-matrix.json with a `run`
 * is performed against the same city as its role, person and agency say.
 */
jest.setTimeout(30 * 60_000);

const YEAR = 2026;
const KEPALA_DAERAH = { officialId: 'walikota', name: 'H. Ahmad Fauzi, S.H., M.H.', office: 'Wali Kota' };

interface Person {
  nip: string;
  name: string;
  agency: string;
  golongan: string;
  tmtGolongan: string;
  jabatan: string;
  kind: 'JPT_PRATAMA' | 'PENGAWAS' | 'FUNGSIONAL' | 'PELAKSANA';
  unit: string;
  atasan: string;
}

const sekda: Person = { nip: '196805121990031002', name: 'Hendra Wijaya', agency: 'SETDA', golongan: 'IV/c', tmtGolongan: '2018-04-01', jabatan: 'Sekretaris Daerah', kind: 'JPT_PRATAMA', unit: 'SETDA', atasan: KEPALA_DAERAH.officialId };
const kadis: Person = { nip: '197001011995031001', name: 'Ratna Sari', agency: 'DINKES', golongan: 'IV/b', tmtGolongan: '2019-04-01', jabatan: 'Kepala Dinas Kesehatan', kind: 'JPT_PRATAMA', unit: 'DINKES', atasan: sekda.nip };
const kasi: Person = { nip: '198003032005011003', name: 'Siti Rahmawati', agency: 'DINKES', golongan: 'III/d', tmtGolongan: '2021-04-01', jabatan: 'Kepala Seksi Surveilans', kind: 'PENGAWAS', unit: 'P2P', atasan: kadis.nip };
const pegawai: Person = { nip: '199003152015031002', name: 'Budi Santoso', agency: 'DINKES', golongan: 'III/b', tmtGolongan: '2022-04-01', jabatan: 'Epidemiolog Ahli Pertama', kind: 'FUNGSIONAL', unit: 'P2P', atasan: kasi.nip };
const rekan: Person = { nip: '199204102018012001', name: 'Dewi Lestari', agency: 'DINKES', golongan: 'III/a', tmtGolongan: '2018-03-01', jabatan: 'Analis Data Kesehatan', kind: 'PELAKSANA', unit: 'P2P', atasan: kasi.nip };
const kadisdik: Person = { nip: '197202021996031004', name: 'Bambang Hartono', agency: 'DISDIK', golongan: 'IV/b', tmtGolongan: '2019-04-01', jabatan: 'Kepala Dinas Pendidikan', kind: 'JPT_PRATAMA', unit: 'DISDIK', atasan: sekda.nip };
const guru: Person = { nip: '198505052010012005', name: 'Rina Marlina', agency: 'DISDIK', golongan: 'III/c', tmtGolongan: '2020-04-01', jabatan: 'Pengawas Sekolah Ahli Muda', kind: 'FUNGSIONAL', unit: 'DISDIK', atasan: kadisdik.nip };
const PEOPLE = { sekda, kadis, kasi, pegawai, rekan, kadisdik, guru };

const city: Identity = { role: 'ADMIN_CITY', sub: 'bkpsdm.kota' };
const kepalaDaerah: Identity = { role: 'PPK', sub: KEPALA_DAERAH.officialId };
const adminOf = (agencyId: string): Identity => ({ role: 'ADMIN_OPD', sub: `admin.${agencyId.toLowerCase()}`, agencyId });
const as = (p: Person): Identity => ({ role: p.kind === 'FUNGSIONAL' || p.kind === 'PELAKSANA' ? 'EMPLOYEE' : 'SUPERVISOR', sub: p.nip, agencyId: p.agency });
const skpOf = (p: Person) => `${p.nip}-${YEAR}-01-01`;

/** work-planning's documented import format (README: columns of a SIASN-style export). */
function organisationCsv(people: Person[]): string {
  const header = 'NIP,NAMA,STATUS_ASN,GOLONGAN,TMT_GOLONGAN,JABATAN,JENIS_JABATAN,KODE_UNOR,NIP_ATASAN,TMT_JABATAN';
  return [header, ...people.map((p) => [p.nip, p.name, 'PNS', p.golongan, p.tmtGolongan, p.jabatan, p.kind, p.unit, p.atasan, '2021-01-04'].join(','))].join('\r\n') + '\r\n';
}

describe('a small city through the documented API only', () => {
  let db: TestDatabase;
  let keyDir: string;
  let system: RunningSystem;
  let api: CityApi;
  const setClock = async (date: string) => {
    for (const service of Object.keys(api.urls)) await api.put(service, '/simulation/clock', city, { now: `${date}T02:00:00.000Z` });
  };
  let complaintId = '';

  beforeAll(async () => {
    db = await createTestDatabase('backend_small_city');
    keyDir = await mkdtemp(join(tmpdir(), 'kinerja-small-city-e2e-'));
    system = await launchSystem({ databaseUrl: db.url, transport: 'pg-log', keyDir, clockStart: `${YEAR}-01-05T02:00:00.000Z`, env: { DB_POOL_SIZE: '2' } });
    api = new CityApi(system.urls, await LocalIssuer.open(keyDir));
  });
  afterAll(async () => {
    await system?.stop();
    await db?.drop();
    if (keyDir) await rm(keyDir, { recursive: true, force: true });
  });

  it('imports the organisation with the Sekretariat Daerah and the kepala daerah; an unchanged file changes nothing', async () => {
    await api.put('work-planning', `/officials/${KEPALA_DAERAH.officialId}`, city, { name: KEPALA_DAERAH.name, office: KEPALA_DAERAH.office });
    const agencies = [
      { code: 'SETDA', name: 'Sekretariat Daerah', units: [{ unitId: 'SETDA', name: 'Sekretariat Daerah', parentUnitId: null }], people: [sekda] },
      {
        code: 'DINKES',
        name: 'Dinas Kesehatan',
        units: [
          { unitId: 'DINKES', name: 'Dinas Kesehatan', parentUnitId: null },
          { unitId: 'P2P', name: 'Bidang Pencegahan dan Pengendalian Penyakit', parentUnitId: 'DINKES' },
        ],
        people: [kadis, kasi, pegawai, rekan],
      },
      { code: 'DISDIK', name: 'Dinas Pendidikan', units: [{ unitId: 'DISDIK', name: 'Dinas Pendidikan', parentUnitId: null }], people: [kadisdik, guru] },
    ];
    for (const a of agencies) {
      await api.post('work-planning', '/agencies', city, { code: a.code, name: a.name });
      for (const u of a.units) await api.post('work-planning', `/agencies/${a.code}/units`, adminOf(a.code), u);
      const imported = await api.post('work-planning', `/agencies/${a.code}/imports?asOf=${YEAR}-01-02`, adminOf(a.code), organisationCsv(a.people));
      expect(imported).toMatchObject({ dryRun: false, employeesRegistered: a.people.length });
    }
    const again = await api.post('work-planning', `/agencies/DINKES/imports?asOf=${YEAR}-01-02`, adminOf('DINKES'), organisationCsv(agencies[1].people));
    expect(again).toMatchObject({ events: 0, employeesRegistered: 0, employeesUpdated: 0, organisationEvents: 0 });
    // The Kepala OPD's pejabat penilai is the Sekda; the Sekda's is the kepala daerah, a city official without a NIP.
    expect(await api.get('work-planning', `/employees/${kadis.nip}/supervisor?date=${YEAR}-01-05`, city)).toMatchObject({ pejabatPenilai: { nip: sekda.nip } });
    await api.eventually(
      () => api.get('evaluation', `/organisation/agencies/DINKES/employees/${pegawai.nip}/reporting-chain?date=${YEAR}-06-30`, city),
      (chain) => chain.pejabatPenilaiId === kasi.nip && chain.atasanPejabatPenilaiId === kadis.nip,
      'the organisation in evaluation',
    );
    const deadline = `${YEAR + 1}-01-31`;
    await api.post('evaluation', '/agencies/DINKES/evaluation-calendars', adminOf('DINKES'), { year: YEAR, cadence: 'SEMESTER', fillDeadlines: { S1: deadline, S2: deadline, ANNUAL: deadline } });
  });

  it('approves SKPs down the chain: kepala daerah → Sekda → Kepala OPD → Kepala Seksi → staff (a WAKTU indicator with semester targets)', async () => {
    const plan = async (p: Person, rhk: Record<string, unknown>, approver: Identity) => {
      await api.post('work-planning', '/skps', as(p), { year: YEAR });
      await api.post('work-planning', `/skps/${skpOf(p)}/rhk`, as(p), { rhkId: 'R1', jenis: 'UTAMA', ...rhk });
      await api.post('work-planning', `/skps/${skpOf(p)}/submit`, as(p));
      return api.post('work-planning', `/skps/${skpOf(p)}/approve`, approver);
    };
    const quantity = (text: string) => [{ ikiId: 'I1', aspect: 'KUANTITAS', indicator: text, target: { kind: 'QUANTITATIVE', value: 12, unit: 'laporan' } }];
    await plan(
      sekda,
      { text: 'Terselenggaranya koordinasi perangkat daerah yang efektif', link: { kind: 'PERJANJIAN_KINERJA', perjanjianKinerjaId: `PK-SETDA-${YEAR}`, sasaranId: 'SS-1' }, perspektif: 'PROSES_BISNIS', indicators: quantity('Rapat koordinasi yang ditindaklanjuti') },
      kepalaDaerah,
    );
    await plan(
      kadis,
      { text: 'Meningkatnya derajat kesehatan masyarakat', link: { kind: 'PERJANJIAN_KINERJA', perjanjianKinerjaId: `PK-DINKES-${YEAR}`, sasaranId: 'SS-1' }, perspektif: 'PENERIMA_LAYANAN', indicators: quantity('Laporan kinerja bidang') },
      as(sekda),
    );
    await plan(kasi, { text: 'Tersedianya data surveilans penyakit yang tepat waktu', link: { kind: 'ATASAN_RHK', skpId: skpOf(kadis), rhkId: 'R1' }, indicators: quantity('Laporan surveilans') }, as(kadis));
    const approved = await plan(
      pegawai,
      {
        text: 'Tersedianya laporan surveilans mingguan yang cepat',
        link: { kind: 'ATASAN_RHK', skpId: skpOf(kasi), rhkId: 'R1' },
        indicators: [
          {
            ikiId: 'W1',
            aspect: 'WAKTU',
            indicator: 'Rata-rata waktu penyampaian laporan setelah minggu berakhir',
            target: { kind: 'QUANTITATIVE', value: 5, unit: 'hari' },
            periodTargets: [
              { periodId: `${YEAR}-S1`, target: { kind: 'QUANTITATIVE', value: 3, unit: 'hari' } },
              { periodId: `${YEAR}-S2`, target: { kind: 'QUANTITATIVE', value: 2, unit: 'hari' } },
            ],
          },
        ],
      },
      as(kasi),
    );
    expect(approved).toMatchObject({ skpId: skpOf(pegawai), status: 'APPROVED' });
    for (const p of [sekda, kadis, kasi]) expect(await api.get('work-planning', `/skps/${skpOf(p)}`, as(p))).toMatchObject({ status: 'APPROVED' });
  });

  it('imports the predicates of 2024–2025: kenaikan pangkat eligibility works in 2026', async () => {
    const csv = ['NIP;TAHUN;PREDIKAT', `${pegawai.nip};2024;BAIK`, `${pegawai.nip};2025;SANGAT_BAIK`, `${rekan.nip};2024;BAIK`, `${rekan.nip};2025;BUTUH_PERBAIKAN`].join('\n');
    expect(await api.post('career-decisions', '/performance-history/predicate-imports', city, { csv })).toMatchObject({ rows: 4 });
    const list = await api.eventually(
      () => api.get('career-decisions', `/agencies/DINKES/eligibility?rule=KENAIKAN_PANGKAT&asOf=${YEAR}-04-01`, adminOf('DINKES')),
      (l) => l.employees.some((e: { nip: string; eligible: boolean }) => e.nip === pegawai.nip && e.eligible),
      'kenaikan pangkat eligibility of the pegawai',
    );
    // Golongan III/b since 2022-04-01 came from the organisation import; BAIK and SANGAT_BAIK from the predicate import.
    expect(list.employees.find((e: { nip: string }) => e.nip === rekan.nip)).toMatchObject({ eligible: false });
  });

  it('a citizen finds the unit in the public directory and rates the pegawai, who sees it without any personal data of the citizen', async () => {
    await setClock(`${YEAR}-03-02`);
    await api.put('feedback-intake', '/directory/units/P2P', adminOf('DINKES'), { agencyId: 'DINKES', name: 'Bidang Pencegahan dan Pengendalian Penyakit', services: 'Imunisasi, surveilans penyakit' });
    const found = await api.get('feedback-intake', '/public/units?q=imunisasi', null);
    expect(found.units).toEqual([expect.objectContaining({ unitId: 'P2P', agencyId: 'DINKES', agencyName: 'Dinas Kesehatan' })]);
    await api.whenKnown(
      () => api.post('feedback-intake', '/public/feedback', null, { unitId: found.units[0].unitId, rating: 4, comment: 'Jadwal imunisasi dijelaskan dengan sabar.', channel: 'WEB_FORM', employeeId: pegawai.nip }, { forwardedFor: '10.1.0.1' }),
      ['UNKNOWN_UNIT'],
      'the unit in feedback-intake',
    );
    const seen = await api.eventually(
      () => api.get('feedback-intake', `/employees/${pegawai.nip}/citizen-feedback`, as(pegawai)),
      (r) => r.summary.count === 1,
      "the citizen's rating on the pegawai's timeline",
    );
    expect(seen.items).toEqual([expect.objectContaining({ rating: 4, comment: 'Jadwal imunisasi dijelaskan dengan sabar.', employeeId: pegawai.nip })]);
    expect(Object.keys(seen.items[0]).sort()).toEqual(['channel', 'comment', 'counterId', 'employeeId', 'feedbackId', 'rating', 'receivedAt', 'unitId']);
    // A complaint naming the pegawai (for the permission matrix below).
    const filed = await api.post('feedback-intake', '/public/complaints', null, { unitId: 'P2P', category: 'PELAYANAN', channel: 'WEB_FORM', description: 'Petugas tidak hadir pada jadwal imunisasi.', subjectEmployeeId: pegawai.nip }, { forwardedFor: '10.1.0.2' });
    expect(filed).toMatchObject({ status: 'RECEIVED', statusLabel: 'Diterima' });
    complaintId = filed.complaintId;
  });

  it('IKM, continuous feedback and the realisation reach the evaluation context; the WAKTU indicator suggests DI_ATAS', async () => {
    const period = `${YEAR}-S1`;
    await api.post('feedback-intake', '/skm/periods', adminOf('DINKES'), { unitId: 'P2P', periodId: period });
    for (let r = 0; r < 3; r++) {
      const answers = Object.fromEntries(Array.from({ length: 9 }, (_, k) => [`U${k + 1}`, 3 + ((r + k) % 2)]));
      await api.post('feedback-intake', `/public/skm/P2P/${period}/responses`, null, { answers, channel: 'KIOSK' }, { forwardedFor: `10.2.0.${r + 1}` });
    }
    await setClock(`${YEAR}-05-11`);
    await api.whenKnown(
      () => api.post('feedback-intake', '/continuous-feedback', as(kasi), { employeeId: pegawai.nip, periodId: period, topic: { kind: 'RHK', rhkId: 'R1' }, content: 'Laporan mingguan selalu masuk lebih cepat dari target.' }),
      ['UNKNOWN_EMPLOYEE', 'UNKNOWN_RHK', 'NOT_PEJABAT_PENILAI'],
      'feedback-intake to know the approved SKP',
    );
    await setClock(`${YEAR}-07-06`);
    await api.post('work-planning', `/skps/${skpOf(pegawai)}/realisations`, as(pegawai), { periodId: period, ikiId: 'W1', value: 2, occurredOn: `${YEAR}-06-30`, evidence: [{ kind: 'LINK', url: 'https://dinkes.example.go.id/surveilans/s1' }] });
    await api.post('feedback-intake', `/skm/periods/P2P/${period}/close`, adminOf('DINKES'));
    const context = await api.eventually(
      () => api.get('evaluation', `/periods/DINKES:${YEAR}:S1/employees/${pegawai.nip}/evaluation-context`, as(kasi)),
      (c) => c.realisations?.length === 1 && c.feedbackCounts?.PEJABAT_PENILAI === 1 && c.unitIkm !== null && c.citizenRatings?.count === 1,
      'the facts of 2026-S1 in evaluation',
    );
    expect(context).toMatchObject({
      feedbackCounts: { PEJABAT_PENILAI: 1 },
      citizenRatings: { count: 1 },
      unitIkm: { periodId: period, respondentCount: 3 },
      realisations: [{ ikiId: 'W1', direction: 'LOWER_IS_BETTER', value: 2, target: { value: 3, unit: 'hari' }, targetBasis: 'PERIOD' }],
      suggestion: { ratingHasil: 'DI_ATAS' },
    });
  });

  it("a keberatan appears in the atasan's queue and is decided there", async () => {
    await setClock(`${YEAR + 1}-01-05`);
    const period = `DINKES:${YEAR}:ANNUAL`;
    const rated = await api.post('evaluation', `/periods/${period}/employees/${pegawai.nip}/evaluation`, as(kasi), {
      ratingHasil: 'SESUAI',
      ratingPerilaku: 'SESUAI',
      justification: 'Capaian RHK sesuai ekspektasi.',
    });
    const evaluationId = rated.evaluationId as string;
    expect(rated).toMatchObject({ predicate: 'BAIK' });
    await setClock(`${YEAR + 1}-01-08`);
    await api.post('evaluation', `/evaluations/${evaluationId}/objection`, as(pegawai), { reasons: 'Laporan saya selalu lebih cepat dari target semester; mohon ditinjau.' });
    const queue = await api.get('evaluation', `/atasan/${kadis.nip}/objections`, as(kadis));
    expect(queue.objections).toEqual([expect.objectContaining({ evaluationId, employeeId: pegawai.nip, status: 'OBJECTED' })]);
    // The atasan hears both sides before deciding (PP 30/2019 Pasal 59), each from the queue's evaluation.
    await api.post('evaluation', `/evaluations/${evaluationId}/explanation-requests`, as(kadis), { from: 'PEJABAT_PENILAI', question: 'Mohon penjelasan atas penilaian capaian RHK pegawai.' });
    await api.post('evaluation', `/evaluations/${evaluationId}/explanation-requests`, as(kadis), { from: 'PEGAWAI', question: 'Mohon tunjukkan bukti capaian semester.' });
    await api.post('evaluation', `/evaluations/${evaluationId}/explanations`, as(kasi), { from: 'PEJABAT_PENILAI', explanation: 'Capaian dinilai terhadap target tahunan.' });
    await api.post('evaluation', `/evaluations/${evaluationId}/explanations`, as(pegawai), { from: 'PEGAWAI', explanation: 'Laporan S1 rata-rata 2 hari, target semester 3 hari.' });
    const ready = await api.get('evaluation', `/atasan/${kadis.nip}/objections`, as(kadis));
    expect(ready.objections[0].progress).toMatchObject({ stage: 'READY_TO_DECIDE' });
    const decided = await api.post('evaluation', `/evaluations/${evaluationId}/decision`, as(kadis), {
      outcome: 'CHANGE',
      ratingHasil: 'DI_ATAS',
      ratingPerilaku: 'DI_ATAS',
      reasons: 'Realisasi WAKTU lebih baik dari target semester (PP 30/2019 Pasal 59).',
    });
    expect(decided).toMatchObject({ status: 'FINALIZED', predicate: 'SANGAT_BAIK', objection: { decision: { outcome: 'CHANGE', decidedBy: kadis.nip } } });
    expect((await api.get('evaluation', `/atasan/${kadis.nip}/objections`, as(kadis))).objections).toEqual([]);
  });

  it('the relation cells of the permission matrix hold, performed from the table', async () => {
    const { runnable, elsewhere } = relationCells();
    expect(runnable.length).toBeGreaterThan(5);
    // Every other cell names the test that runs it.
    for (const cell of elsewhere) expect(cell.test).toMatch(/\.spec\.ts$/);
    const names: Record<string, string> = { complaint: complaintId, ...Object.fromEntries(Object.entries(PEOPLE).map(([name, p]) => [name, p.nip])) };
    const { failures, checked } = await runRelationCells({
      names,
      agencyOf: (name) => PEOPLE[name as keyof typeof PEOPLE]?.agency,
      send: (service, method, path, who, body) => api.raw(service, method, path, who, body),
    });
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(20);
  });
});
