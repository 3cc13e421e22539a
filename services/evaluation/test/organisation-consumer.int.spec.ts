import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { TOPICS } from '@kinerja/contracts';
import { createPgLogTransport, toOutgoingMessage, traceparentFor } from '@kinerja/messaging';
import { applyOrganisationFact } from '../src/organisation/organisation-facts';
import { OrganisationDirectory } from '../src/organisation/organisation.service';
import { AGENCY, bootHarness, Harness, NIP, organisationFacts } from './support/harness';

const message = (type: string, data: Record<string, unknown>, key: string, source = '/kinerja/work-planning') => {
  const id = randomUUID();
  return toOutgoingMessage({ id, type, data, key, source, time: '2026-07-01T03:00:00.000Z', correlationId: id, traceparent: traceparentFor(id, id) });
};

const SKP_ID = `${NIP.staf1}-2026-01-01`;
const skpApproved = {
  skpId: SKP_ID,
  nip: NIP.staf1,
  agencyId: AGENCY,
  positionId: 'P-STAF1',
  positionKind: 'PELAKSANA',
  unitId: 'U-UMUM',
  periodStart: '2026-01-01',
  periodEnd: '2026-12-31',
  version: 1,
  approach: 'KUANTITATIF',
  rhk: [
    {
      rhkId: 'RHK-1',
      jenis: 'UTAMA',
      text: 'Tersusunnya laporan keuangan',
      link: null,
      perspektif: null,
      indicators: [
        {
          ikiId: 'IKI-1',
          aspect: 'KUANTITAS',
          indicator: 'Jumlah laporan',
          target: { kind: 'QUANTITATIVE', value: 40, unit: 'laporan' },
          direction: 'HIGHER_IS_BETTER',
          periodTargets: [{ periodId: '2026-Q2', target: { kind: 'QUANTITATIVE', value: 10, unit: 'laporan' } }],
        },
        { ikiId: 'IKI-2', aspect: 'KUALITAS', indicator: 'Laporan tanpa revisi', target: { kind: 'QUALITATIVE', description: 'Tanpa revisi' } },
        // published before directions existed: WAKTU reads as lower is better, the annual target for a rate
        { ikiId: 'IKI-3', aspect: 'WAKTU', indicator: 'Waktu penyusunan laporan', target: { kind: 'QUANTITATIVE', value: 2, unit: 'hari' } },
      ],
    },
  ],
  perilaku: [],
  lampiran: { dukunganSumberDaya: [], skemaPertanggungjawaban: [], konsekuensi: [] },
  pejabatPenilaiNip: NIP.kaumum,
  approvedAt: '2026-01-10T03:00:00.000Z',
};
const realisation = (ikiId: string, value: number | null, revision: number) => ({
  skpId: SKP_ID,
  nip: NIP.staf1,
  periodId: '2026-Q2',
  ikiId,
  revision,
  value,
  narrative: value === null ? 'Seluruh laporan tanpa revisi' : null,
  evidence: [{ kind: 'LINK', url: 'https://example.go.id/bukti', title: null }],
  occurredOn: '2026-06-30',
  recordedAt: '2026-07-01T03:00:00.000Z',
  late: revision > 1,
});

/** work-planning's public organisation events, as its relay publishes them. */
function publicEvents() {
  return organisationFacts().map((fact) => {
    const data = fact.type === 'PositionCreated' ? { ...fact.data, kind: 'PELAKSANA' } : fact.data;
    const id = randomUUID();
    const key = 'nip' in data ? data.nip : data.agencyId;
    return toOutgoingMessage({
      id,
      type: `${fact.type}.v1`,
      data,
      key,
      source: '/kinerja/work-planning',
      time: '2026-01-02T03:00:00.000Z',
      correlationId: id,
      traceparent: traceparentFor(id, id),
    });
  });
}

