import { RULE_SET_2022_1 } from '../src/rule-sets/default-rule-set';
import { AGENCY, bootHarness, Harness, NIP, organisationFacts } from './support/harness';

/** 2027.1 scores Sesuai hasil with Di Atas perilaku as Sangat Baik: only the what-if sees it here. */
const RULE_SET_2027_1 = {
  ...RULE_SET_2022_1,
  version: '2027.1',
  effectiveFrom: '2027-01-01',
  predicateMatrix: { ...RULE_SET_2022_1.predicateMatrix, SESUAI: { ...RULE_SET_2022_1.predicateMatrix.SESUAI, DI_ATAS: 'SANGAT_BAIK' } },
};

const ANNUAL = `${AGENCY}:2026:ANNUAL`;
const evaluationOf = (nip: string) => `${ANNUAL}:${nip}`;

describe('evaluation over HTTP: organisation → rating → predicate → keberatan → decision → final', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await bootHarness('eval_flow', { now: '2027-01-05T03:00:00Z', env: { RULE_SETS_JSON: JSON.stringify([RULE_SET_2027_1]) } });
  });
  afterAll(async () => h?.close());

  it('loads the organisation (admin only) and answers who rates whom', async () => {
    const employee = await h.as('EMPLOYEE', NIP.staf1);
    expect((await employee.post('/organisation/facts').send({ facts: organisationFacts() })).status).toBe(403);
    const admin = await h.as('ADMIN_OPD', 'admin-dinkes', AGENCY);
    const loaded = await admin.post('/organisation/facts').send({ facts: organisationFacts() });
    expect(loaded.status).toBe(200);
    expect((await admin.post('/organisation/facts').send({ facts: organisationFacts() })).status).toBe(200);
    const chain = await admin.get(`/organisation/agencies/${AGENCY}/employees/${NIP.staf1}/reporting-chain?date=2026-12-31`);
    expect(chain.body).toMatchObject({ unitId: 'U-UMUM', pejabatPenilaiId: NIP.kaumum, atasanPejabatPenilaiId: NIP.sek, ledUnitId: null });
    const head = await admin.get(`/organisation/agencies/${AGENCY}/employees/${NIP.kaumum}/reporting-chain?date=2026-12-31`);
    expect(head.body).toMatchObject({ pejabatPenilaiId: NIP.sek, atasanPejabatPenilaiId: NIP.kadis, ledUnitId: 'U-UMUM' });
  });

  it('sets up the periods of a year for admins of the agency only; a cadence outside the enum is 400', async () => {
    const other = await h.as('ADMIN_OPD', 'admin-dishub', 'DISHUB');
    expect((await other.post(`/agencies/${AGENCY}/evaluation-calendars`).send({ year: 2026, cadence: 'QUARTERLY' })).status).toBe(403);
    const admin = await h.as('ADMIN_OPD', 'admin-dinkes', AGENCY);
    const weekly = await admin.post(`/agencies/${AGENCY}/evaluation-calendars`).send({ year: 2026, cadence: 'WEEKLY' });
    expect(weekly.status).toBe(400);
    const created = await admin.post(`/agencies/${AGENCY}/evaluation-calendars`).send({ year: 2026, cadence: 'QUARTERLY', fillDeadlines: { ANNUAL: '2027-01-31' } });
    expect(created.status).toBe(201);
    expect(created.body.periods.map((p: { code: string }) => p.code)).toEqual(['Q1', 'Q2', 'Q3', 'Q4', 'ANNUAL']);
    expect(created.body.periods[4]).toMatchObject({ periodId: ANNUAL, fillDeadline: '2027-01-31', endDate: '2026-12-31' });
    expect((await admin.post(`/agencies/${AGENCY}/evaluation-calendars`).send({ year: 2026, cadence: 'MONTHLY' })).status).toBe(409);
    const city = await h.as('ADMIN_CITY', 'bkpsdm');
    const changed = await city.put(`/agencies/${AGENCY}/evaluation-calendars/2026/periods/Q4/fill-deadline`).send({ fillDeadline: '2027-01-15' });
    expect(changed.status).toBe(200);
    expect(changed.body.periods[3].fillDeadline).toBe('2027-01-15');
    expect((await city.get(`/agencies/${AGENCY}/periods?year=2026`)).body.cadence).toBe('QUARTERLY');
  });

  it('shows the pejabat penilai a suggested rating with the facts behind it', async () => {
    const admin = await h.as('ADMIN_OPD', 'admin-dinkes', AGENCY);
    const facts = { indicators: [{ indicatorId: 'IKI-1', achievement: 1.15 }, { indicatorId: 'IKI-2', achievement: 1.3 }], feedback: { positive: 5, negative: 0 } };
    expect((await admin.put(`/periods/${ANNUAL}/employees/${NIP.staf1}/facts`).send(facts)).status).toBe(200);
    const kaumum = await h.as('SUPERVISOR', NIP.kaumum);
    const context = await kaumum.get(`/periods/${ANNUAL}/employees/${NIP.staf1}/evaluation-context`);
    expect(context.status).toBe(200);
    expect(context.body).toMatchObject({
      pejabatPenilaiId: NIP.kaumum,
      atasanPejabatPenilaiId: NIP.sek,
      ruleSetVersion: '2022.1',
      suggestion: { ratingHasil: 'DI_ATAS', ratingPerilaku: 'DI_ATAS', basis: { indicatorCount: 2, meanAchievement: 1.175, positiveFeedback: 5 } },
    });
    expect((await (await h.as('EMPLOYEE', NIP.staf2)).get(`/periods/${ANNUAL}/employees/${NIP.staf1}/evaluation-context`)).status).toBe(403);
  });

  it('refuses self-rating, a non-assessor and values outside the enums, storing nothing', async () => {
    const before = await h.eventCount();
    const body = { ratingHasil: 'SESUAI', ratingPerilaku: 'SESUAI', justification: 'Target tercapai.' };
    const self = await (await h.as('EMPLOYEE', NIP.staf1)).post(`/periods/${ANNUAL}/employees/${NIP.staf1}/evaluation`).send(body);
    expect(self.status).toBe(403);
    expect(self.body.code).toBe('SELF_RATING');
    const peer = await (await h.as('EMPLOYEE', NIP.staf2)).post(`/periods/${ANNUAL}/employees/${NIP.staf1}/evaluation`).send(body);
    expect(peer.status).toBe(403);
    expect(peer.body.code).toBe('NOT_PEJABAT_PENILAI');
    const atasan = await (await h.as('SUPERVISOR', NIP.sek)).post(`/periods/${ANNUAL}/employees/${NIP.staf1}/evaluation`).send(body);
    expect(atasan.status).toBe(403);
    const kaumum = await h.as('SUPERVISOR', NIP.kaumum);
    const badEnum = await kaumum.post(`/periods/${ANNUAL}/employees/${NIP.staf1}/evaluation`).send({ ...body, ratingHasil: 'LUAR_BIASA' });
    expect(badEnum.status).toBe(400);
    expect(badEnum.body.field).toBe('ratingHasil');
    const extra = await kaumum.post(`/periods/${ANNUAL}/employees/${NIP.staf1}/evaluation`).send({ ...body, predicate: 'SANGAT_BAIK' });
    expect(extra.status).toBe(400);
    const blank = await kaumum.post(`/periods/${ANNUAL}/employees/${NIP.staf1}/evaluation`).send({ ...body, justification: '  ' });
    expect(blank.status).toBe(400);
    expect(await h.eventCount()).toBe(before);
  });

  it('rates: the predicate from the matrix, the rule-set version and the difference from the suggestion are recorded', async () => {
    const kaumum = await h.as('SUPERVISOR', NIP.kaumum);
    type Due = { periodId: string; employeeId: string; factsPeriodId: string; fillDeadline: string; overdue: boolean };
    const due = async (): Promise<Due[]> => (await kaumum.get(`/pejabat-penilai/${NIP.kaumum}/ratings-due`).expect(200)).body.ratingsDue;
    const before = await due();
    expect(before.find((d) => d.periodId === ANNUAL && d.employeeId === NIP.staf1)).toMatchObject({
      factsPeriodId: '2026',
      fillDeadline: '2027-01-31',
      overdue: false,
      status: 'NOT_SUBMITTED',
    });
    expect(before.find((d) => d.periodId === `${AGENCY}:2026:Q1` && d.employeeId === NIP.staf1)).toMatchObject({ factsPeriodId: '2026-Q1', overdue: true });
    expect((await (await h.as('EMPLOYEE', NIP.staf2)).get(`/pejabat-penilai/${NIP.kaumum}/ratings-due`)).status).toBe(403);
    const rated = await kaumum
      .post(`/periods/${ANNUAL}/employees/${NIP.staf1}/evaluation`)
      .send({ ratingHasil: 'SESUAI', ratingPerilaku: 'SESUAI', justification: 'Target tercapai; perilaku sesuai harapan.' });
    expect(rated.status).toBe(201);
    expect(rated.body).toMatchObject({
      evaluationId: evaluationOf(NIP.staf1),
      status: 'PREDICATE_SET',
      predicate: 'BAIK',
      ruleSetVersion: '2022.1',
      assessorId: NIP.kaumum,
      unitId: 'U-UMUM',
      late: false,
      differenceFromSuggestion: { hasil: -1, perilaku: -1 },
      objectionWindow: { days: 14, timeZone: 'Asia/Jakarta', receivedOn: '2027-01-05', lastDay: '2027-01-19' },
    });
    expect((await due()).some((d) => d.periodId === ANNUAL && d.employeeId === NIP.staf1)).toBe(false);
    for (const nip of [NIP.staf2, NIP.staf3])
      expect(
        (await kaumum.post(`/periods/${ANNUAL}/employees/${nip}/evaluation`).send({ ratingHasil: 'DI_BAWAH', ratingPerilaku: 'SESUAI', justification: 'Sebagian target tidak tercapai.' }))
          .status,
      ).toBe(201);
  });

  it('applies the leader rule: the unit head gets the unit achievement as rating hasil once the organisation predicate is set', async () => {
    const sek = await h.as('SUPERVISOR', NIP.sek);
    const early = await sek.post(`/periods/${ANNUAL}/employees/${NIP.kaumum}/evaluation`).send({ ratingPerilaku: 'SESUAI', justification: 'Memimpin dengan baik.' });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('ORGANISATION_PREDICATE_NOT_SET');
    const ownUnit = await (await h.as('SUPERVISOR', NIP.kaumum)).put(`/periods/${ANNUAL}/units/U-UMUM/organisation-predicate`).send({ predicate: 'BAIK' });
    expect(ownUnit.status).toBe(403);
    expect((await sek.put(`/periods/${ANNUAL}/units/U-UMUM/organisation-predicate`).send({ predicate: 'LUAR_BIASA' })).status).toBe(400);
    const set = await sek.put(`/periods/${ANNUAL}/units/U-UMUM/organisation-predicate`).send({ predicate: 'BAIK', basis: 'Rekomendasi Bappeda' });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ organisationPredicate: 'BAIK', unrated: 1 });
    const rated = await sek.post(`/periods/${ANNUAL}/employees/${NIP.kaumum}/evaluation`).send({ ratingPerilaku: 'DI_ATAS', justification: 'Memimpin dengan baik.' });
    expect(rated.status).toBe(201);
    expect(rated.body).toMatchObject({ ratingHasil: 'SESUAI', ratingHasilSource: 'LEADER_RULE', predicate: 'BAIK', ledUnit: { unitId: 'U-UMUM', organisationPredicate: 'BAIK' } });
  });

  it('shows the supervisor their team board', async () => {
    const board = await (await h.as('SUPERVISOR', NIP.kaumum)).get(`/periods/${ANNUAL}/team-board`);
    expect(board.status).toBe(200);
    expect(board.body.team.map((m: { employeeId: string; predicate: string }) => [m.employeeId, m.predicate])).toEqual([
      [NIP.staf1, 'BAIK'],
      [NIP.staf2, 'BUTUH_PERBAIKAN'],
      [NIP.staf3, 'BUTUH_PERBAIKAN'],
    ]);
  });

  it('takes a keberatan to the atasan, who asks both sides and decides; the decision is final', async () => {
    h.clock.set('2027-01-08T02:00:00Z');
    const staf1 = await h.as('EMPLOYEE', NIP.staf1);
    expect((await (await h.as('EMPLOYEE', NIP.staf2)).post(`/evaluations/${evaluationOf(NIP.staf1)}/objection`).send({ reasons: 'x' })).status).toBe(403);
    const filed = await staf1.post(`/evaluations/${evaluationOf(NIP.staf1)}/objection`).send({ reasons: 'Capaian saya melebihi target.' });
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({ status: 'OBJECTED', objection: { atasanId: NIP.sek, dayOfWindow: 3 } });
    const queue = await (await h.as('SUPERVISOR', NIP.sek)).get(`/atasan/${NIP.sek}/objections`);
    expect(queue.status).toBe(200);
    expect(queue.body.objections).toEqual([
      expect.objectContaining({
        evaluationId: evaluationOf(NIP.staf1),
        employeeId: NIP.staf1,
        status: 'OBJECTED',
        objection: expect.objectContaining({ reasons: 'Capaian saya melebihi target.', decision: null }),
        progress: { stage: 'ASK_EXPLANATIONS', stageLabel: 'Minta penjelasan', toAsk: ['PEJABAT_PENILAI', 'PEGAWAI'], awaitingExplanationFrom: [], decideBy: null, overdue: false },
      }),
    ]);
    expect((await (await h.as('SUPERVISOR', NIP.kaumum)).get(`/atasan/${NIP.kaumum}/objections`)).body.objections).toEqual([]);
    expect((await staf1.get(`/atasan/${NIP.sek}/objections`)).status).toBe(403);
    expect((await (await h.as('SUPERVISOR', NIP.sek)).get(`/atasan/${NIP.sek}/objections?open=maybe`)).status).toBe(400);

    const kaumum = await h.as('SUPERVISOR', NIP.kaumum);
    const sek = await h.as('SUPERVISOR', NIP.sek);
    const decision = { outcome: 'CHANGE', ratingHasil: 'DI_ATAS', ratingPerilaku: 'DI_ATAS', reasons: 'Bukti capaian mendukung keberatan.' };
    const notAtasan = await kaumum.post(`/evaluations/${evaluationOf(NIP.staf1)}/decision`).send(decision);
    expect(notAtasan.status).toBe(403);
    const tooEarly = await sek.post(`/evaluations/${evaluationOf(NIP.staf1)}/decision`).send(decision);
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.body.code).toBe('EXPLANATIONS_MISSING');
    expect((await kaumum.post(`/periods/${ANNUAL}/employees/${NIP.staf1}/evaluation`).send({ ratingHasil: 'DI_ATAS', ratingPerilaku: 'SESUAI', justification: 'Revisi.' })).status).toBe(409);

    for (const from of ['PEJABAT_PENILAI', 'PEGAWAI'])
      expect((await sek.post(`/evaluations/${evaluationOf(NIP.staf1)}/explanation-requests`).send({ from, question: 'Mohon penjelasan.' })).status).toBe(201);
    expect((await kaumum.post(`/evaluations/${evaluationOf(NIP.staf1)}/explanations`).send({ from: 'PEJABAT_PENILAI', explanation: 'Dua IKI belum lengkap buktinya.' })).status).toBe(201);
    expect((await sek.get(`/atasan/${NIP.sek}/objections`)).body.objections[0].progress).toMatchObject({ stage: 'READY_TO_DECIDE', toAsk: [], awaitingExplanationFrom: ['PEGAWAI'] });
    const decided = await sek.post(`/evaluations/${evaluationOf(NIP.staf1)}/decision`).send(decision);
    expect(decided.status).toBe(201);
    expect(decided.body).toMatchObject({
      status: 'FINALIZED',
      predicate: 'SANGAT_BAIK',
      finalizedVia: 'OBJECTION_DECIDED',
      objection: { decision: { outcome: 'CHANGE', decidedBy: NIP.sek, previous: { predicate: 'BAIK' } } },
    });
    expect(decided.body.objection.explanations).toHaveLength(2);
    expect((await sek.get(`/atasan/${NIP.sek}/objections`)).body.objections).toEqual([]);
    expect((await sek.get(`/atasan/${NIP.sek}/objections?open=false`)).body.objections).toEqual([
      expect.objectContaining({ evaluationId: evaluationOf(NIP.staf1), status: 'FINALIZED', objection: expect.objectContaining({ decision: expect.objectContaining({ outcome: 'CHANGE' }) }) }),
    ]);

    const again = await kaumum.post(`/periods/${ANNUAL}/employees/${NIP.staf1}/evaluation`).send({ ratingHasil: 'SESUAI', ratingPerilaku: 'SESUAI', justification: 'Revisi.' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('EVALUATION_FINALIZED');
    expect((await sek.post(`/evaluations/${evaluationOf(NIP.staf1)}/decision`).send(decision)).status).toBe(409);
  });

  it("keeps an employee's history across years", async () => {
    const history = await (await h.as('EMPLOYEE', NIP.staf1)).get(`/employees/${NIP.staf1}/evaluation-history`);
    expect(history.status).toBe(200);
    expect(history.body.years).toEqual([
      { year: 2026, evaluations: [expect.objectContaining({ periodId: ANNUAL, predicate: 'SANGAT_BAIK', status: 'FINALIZED', ruleSetVersion: '2022.1' })] },
    ]);
    expect((await (await h.as('EMPLOYEE', NIP.staf2)).get(`/employees/${NIP.staf1}/evaluation-history`)).body.years).toEqual([]);
  });

  it('re-scores the period under another version side by side, changing nothing', async () => {
    const before = await h.eventCount();
    const admin = await h.as('ADMIN_OPD', 'admin-dinkes', AGENCY);
    const result = await admin.get(`/periods/${ANNUAL}/what-if?version=2027.1`);
    expect(result.status).toBe(200);
    const kaumum = result.body.rows.find((r: { employeeId: string }) => r.employeeId === NIP.kaumum);
    expect(kaumum).toMatchObject({ current: { ruleSetVersion: '2022.1', predicate: 'BAIK' }, whatIf: { ruleSetVersion: '2027.1', predicate: 'SANGAT_BAIK' }, changed: true });
    expect(result.body.summary).toMatchObject({ total: 4, changed: 1 });
    expect(result.body.units[0]).toMatchObject({ unitId: 'U-UMUM', organisationPredicate: 'BAIK' });
    expect((await admin.get(`/periods/${ANNUAL}/what-if?version=1999.9`)).status).toBe(404);
    expect((await (await h.as('SUPERVISOR', NIP.kaumum)).get(`/periods/${ANNUAL}/what-if?version=2027.1`)).status).toBe(403);
    expect(await h.eventCount()).toBe(before);
    const stored = await (await h.as('EMPLOYEE', NIP.kaumum)).get(`/evaluations/${evaluationOf(NIP.kaumum)}`);
    expect(stored.body).toMatchObject({ predicate: 'BAIK', ruleSetVersion: '2022.1' });
  });

  it('shows the city dashboard by agency to BKPSDM only', async () => {
    const dashboard = await (await h.as('ADMIN_CITY', 'bkpsdm')).get('/city-dashboard?year=2026&code=ANNUAL');
    expect(dashboard.status).toBe(200);
    expect(dashboard.body.agencies).toEqual([
      { agencyId: AGENCY, evaluated: 4, finalized: 1, objectionsPending: 0, late: 0, unitsFinalized: 0, counts: { SANGAT_BAIK: 1, BAIK: 1, BUTUH_PERBAIKAN: 2, KURANG_MISCONDUCT: 0, SANGAT_KURANG: 0 } },
    ]);
    expect((await (await h.as('ADMIN_OPD', 'admin-dinkes', AGENCY)).get('/city-dashboard?year=2026')).status).toBe(403);
  });

  it('relays the public events to kinerja.evaluation.v1, keyed by NIP', async () => {
    const deadline = Date.now() + 10_000;
    let types: string[] = [];
    while (Date.now() < deadline) {
      const { rows } = await h.sql.query(
        `SELECT headers->>'ce_type' AS type, key FROM kinerja_log.messages WHERE topic = 'kinerja.evaluation.v1' AND key = $1 ORDER BY "offset"`,
        [NIP.staf1],
      );
      types = rows.map((r: { type: string }) => r.type);
      if (types.includes('PredicateFinalized.v1')) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(types).toEqual(['EvaluationSubmitted.v1', 'PredicateSet.v1', 'ObjectionFiled.v1', 'ObjectionDecided.v1', 'PredicateFinalized.v1']);
    const { rows } = await h.sql.query(
      `SELECT convert_from(value, 'UTF8')::jsonb AS data FROM kinerja_log.messages WHERE topic = 'kinerja.evaluation.v1' AND headers->>'ce_type' = 'PredicateFinalized.v1' AND key = $1`,
      [NIP.staf1],
    );
    expect(rows[0].data).toMatchObject({ nip: NIP.staf1, predicate: 'SANGAT_BAIK', ruleSetVersion: '2022.1', assessorId: NIP.kaumum, periodId: ANNUAL });
    const org = await h.sql.query(`SELECT count(*) FROM kinerja_log.messages WHERE headers->>'ce_type' = 'OrganisationPredicateSet.v1' AND key = 'U-UMUM'`);
    expect(Number(org.rows[0].count)).toBe(1);
  });
});
