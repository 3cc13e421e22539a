import { randomUUID } from 'node:crypto';
import { TOPICS } from '@kinerja/contracts';
import { createPgLogTransport, toOutgoingMessage, traceparentFor } from '@kinerja/messaging';
import { bootHarness, Harness } from './support/harness';

const AGENCY = 'DISKOMINFO';
const NIP = '199001012015011001';

function predicateFinalized(year: number, predicate: string, ratingHasil = 'DI_BAWAH', ratingPerilaku = 'SESUAI', nip = NIP) {
  const id = randomUUID();
  const data = {
    evaluationId: `${AGENCY}:${year}:ANNUAL:${nip}`,
    nip,
    periodId: `${AGENCY}:${year}:ANNUAL`,
    periodKind: 'ANNUAL',
    unitId: 'U-1',
    assessorId: '198001012005011003',
    ratingHasil,
    ratingPerilaku,
    predicate,
    ruleSetVersion: '2022.1',
    finalizedVia: 'WINDOW_ENDED',
    finalizedAt: `${year + 1}-01-20T03:00:00.000Z`,
  };
  return { id, message: toOutgoingMessage({ id, type: 'PredicateFinalized.v1', data, key: nip, source: '/kinerja/evaluation', time: data.finalizedAt, correlationId: id, traceparent: traceparentFor(id, id) }) };
}

const TOP = '198501012010011007';
const STEADY = '198602022011021008';
const PUNISHED = '198703032012031009';

function employeeRegistered(nip: string, name: string) {
  const id = randomUUID();
  const data = { nip, name, status: 'PNS', agencyId: AGENCY };
  return toOutgoingMessage({ id, type: 'EmployeeRegistered.v1', data, key: nip, source: '/kinerja/work-planning', time: '2024-01-02T03:00:00.000Z', correlationId: id, traceparent: traceparentFor(id, id) });
}

const eventually = async <T>(read: () => Promise<T>, ok: (value: T) => boolean, ms = 30_000): Promise<T> => {
  const deadline = Date.now() + ms;
  let value = await read();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 150));
    value = await read();
  }
  return value;
};