describe("the local organisation copy from work-planning's public events (consumer with inbox, PG log)", () => {
  let h: Harness;

  beforeAll(async () => {
    h = await bootHarness('eval_consumer', { now: '2026-07-15T03:00:00Z' });
  });
  afterAll(async () => h?.close());

  const chainOf = async (nip: string, date: string) =>
    (await (await h.as('ADMIN_CITY', 'bkpsdm')).get(`/organisation/agencies/${AGENCY}/employees/${nip}/reporting-chain?date=${date}`)).body;

  const eventually = async <T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> => {
    const deadline = Date.now() + 10_000;
    let value = await read();
    while (!ok(value) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      value = await read();
    }
    return value;
  };

  it('builds who rates whom from the events, ignores redeliveries, and follows an assignment that ends', async () => {
    const transport = createPgLogTransport({ connectionString: h.db.url });
    try {
      const messages = publicEvents();
      await transport.ensureTopic(TOPICS.workPlanning, 6);
      await transport.produce(TOPICS.workPlanning, messages);
      const chain = await eventually(() => chainOf(NIP.staf1, '2026-07-15'), (c) => c.atasanPejabatPenilaiId !== null);
      expect(chain).toMatchObject({ unitId: 'U-UMUM', pejabatPenilaiId: NIP.kaumum, atasanPejabatPenilaiId: NIP.sek });

      await transport.produce(TOPICS.workPlanning, messages);
      const endedId = randomUUID();
      const ended = toOutgoingMessage({
        id: endedId,
        type: 'AssignmentEnded.v1',
        data: { agencyId: AGENCY, assignmentId: `A-${NIP.kaumum}`, nip: NIP.kaumum, positionId: 'P-KAUMUM', lastDay: '2026-06-30' },
        key: NIP.kaumum,
        source: '/kinerja/work-planning',
        time: '2026-07-01T03:00:00.000Z',
        correlationId: endedId,
        traceparent: traceparentFor(endedId, endedId),
      });
      await transport.produce(TOPICS.workPlanning, [ended]);
      const after = await eventually(() => chainOf(NIP.staf1, '2026-07-15'), (c) => c.pejabatPenilaiId === NIP.sek);
      expect(after).toMatchObject({ pejabatPenilaiId: NIP.sek, atasanPejabatPenilaiId: NIP.kadis });
      expect(await chainOf(NIP.staf1, '2026-06-30')).toMatchObject({ pejabatPenilaiId: NIP.kaumum });

      const { rows } = await h.sql.query(`SELECT count(*)::int AS n FROM evaluation.inbox WHERE group_id = 'evaluation'`);
      expect(rows[0].n).toBe(messages.length + 1);
    } finally {
      await transport.close();
    }
  });

  it('shows the pejabat penilai the SKP targets, the realisations (late ones marked), feedback counts and the suggestion from them', async () => {
    const transport = createPgLogTransport({ connectionString: h.db.url });
    try {
      expect((await (await h.as('ADMIN_CITY', 'bkpsdm')).post(`/agencies/${AGENCY}/evaluation-calendars`).send({ year: 2026, cadence: 'QUARTERLY' })).status).toBe(201);
      await transport.produce(TOPICS.workPlanning, [
        message('RealisationRecorded.v1', realisation('IKI-1', 9, 2), NIP.staf1),
        message('SkpApproved.v1', skpApproved, NIP.staf1),
        message('RealisationRecorded.v1', realisation('IKI-1', 12, 1), NIP.staf1),
        message('RealisationRecorded.v1', realisation('IKI-2', null, 1), NIP.staf1),
        message('RealisationRecorded.v1', realisation('IKI-3', 3, 1), NIP.staf1),
      ]);
      await transport.ensureTopic(TOPICS.feedbackIntake, 6);
      const feedback = (source: string) => ({
        feedbackId: randomUUID(),
        nip: NIP.staf1,
        agencyId: AGENCY,
        periodId: '2026-Q2',
        giverNip: NIP.staf2,
        source,
        topic: { kind: 'BERAKHLAK', value: 'KOLABORATIF' },
        evidenceCount: 0,
        givenAt: '2026-06-01T03:00:00.000Z',
      });
      await transport.produce(TOPICS.feedbackIntake, [
        message('ContinuousFeedbackGiven.v1', feedback('PEER'), NIP.staf1, '/kinerja/feedback-intake'),
        message('ContinuousFeedbackGiven.v1', feedback('PEER'), NIP.staf1, '/kinerja/feedback-intake'),
      ]);
      // Q2 ended on 30 June, when the Kasubbag still held the post: they rate Q2.
      const supervisor = await h.as('SUPERVISOR', NIP.kaumum);
      const context = await eventually(
        async () => (await supervisor.get(`/periods/${AGENCY}:2026:Q2/employees/${NIP.staf1}/evaluation-context`)).body,
        (c) => c.feedbackCounts?.PEER === 2 && c.realisations?.length === 3 && c.realisations[0].indicator !== null,
      );
      expect(context).toMatchObject({
        pejabatPenilaiId: NIP.kaumum,
        factsPeriodId: '2026-Q2',
        feedbackCounts: { PEER: 2 },
        realisations: [
          // the quarter's realisation against the quarter's target, not the year's 40
          { ikiId: 'IKI-1', indicator: 'Jumlah laporan', value: 9, late: true, achievement: 0.9, evidenceCount: 1, targetBasis: 'PERIOD', target: { value: 10 } },
          { ikiId: 'IKI-2', value: null, narrative: 'Seluruh laporan tanpa revisi', achievement: null },
          // 3 hari against 2 hari is worse than the target: (2 × 2 − 3) ÷ 2
          { ikiId: 'IKI-3', direction: 'LOWER_IS_BETTER', value: 3, targetBasis: 'ANNUAL', achievement: 0.5 },
        ],
        suggestion: {
          ratingHasil: 'DI_BAWAH',
          ratingPerilaku: null,
          basis: {
            indicatorCount: 2,
            meanAchievement: 0.7,
            indicators: [
              { indicatorId: 'IKI-1', achievement: 0.9, basis: { periodId: '2026-Q2', direction: 'HIGHER_IS_BETTER', target: 10, targetBasis: 'PERIOD', value: 9 } },
              { indicatorId: 'IKI-3', achievement: 0.5, basis: { direction: 'LOWER_IS_BETTER', target: 2, unit: 'hari', value: 3 } },
            ],
          },
        },
      });
      for (const bad of ['2026-Q2', `${AGENCY}:2026-Q2`, `${AGENCY}:2026:Q5`]) {
        const res = await supervisor.get(`/periods/${encodeURIComponent(bad)}/employees/${NIP.staf1}/evaluation-context`);
        expect([res.status, res.body.code, res.body.field]).toEqual([400, 'INVALID_PERIOD_ID', 'periodId']);
      }
    } finally {
      await transport.close();
    }
  });

  it("follows a reporting line into the Sekretariat Daerah and up to the kepala daerah (issue 14), counting only the agency's own people", async () => {
    const SEKDA = '196805121990031002';
    const transport = createPgLogTransport({ connectionString: h.db.url });
    try {
      await transport.produce(TOPICS.workPlanning, [
        message('UnitCreated.v1', { agencyId: 'SETDA', unitId: 'SETDA', name: 'Sekretariat Daerah', parentUnitId: null }, 'SETDA'),
        message(
          'PositionCreated.v1',
          { agencyId: 'SETDA', positionId: 'SEKDA', name: 'Sekretaris Daerah', kind: 'JPT_PRATAMA', unitId: 'SETDA', parentPositionId: null, parentOfficialId: 'walikota', establishedOn: '2020-01-01' },
          'SETDA',
        ),
        message('PositionAssigned.v1', { agencyId: 'SETDA', assignmentId: 'A-SEKDA', nip: SEKDA, positionId: 'SEKDA', type: 'DEFINITIVE', from: '2020-01-01', to: null }, SEKDA),
        message('ReportingLineChanged.v1', { agencyId: AGENCY, positionId: 'P-KADIS', parentPositionId: 'SEKDA', parentAgencyId: 'SETDA', effectiveFrom: '2026-01-01' }, AGENCY),
      ]);
      const kadis = await eventually(() => chainOf(NIP.kadis, '2026-07-15'), (c) => c.atasanPejabatPenilaiId !== null);
      expect(kadis).toMatchObject({ pejabatPenilaiId: SEKDA, atasanPejabatPenilaiId: 'walikota' });
      expect(await chainOf(NIP.kadis, '2025-12-31')).toMatchObject({ pejabatPenilaiId: null });
      const sekda = (await (await h.as('ADMIN_CITY', 'bkpsdm')).get(`/organisation/agencies/SETDA/employees/${SEKDA}/reporting-chain?date=2026-07-15`)).body;
      expect(sekda).toMatchObject({ pejabatPenilaiId: 'walikota', atasanPejabatPenilaiId: null, ledUnitId: 'SETDA' });
      // The Sekda is not one of DINKES's people: not in its chart.
      expect(await chainOf(SEKDA, '2026-07-15')).toMatchObject({ position: null });
    } finally {
      await transport.close();
    }
  });

  it("reads a chart on a consumer's transaction one statement at a time, the same chart as through the pool", async () => {
    const directory = h.app.get(OrganisationDirectory);
    const client = new Client({ connectionString: h.db.url, options: `-c search_path=${h.config.READ_MODEL_SCHEMA}` });
    await client.connect();
    try {
      await client.query('BEGIN');
      let inFlight = 0;
      let most = 0;
      const transaction = async (sql: string, parameters?: unknown[]) => {
        most = Math.max(most, ++inFlight);
        try {
          return (await client.query(sql, parameters)).rows;
        } finally {
          inFlight--;
        }
      };
      // DINKES's chart reaches the Sekretariat Daerah (the test before): statements for two agencies.
      const chain = (await directory.chartOf(AGENCY, '2026-07-15', transaction)).chainOf(NIP.kadis);
      expect(most).toBe(1);
      expect(chain).toEqual((await directory.chartOf(AGENCY, '2026-07-15')).chainOf(NIP.kadis));
      expect(chain.pejabatPenilaiId).toBe('196805121990031002');
    } finally {
      await client.query('ROLLBACK');
      await client.end();
    }
  });

  it('keeps a chart in memory until a fact changes one of the agencies it was read from (here the Sekretariat Daerah above)', async () => {
    const directory = h.app.get(OrganisationDirectory);
    const dataSource = h.app.get(DataSource);
    const first = await directory.chartOf(AGENCY, '2026-07-16');
    const statements = jest.spyOn(dataSource, 'query');
    try {
      expect(await directory.chartOf(AGENCY, '2026-07-16')).toBe(first);
      expect(statements).toHaveBeenCalledTimes(1);
      // Another date is another chart.
      expect(await directory.chartOf(AGENCY, '2026-07-17')).not.toBe(first);
    } finally {
      statements.mockRestore();
    }
    expect(first.chainOf(NIP.kadis).pejabatPenilaiId).toBe('196805121990031002');
    // A new Sekda in SETDA (not DINKES): DINKES's chart is read again and names them.
    const NEW_SEKDA = '197102021996031003';
    const transport = createPgLogTransport({ connectionString: h.db.url });
    try {
      await transport.produce(TOPICS.workPlanning, [
        message('AssignmentEnded.v1', { agencyId: 'SETDA', assignmentId: 'A-SEKDA', nip: '196805121990031002', positionId: 'SEKDA', lastDay: '2026-07-15' }, '196805121990031002'),
        message('PositionAssigned.v1', { agencyId: 'SETDA', assignmentId: 'A-SEKDA-2', nip: NEW_SEKDA, positionId: 'SEKDA', type: 'DEFINITIVE', from: '2026-07-16', to: null }, NEW_SEKDA),
      ]);
      const chain = await eventually(
        async () => (await directory.chartOf(AGENCY, '2026-07-16')).chainOf(NIP.kadis),
        (c) => c.pejabatPenilaiId === NEW_SEKDA,
      );
      expect(chain).toMatchObject({ pejabatPenilaiId: NEW_SEKDA, atasanPejabatPenilaiId: 'walikota' });
      expect(await chainOf(NIP.kadis, '2026-07-16')).toMatchObject({ pejabatPenilaiId: NEW_SEKDA });
      // The day before, the old Sekda still.
      expect((await directory.chartOf(AGENCY, '2026-07-15')).chainOf(NIP.kadis).pejabatPenilaiId).toBe('196805121990031002');
    } finally {
      await transport.close();
    }
  });

  it("lets two transactions write facts of one agency at once: neither waits for the other's commit (org_change)", async () => {
    const open = async () => {
      const client = new Client({ connectionString: h.db.url, options: `-c search_path=${h.config.READ_MODEL_SCHEMA}` });
      await client.connect();
      await client.query('BEGIN');
      // Waiting for the other transaction's row lock would never end while it stays open: fail instead.
      await client.query(`SET LOCAL lock_timeout = '3s'`);
      return client;
    };
    const sum = async () => {
      const [row] = await h.app.get(DataSource).query(`SELECT count(*)::int AS version FROM org_change WHERE agency_id = $1`, [AGENCY]);
      return row.version as number;
    };
    const before = await sum();
    const [a, b] = [await open(), await open()];
    const on = (client: Client) => async (sql: string, parameters?: unknown[]) => (await client.query(sql, parameters)).rows;
    try {
      await applyOrganisationFact(on(a), { type: 'UnitCreated', data: { agencyId: AGENCY, unitId: 'U-TX-A', name: 'Seksi A', parentUnitId: null } });
      await applyOrganisationFact(on(a), { type: 'UnitCreated', data: { agencyId: AGENCY, unitId: 'U-TX-A2', name: 'Seksi A2', parentUnitId: null } });
      await applyOrganisationFact(on(b), { type: 'UnitCreated', data: { agencyId: AGENCY, unitId: 'U-TX-B', name: 'Seksi B', parentUnitId: null } });
      await b.query('COMMIT');
      await a.query('COMMIT');
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
    // Each committed transaction moved the agency's version by one, whatever the number of its facts.
    expect(await sum()).toBe(before + 2);
  });

  it("shows citizens' ratings naming the employee within the period's dates; 2022.1 counts none toward the suggestion", async () => {
    const transport = createPgLogTransport({ connectionString: h.db.url });
    try {
      await transport.ensureTopic(TOPICS.feedbackIntake, 6);
      const rating = (rating: number, receivedAt: string, employeeId?: string) => ({
        feedbackId: randomUUID(),
        agencyId: AGENCY,
        unitId: 'U-UMUM',
        ...(employeeId ? { employeeId } : {}),
        rating,
        channel: 'WEB_FORM',
        hasComment: true,
        receivedAt,
      });
      await transport.produce(TOPICS.feedbackIntake, [
        message('FeedbackReceived.v1', rating(4, '2026-05-10T02:00:00.000Z', NIP.staf1), 'U-UMUM', '/kinerja/feedback-intake'),
        message('FeedbackReceived.v1', rating(2, '2026-06-30T16:30:00.000Z', NIP.staf1), 'U-UMUM', '/kinerja/feedback-intake'),
        // 1 July 00:30 in Jakarta: Q3, not Q2; and a rating of the unit alone names nobody.
        message('FeedbackReceived.v1', rating(1, '2026-06-30T17:30:00.000Z', NIP.staf1), 'U-UMUM', '/kinerja/feedback-intake'),
        message('FeedbackReceived.v1', rating(1, '2026-05-11T02:00:00.000Z'), 'U-UMUM', '/kinerja/feedback-intake'),
      ]);
      const supervisor = await h.as('SUPERVISOR', NIP.kaumum);
      const context = await eventually(
        async () => (await supervisor.get(`/periods/${AGENCY}:2026:Q2/employees/${NIP.staf1}/evaluation-context`)).body,
        (c) => c.citizenRatings?.count === 2,
      );
      expect(context.citizenRatings).toEqual({ count: 2, meanRating: 3, byRating: { '1': 0, '2': 1, '3': 0, '4': 1 } });
      expect(context.suggestion).toMatchObject({ ratingPerilaku: null, basis: { positiveFeedback: 0, negativeFeedback: 0 } });
    } finally {
      await transport.close();
    }
  });

  it("shows the pejabat penilai the mentoring the employee gave in the period (career-decisions' MentoringSessionRecorded.v1) as BerAKHLAK evidence", async () => {
    const transport = createPgLogTransport({ connectionString: h.db.url });
    const MENTEE = '199901012023011001';
    const session = (sessionId: string, date: string, minutes: number, coreValues: string[]) => ({
      factId: `mentoring:${MENTEE}:M-1:${sessionId}`,
      relationId: 'M-1',
      sessionId,
      nip: NIP.staf1,
      mentorAgencyId: AGENCY,
      menteeNip: MENTEE,
      menteeAgencyId: AGENCY,
      date,
      minutes,
      topic: `Sesi ${sessionId}`,
      coreValues,
      recordedAt: `${date}T09:00:00.000Z`,
    });
    try {
      await transport.ensureTopic(TOPICS.careerDecisions, 6);
      await transport.produce(TOPICS.careerDecisions, [
        message('MentoringSessionRecorded.v1', session('S-1', '2026-04-14', 90, ['KOLABORATIF', 'KOMPETEN']), NIP.staf1, '/kinerja/career-decisions'),
        message('MentoringSessionRecorded.v1', session('S-2', '2026-06-30', 60, ['KOLABORATIF']), NIP.staf1, '/kinerja/career-decisions'),
        // The same session published again (another message id) counts once; July is Q3.
        message('MentoringSessionRecorded.v1', session('S-2', '2026-06-30', 60, ['KOLABORATIF']), NIP.staf1, '/kinerja/career-decisions'),
        message('MentoringSessionRecorded.v1', session('S-3', '2026-07-01', 60, ['ADAPTIF']), NIP.staf1, '/kinerja/career-decisions'),
      ]);
      const supervisor = await h.as('SUPERVISOR', NIP.kaumum);
      const context = await eventually(
        async () => (await supervisor.get(`/periods/${AGENCY}:2026:Q2/employees/${NIP.staf1}/evaluation-context`)).body,
        (c) => c.mentoring?.sessions === 2,
      );
      expect(context.mentoring).toEqual({
        sessions: 2,
        minutes: 150,
        mentees: 1,
        byCoreValue: { KOLABORATIF: 2, KOMPETEN: 1 },
        items: [
          { factId: `mentoring:${MENTEE}:M-1:S-1`, menteeNip: MENTEE, date: '2026-04-14', minutes: 90, topic: 'Sesi S-1', coreValues: ['KOLABORATIF', 'KOMPETEN'] },
          { factId: `mentoring:${MENTEE}:M-1:S-2`, menteeNip: MENTEE, date: '2026-06-30', minutes: 60, topic: 'Sesi S-2', coreValues: ['KOLABORATIF'] },
        ],
      });
      const copied = await eventually(
        async () => (await h.sql.query(`SELECT fact_id FROM evaluation.mentoring_evidence ORDER BY fact_id`)).rows.map((r) => r.fact_id),
        (ids) => ids.length === 3,
      );
      expect(copied).toEqual(['S-1', 'S-2', 'S-3'].map((id) => `mentoring:${MENTEE}:M-1:${id}`));
    } finally {
      await transport.close();
    }
  });

  it('lets anyone read the rule sets: every version, the one in force on a date, one version whole', async () => {
    const list = await request(h.base).get('/rule-sets?date=2026-07-01').expect(200);
    expect(list.body).toEqual({ date: '2026-07-01', inForce: '2022.1', versions: [{ version: '2022.1', effectiveFrom: '2022-01-01', description: expect.any(String), inForce: true }] });
    const inForce = await request(h.base).get('/rule-sets/in-force').expect(200);
    expect(inForce.body.predicateMatrix.DI_ATAS.DI_ATAS).toBe('SANGAT_BAIK');
    expect((await request(h.base).get('/rule-sets/2022.1').expect(200)).body).toEqual(inForce.body);
    expect((await request(h.base).get('/rule-sets/1999.1').expect(404)).body.code).toBe('RULE_SET_NOT_FOUND');
    expect((await request(h.base).get('/rule-sets/in-force?date=2021-12-31').expect(404)).body.code).toBe('RULE_SET_NOT_IN_FORCE');
    expect((await request(h.base).get('/rule-sets?date=2026-02-30').expect(400)).body.field).toBe('date');
  });
});