describe('development (20 JP, plans) and the under-performance workflow through HTTP', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await bootHarness('career_dev', { now: '2024-10-15T03:00:00Z' });
    const transport = createPgLogTransport({ connectionString: h.db.url });
    try {
      await transport.ensureTopic(TOPICS.evaluation, 6);
      await transport.produce(TOPICS.evaluation, [
        predicateFinalized(2023, 'KURANG_MISCONDUCT', 'DI_ATAS', 'DI_BAWAH').message,
        ...[TOP, PUNISHED].flatMap((nip) => [2022, 2023].map((year) => predicateFinalized(year, 'SANGAT_BAIK', 'DI_ATAS', 'DI_ATAS', nip).message)),
        ...[2022, 2023].map((year) => predicateFinalized(year, 'BAIK', 'SESUAI', 'SESUAI', STEADY).message),
      ]);
      await transport.ensureTopic(TOPICS.workPlanning, 6);
      await transport.produce(TOPICS.workPlanning, [employeeRegistered(NIP, 'Dewi Anggraini'), employeeRegistered(TOP, 'Ayu Lestari'), employeeRegistered(STEADY, 'Budi Santoso'), employeeRegistered(PUNISHED, 'Citra Dewi')]);
    } finally {
      await transport.close();
    }
    const bkpsdm = await h.as('ADMIN_CITY', 'bkpsdm');
    for (const nip of [NIP, TOP, STEADY, PUNISHED])
      await eventually(() => bkpsdm.get(`/employees/${nip}/performance-record`), (res) => res.status === 200 && Object.keys(res.body.years).length === (nip === NIP ? 1 : 2));
    // The service acts only on employees its directory knows (issue 15).
    await eventually(() => h.sql.query(`SELECT count(*)::int AS n FROM career_decisions.employee_directory`), (r) => r.rows[0].n === 4);
  });
  afterAll(async () => h?.close());

  it('records trainings in hours or JP and shows progress against 20 JP with the shortfall alert', async () => {
    const admin = await h.as('ADMIN_OPD', 'admin-diskominfo', AGENCY);
    const path = `/agencies/${AGENCY}/employees/${NIP}/trainings`;
    expect((await admin.post(path).send({ trainingId: 'T-1', title: 'Analisis Data', date: '2024-03-01', length: { unit: 'HOURS', value: 6 } })).status).toBe(201);
    const second = await admin.post(path).send({ trainingId: 'T-2', title: 'Penulisan Naskah Dinas', date: '2024-05-01', length: { unit: 'JP', value: 4 } });
    expect(second.body.progress).toEqual({ year: 2024, minutes: 540, jp: 12, requiredJp: 20, shortfallJp: 8, met: false, shortfallAlert: true });
    expect((await admin.post(path).send({ trainingId: 'T-2', title: 'Penulisan Naskah Dinas', date: '2024-05-01', length: { unit: 'JP', value: 4 } })).body.progress.jp).toBe(12);
    expect((await admin.post(path).send({ trainingId: 'T-2', title: 'Lain', date: '2024-05-01', length: { unit: 'JP', value: 5 } })).status).toBe(409);
    expect((await admin.post(path).send({ trainingId: 'T-3', title: 'X', date: '2024-05-01', length: { unit: 'MENIT', value: 5 } })).status).toBe(400);
    expect((await (await h.as('ADMIN_OPD', 'admin-dinkes', 'DINKES')).post(path).send({ trainingId: 'T-9', title: 'X', date: '2024-05-01', length: { unit: 'JP', value: 5 } })).status).toBe(403);
    const own = await (await h.as('EMPLOYEE', NIP)).get(`${path}?year=2024`);
    expect(own.body.trainings.map((t: { trainingId: string }) => t.trainingId)).toEqual(['T-1', 'T-2']);
    expect(await h.eventCount(`training-log-${NIP}`)).toBe(2);

    // The agency: every employee of the directory, shortest first, and the totals.
    const agency = await admin.get(`/agencies/${AGENCY}/trainings?year=2024`);
    expect(agency.status).toBe(200);
    expect(agency.body.summary).toEqual({ employees: 4, met: 0, short: 4, totalJp: 12, meanJp: 3 });
    expect(agency.body.employees.map((e: { nip: string }) => e.nip).at(-1)).toBe(NIP);
    expect(agency.body.employees.at(-1)).toMatchObject({ name: 'Dewi Anggraini', trainings: 2, progress: { jp: 12, shortfallJp: 8 } });
    expect((await admin.get(`/agencies/${AGENCY}/trainings?year=dua`)).status).toBe(400);
    expect((await (await h.as('ADMIN_OPD', 'admin-dinkes', 'DINKES')).get(`/agencies/${AGENCY}/trainings?year=2024`)).status).toBe(403);
    expect((await (await h.as('EMPLOYEE', NIP)).get(`/agencies/${AGENCY}/trainings?year=2024`)).status).toBe(403);
  });

  it('proposes a development plan from the predicate, the ratings and BerAKHLAK feedback', async () => {
    const admin = await h.as('ADMIN_OPD', 'admin-diskominfo', AGENCY);
    const plan = await admin
      .post(`/agencies/${AGENCY}/employees/${NIP}/development-plans`)
      .send({ year: 2023, ratingHasil: 'DI_ATAS', ratingPerilaku: 'DI_BAWAH', berakhlak: { KOLABORATIF: 'BUTUH_PERBAIKAN' } });
    expect(plan.status).toBe(201);
    expect(plan.body.items.map((i: { action: string; focus: string | null }) => `${i.action}:${i.focus}`)).toEqual([
      'COACHING:null',
      'TARGETED_TRAINING:null',
      'IMPROVEMENT_PLAN:null',
      'COACHING:PERILAKU_KERJA',
      'TARGETED_TRAINING:PERILAKU_KERJA',
      'COACHING:KOLABORATIF',
      'TARGETED_TRAINING:KOLABORATIF',
    ]);
  });

  it('runs the improvement workflow end to end, each step approved by the PPK', async () => {
    const admin = await h.as('ADMIN_OPD', 'admin-diskominfo', AGENCY);
    const ppk = await h.as('PPK', 'ppk-diskominfo', AGENCY);
    const base = `/employees/${NIP}/improvement-cases/2023`;
    const plan = {
      agencyId: AGENCY,
      startDate: '2024-02-01',
      milestones: [{ milestoneId: 'M1', title: 'Laporan triwulan tepat waktu', dueDate: '2024-05-01' }],
    };
    expect((await admin.post(base).send({ ...plan, milestones: [] })).status).toBe(400);
    expect(await h.eventCount(`improvement-case-${NIP}:2023`)).toBe(0);
    // The agency's list names the Kurang of 2023 before any case exists.
    const before = await admin.get(`/agencies/${AGENCY}/improvement-cases`);
    expect(before.body).toMatchObject({ improvementWindowMonths: 6, cases: [{ nip: NIP, name: 'Dewi Anggraini', year: 2023, predicate: 'KURANG_MISCONDUCT', case: { status: 'NONE' }, pendingStep: null }] });
    expect((await admin.post(base).send(plan)).body).toMatchObject({ status: 'PLAN_PROPOSED', pendingStep: 'PLAN', plan: { endsOn: '2024-08-01' } });
    expect((await admin.post(`${base}/approve`).send({ step: 'PLAN' })).status).toBe(403);
    expect((await ppk.post(`${base}/approve`).send({ step: 'PLAN' })).body.status).toBe('PLAN_ACTIVE');
    expect((await admin.post(`${base}/milestones/M1`).send({ achieved: false })).body.achieved).toEqual({ M1: false });
    expect((await admin.post(`${base}/competency-test`).send({ testedOn: '2024-07-01', result: 'TIDAK_MEMENUHI' })).status).toBe(409);
    expect((await admin.post(`${base}/competency-test`).send({ testedOn: '2024-08-05', result: 'TIDAK_MEMENUHI', score: 58 })).body.pendingStep).toBe('TEST_RESULT');
    expect((await ppk.post(`${base}/approve`).send({ step: 'TEST_RESULT' })).body.status).toBe('TEST_RECORDED');
    const outcome = { outcome: 'JABATAN_LEBIH_RENDAH', positionId: 'P-PELAKSANA-3', effectiveDate: '2024-11-01', reason: 'Tidak memenuhi uji kompetensi ulang', jabatanKind: 'JF' };
    expect((await admin.post(`${base}/outcome`).send({ ...outcome, vacancies: { matchingPost: false, lowerPost: false } })).status).toBe(409);
    expect((await admin.post(`${base}/outcome`).send({ ...outcome, vacancies: { matchingPost: false, lowerPost: true } })).body.pendingStep).toBe('OUTCOME');
    expect((await ppk.post(`${base}/reject`).send({ step: 'OUTCOME', reason: 'Lengkapi analisis jabatan' })).body.status).toBe('TEST_RECORDED');
    expect((await admin.post(`${base}/outcome`).send({ ...outcome, vacancies: { matchingPost: false, lowerPost: true } })).body.pendingStep).toBe('OUTCOME');
    const closed = await ppk.post(`${base}/approve`).send({ step: 'OUTCOME' });
    expect(closed.body).toMatchObject({ status: 'CLOSED', outcome: { outcome: 'JABATAN_LEBIH_RENDAH', positionId: 'P-PELAKSANA-3' } });
    expect((await (await h.as('EMPLOYEE', NIP)).get(base)).body.status).toBe('CLOSED');
    const after = await ppk.get(`/agencies/${AGENCY}/improvement-cases`);
    expect(after.body.cases).toHaveLength(1);
    expect(after.body.cases[0]).toMatchObject({
      caseId: `${NIP}:2023`,
      case: { status: 'CLOSED', plan: { startDate: '2024-02-01', endsOn: '2024-08-01' }, achieved: { M1: false }, test: { result: 'TIDAK_MEMENUHI' } },
    });
    expect((await (await h.as('EMPLOYEE', NIP)).get(`/agencies/${AGENCY}/improvement-cases`)).status).toBe(403);

    // The approved outcome is carried out by a placement decision, published for work planning.
    const demotion = { decisionId: 'DEMOSI-2024-001', kind: 'DEMOSI', nip: NIP, effectiveDate: '2024-11-01', improvementCaseYear: 2023 };
    expect((await admin.post(`/agencies/${AGENCY}/decisions`).send({ ...demotion, placement: { positionId: 'P-LAIN', until: null } })).status).toBe(409);
    const proposed = await admin.post(`/agencies/${AGENCY}/decisions`).send({ ...demotion, placement: { positionId: 'P-PELAKSANA-3', until: null } });
    expect(proposed.body).toMatchObject({ status: 'PROPOSED', factIds: [expect.any(String), `improvement-case:${NIP}:2023`] });
    expect((await ppk.post('/decisions/DEMOSI-2024-001/approve')).body.status).toBe('APPROVED');
    // Proposer, approver and issuer are three people (issue 15).
    expect((await (await h.as('ADMIN_OPD', 'admin2-diskominfo', AGENCY)).post('/decisions/DEMOSI-2024-001/issue')).body.status).toBe('ISSUED');
    const published = await eventually(
      () => h.sql.query(`SELECT convert_from(value, 'UTF8')::jsonb AS v FROM kinerja_log.messages WHERE topic = $1 AND headers->>'ce_type' = 'DecisionIssued.v1' AND key = $2`, [TOPICS.careerDecisions, NIP]),
      (r) => r.rows.length === 1,
    );
    const event = published.rows[0].v.data ?? published.rows[0].v;
    expect(event).toMatchObject({ decisionId: 'DEMOSI-2024-001', kind: 'DEMOSI', placement: { positionId: 'P-PELAKSANA-3', until: null } });
  });

  it('maps the agency on the 9-box with names, recommendations and the talent pool screened for penalties', async () => {
    const admin = await h.as('ADMIN_OPD', 'admin-diskominfo', AGENCY);
    for (const [nip, score] of [
      [TOP, 95],
      [STEADY, 80],
      [PUNISHED, 92],
    ] as const)
      expect((await admin.post(`/agencies/${AGENCY}/employees/${nip}/assessments`).send({ assessmentId: 'CACT-2024', score, assessedOn: '2024-06-01' })).status).toBe(201);
    expect((await admin.post(`/agencies/${AGENCY}/employees/${TOP}/assessments`).send({ assessmentId: 'CACT-2024', score: 120, assessedOn: '2024-06-01' })).status).toBe(400);
    expect(
      (await admin.post(`/agencies/${AGENCY}/employees/${PUNISHED}/disciplinary-penalties`).send({ penaltyId: 'HD-7/2023', level: 'SEDANG', from: '2023-03-01', until: '2023-08-31' })).status,
    ).toBe(201);
    const names = await eventually(
      () => h.sql.query(`SELECT count(*)::int AS n FROM career_decisions.employee_directory`),
      (r) => r.rows[0].n === 4,
    );
    expect(names.rows[0].n).toBe(4);

    const map = await admin.get(`/agencies/${AGENCY}/talent-map?asOf=2024-10-15`);
    expect(map.status).toBe(200);
    expect(map.body.counts).toEqual({ '1': 0, '2': 0, '3': 0, '4': 0, '5': 1, '6': 0, '7': 0, '8': 0, '9': 2 });
    expect(map.body.boxes['9'].map((p: { name: string }) => p.name).sort()).toEqual(['Ayu Lestari', 'Citra Dewi']);
    expect(map.body.boxes['5'][0]).toMatchObject({ nip: STEADY, name: 'Budi Santoso', rekomendasi: ['Penempatan yang sesuai', 'Bimbingan kinerja', 'Pengembangan kompetensi'] });
    expect(map.body.talentPool).toEqual([TOP]);
    expect(map.body.boxes['5'][0].alasan).toEqual([
      'Kinerja sesuai ekspektasi: predikat 2022 Baik, 2023 Baik, rata-rata skor 80 (70 sampai di bawah 85)',
      'Potensial menengah: skor asesmen 80 (78 sampai di bawah 90)',
    ]);
    expect((await (await h.as('EMPLOYEE', TOP)).get(`/agencies/${AGENCY}/talent-map?asOf=2024-10-15`)).status).toBe(403);
  });

  it('imports pre-2022 history from CSV: refused whole on a bad row, idempotent, another score for a recorded year refused', async () => {
    const bkpsdm = await h.as('ADMIN_CITY', 'bkpsdm');
    const legacy = '199505052019051010';
    const good = ['nip,tahun,nilai,inovasi', `${legacy},2020,112,ya`, `${legacy},2021,88,`].join('\n');
    const bad = await bkpsdm.post('/performance-history/imports').send({ csv: `${good}\n${legacy},2019,121,` });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('Baris 4');
    expect(await h.eventCount(`performance-record-${legacy}`)).toBe(0);
    expect((await (await h.as('ADMIN_OPD', 'admin-diskominfo', AGENCY)).post('/performance-history/imports').send({ csv: good })).status).toBe(403);

    expect((await bkpsdm.post('/performance-history/imports').send({ csv: good })).body).toEqual({ rows: 2, recorded: 2 });
    expect((await bkpsdm.post('/performance-history/imports').send({ csv: good })).body).toEqual({ rows: 2, recorded: 0 });
    const conflicting = await bkpsdm.post('/performance-history/imports').send({ csv: ['nip,tahun,nilai,inovasi', `${legacy},2019,95,`, `${legacy},2021,95,`].join('\n') });
    expect(conflicting.status).toBe(409);
    expect(await h.eventCount(`performance-record-${legacy}`)).toBe(2);
    const record = await bkpsdm.get(`/employees/${legacy}/performance-record`);
    expect(record.body.years).toMatchObject({
      '2020': { predicate: 'SANGAT_BAIK', source: 'LEGACY_IMPORT', legacyScore: 112, factId: `legacy:${legacy}:2020` },
      '2021': { predicate: 'BUTUH_PERBAIKAN', legacyScore: 88 },
    });
  });

  it('the PPK names a pegawai teladan; the PPPK kenaikan gaji istimewa list then cites it', async () => {
    const admin = await h.as('ADMIN_OPD', 'admin-diskominfo', AGENCY);
    const ppk = await h.as('PPK', 'ppk-diskominfo', AGENCY);
    for (const nip of [TOP, STEADY])
      expect((await admin.put(`/agencies/${AGENCY}/employees/${nip}/employment`).send({ employmentKind: 'PPPK', golongan: 'IX', rankSince: '2021-01-01' })).status).toBe(200);
    expect((await admin.post(`/agencies/${AGENCY}/employees/${TOP}/pegawai-teladan`).send({ year: 2023, decreeNumber: '800/1/2024' })).status).toBe(403);
    expect((await ppk.post(`/agencies/${AGENCY}/employees/${STEADY}/pegawai-teladan`).send({ year: 2023, decreeNumber: '800/2/2024' })).status).toBe(409);
    expect((await ppk.post(`/agencies/${AGENCY}/employees/${TOP}/pegawai-teladan`).send({ year: 2023, decreeNumber: '800/1/2024' })).body.teladan).toEqual({ '2023': `teladan:${TOP}:2023` });
    const list = await admin.get(`/agencies/${AGENCY}/eligibility?rule=KENAIKAN_GAJI_ISTIMEWA_PPPK&asOf=2024-03-01`);
    expect(list.body.eligibleCount).toBe(1);
    expect(list.body.employees[0]).toMatchObject({ nip: TOP, eligible: true, factIds: expect.arrayContaining([`teladan:${TOP}:2023`]) });
  });
});
