import { randomUUID } from 'node:crypto';
import { TOPICS } from '@kinerja/contracts';
import { createPgLogTransport, toOutgoingMessage, traceparentFor, Transport } from '@kinerja/messaging';
import { registerEmployees } from './support/directory';
import { bootHarness, Harness } from './support/harness';

const AGENCY = 'DISKOMINFO';
const NIP = '199001012015011001';
const OTHER = '199202022016021002';

type Predicate = 'SANGAT_BAIK' | 'BAIK' | 'BUTUH_PERBAIKAN';
const RATINGS: Record<Predicate, { ratingHasil: string; ratingPerilaku: string }> = {
  SANGAT_BAIK: { ratingHasil: 'DI_ATAS', ratingPerilaku: 'DI_ATAS' },
  BAIK: { ratingHasil: 'SESUAI', ratingPerilaku: 'SESUAI' },
  BUTUH_PERBAIKAN: { ratingHasil: 'DI_BAWAH', ratingPerilaku: 'SESUAI' },
};

/** An evaluation public event as its relay publishes it; returns the event id (the fact id) and the message. */
function evaluationEvent(type: string, data: { nip: string; [field: string]: unknown }, time: string) {
  const id = randomUUID();
  const message = toOutgoingMessage({ id, type, data, key: data.nip, source: '/kinerja/evaluation', time, correlationId: id, traceparent: traceparentFor(id, id) });
  return { id, message };
}

const evaluationOf = (nip: string, year: number) => ({
  evaluationId: `${AGENCY}:${year}:ANNUAL:${nip}`,
  nip,
  periodId: `${AGENCY}:${year}:ANNUAL`,
});

/** PredicateSet.v1: the pejabat penilai set the annual predicate; the keberatan window runs 14 days. */
function predicateSet(nip: string, year: number, predicate: Predicate) {
  const setAt = `${year + 1}-01-05T03:00:00.000Z`;
  return evaluationEvent(
    'PredicateSet.v1',
    {
      ...evaluationOf(nip, year),
      periodKind: 'ANNUAL',
      unitId: 'U-1',
      assessorId: '198001012005011003',
      ...RATINGS[predicate],
      predicate,
      ruleSetVersion: '2022.1',
      objectionLastDay: `${year + 1}-01-19`,
      objectionClosesAt: `${year + 1}-01-19T17:00:00.000Z`,
      setAt,
    },
    setAt,
  );
}

/** PredicateFinalized.v1: the window ended (scheduler) or the objection was decided. */
function predicateFinalized(nip: string, year: number, predicate: Predicate, finalizedVia: 'WINDOW_ENDED' | 'OBJECTION_DECIDED') {
  const finalizedAt = `${year + 1}-01-20T03:00:00.000Z`;
  return evaluationEvent(
    'PredicateFinalized.v1',
    {
      ...evaluationOf(nip, year),
      periodKind: 'ANNUAL',
      unitId: 'U-1',
      assessorId: '198001012005011003',
      ...RATINGS[predicate],
      predicate,
      ruleSetVersion: '2022.1',
      finalizedVia,
      finalizedAt,
    },
    finalizedAt,
  );
}

function objectionFiled(nip: string, year: number) {
  const filedAt = `${year + 1}-01-10T03:00:00.000Z`;
  return evaluationEvent('ObjectionFiled.v1', { ...evaluationOf(nip, year), atasanId: '197501012000011001', dayOfWindow: 5, filedAt }, filedAt);
}

function objectionDecided(nip: string, year: number, previousPredicate: Predicate, predicate: Predicate) {
  const decidedAt = `${year + 1}-01-20T03:00:00.000Z`;
  return evaluationEvent(
    'ObjectionDecided.v1',
    { ...evaluationOf(nip, year), outcome: 'CHANGE', decidedBy: '197501012000011001', previousPredicate, ...RATINGS[predicate], predicate, ruleSetVersion: '2022.1', decidedAt },
    decidedAt,
  );
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

describe('career decisions through HTTP (PG log): set predicates in, eligibility, PPK approval, finalisation, an objection revokes the issued decision', () => {
  let h: Harness;
  let transport: Transport;

  beforeAll(async () => {
    h = await bootHarness('career_flow', { now: '2023-03-01T03:00:00Z' });
    transport = createPgLogTransport({ connectionString: h.db.url });
    await transport.ensureTopic(TOPICS.evaluation, 6);
    await registerEmployees(transport, h.sql, [
      { nip: NIP, agencyId: AGENCY },
      { nip: OTHER, agencyId: AGENCY },
    ]);
  });
  afterAll(async () => {
    await transport?.close();
    await h?.close();
  });

  const p2021 = predicateSet(NIP, 2021, 'BAIK');
  const p2022 = predicateSet(NIP, 2022, 'BAIK');
  const other2022 = predicateFinalized(OTHER, 2022, 'SANGAT_BAIK', 'WINDOW_ENDED');

  it('records set annual predicates at once, not final, once each, citing the public event ids; a finalised one without a set one is final', async () => {
    await transport.produce(TOPICS.evaluation, [p2021.message, p2022.message, p2022.message, other2022.message]);
    const bkpsdm = await h.as('ADMIN_CITY', 'bkpsdm');
    const record = await eventually(
      () => bkpsdm.get(`/employees/${NIP}/performance-record`),
      (res) => res.status === 200 && Object.keys(res.body.years).length === 2,
    );
    expect(record.body).toMatchObject({
      nip: NIP,
      agencyId: AGENCY,
      years: { '2021': { predicate: 'BAIK', factId: p2021.id, final: false }, '2022': { predicate: 'BAIK', factId: p2022.id, final: false } },
    });
    expect(await h.eventCount(`performance-record-${NIP}`)).toBe(2);
    const otherRecord = await eventually(() => bkpsdm.get(`/employees/${OTHER}/performance-record`), (res) => res.status === 200);
    expect(otherRecord.body.years['2022']).toMatchObject({ predicate: 'SANGAT_BAIK', factId: other2022.id, final: true });
    const own = await (await h.as('EMPLOYEE', NIP)).get(`/employees/${NIP}/performance-record`);
    expect(own.status).toBe(200);
    const stranger = await (await h.as('EMPLOYEE', OTHER)).get(`/employees/${NIP}/performance-record`);
    expect(stranger.status).toBe(403);
  });

  it('lists kenaikan pangkat eligibility for 1 April: exactly two years in rank vs one day short', async () => {
    const admin = await h.as('ADMIN_OPD', 'admin-diskominfo', AGENCY);
    expect((await admin.put(`/agencies/${AGENCY}/employees/${NIP}/employment`).send({ employmentKind: 'PNS', golongan: 'III/b', rankSince: '2021-04-01' })).status).toBe(200);
    expect((await admin.put(`/agencies/${AGENCY}/employees/${OTHER}/employment`).send({ employmentKind: 'PNS', golongan: 'III/a', rankSince: '2021-04-02' })).status).toBe(200);
    const other = await (await h.as('ADMIN_OPD', 'admin-dinkes', 'DINKES')).put(`/agencies/${AGENCY}/employees/${NIP}/employment`).send({ employmentKind: 'PNS', golongan: 'III/c', rankSince: '2021-04-01' });
    expect(other.status).toBe(403);

    const list = await admin.get(`/agencies/${AGENCY}/eligibility?rule=KENAIKAN_PANGKAT&asOf=2023-04-01`);
    expect(list.status).toBe(200);
    expect(list.body.eligibleCount).toBe(1);
    const [first, second] = list.body.employees;
    expect(first).toMatchObject({ nip: NIP, eligible: true, factIds: [p2021.id, p2022.id, `rank:${NIP}:III/b:2021-04-01`], provisionalYears: [2021, 2022] });
    // Why someone is in: each condition met, with the provisional predicates named.
    expect(first.met).toEqual(['Predikat tahun 2021 Baik (belum final)', 'Predikat tahun 2022 Baik (belum final)', 'Masa kerja dalam pangkat 2 tahun terpenuhi 1 April 2023 (TMT pangkat 1 April 2021)']);
    expect(second).toMatchObject({ nip: OTHER, eligible: false });
    expect(second.unmet).toEqual(expect.arrayContaining(['Predikat tahun 2021 belum ada', 'Masa kerja dalam pangkat belum 2 tahun (baru terpenuhi 2 April 2023)']));
    expect((await admin.get(`/agencies/${AGENCY}/eligibility?rule=KENAIKAN_PANGKAT&asOf=2023-05-01`)).status).toBe(400);
    expect((await (await h.as('ADMIN_OPD', 'admin-dinkes', 'DINKES')).get(`/agencies/${AGENCY}/eligibility?rule=KENAIKAN_PANGKAT&asOf=2023-04-01`)).status).toBe(403);
  });

  it('the HR admin proposes on provisional predicates, only the PPK approves, it is issued and published; 2021 final unchanged keeps it, an objection that lowers 2022 revokes it', async () => {
    const admin = await h.as('ADMIN_OPD', 'admin-diskominfo', AGENCY);
    const ppk = await h.as('PPK', 'ppk-diskominfo', AGENCY);
    const proposal = { decisionId: 'KP-2023-04-001', kind: 'KENAIKAN_PANGKAT', nip: NIP, effectiveDate: '2023-04-01' };

    const bad = await admin.post(`/agencies/${AGENCY}/decisions`).send({ ...proposal, kind: 'NAIK_JABATAN' });
    expect(bad.status).toBe(400);
    const notEligible = await admin.post(`/agencies/${AGENCY}/decisions`).send({ ...proposal, decisionId: 'KP-2023-04-002', nip: OTHER });
    expect(notEligible.status).toBe(409);
    expect(await h.eventCount('decision-KP-2023-04-002')).toBe(0);
    expect((await ppk.post(`/agencies/${AGENCY}/decisions`).send(proposal)).status).toBe(403);

    const proposed = await admin.post(`/agencies/${AGENCY}/decisions`).send(proposal);
    expect(proposed.status).toBe(201);
    expect(proposed.body).toMatchObject({ status: 'PROPOSED', factIds: [p2021.id, p2022.id, `rank:${NIP}:III/b:2021-04-01`] });

    expect((await admin.post('/decisions/KP-2023-04-001/approve')).status).toBe(403);
    expect((await (await h.as('PPK', 'ppk-dinkes', 'DINKES')).post('/decisions/KP-2023-04-001/approve')).status).toBe(403);
    expect((await admin.post('/decisions/KP-2023-04-001/issue')).status).toBe(409);
    expect((await ppk.post('/decisions/KP-2023-04-001/approve')).body.status).toBe('APPROVED');
    // Proposer, approver and issuer are three people (issue 15): the proposing admin may not issue.
    expect((await admin.post('/decisions/KP-2023-04-001/issue')).status).toBe(403);
    const issuer = await h.as('ADMIN_OPD', 'admin2-diskominfo', AGENCY);
    expect((await issuer.post('/decisions/KP-2023-04-001/issue')).body).toMatchObject({ status: 'ISSUED', issue: 1 });
    // The register shows the three people: who proposed, approved and issued.
    const [row] = (await admin.get(`/agencies/${AGENCY}/decisions`)).body;
    expect(row).toMatchObject({ decisionId: 'KP-2023-04-001', proposedBy: 'admin-diskominfo', approvedBy: 'ppk-diskominfo', issuedBy: 'admin2-diskominfo', changedFactId: null, factChange: null });

    const published = (type: string) =>
      h.sql.query(`SELECT convert_from(value, 'UTF8')::jsonb AS data FROM kinerja_log.messages WHERE topic = $1 AND headers->>'ce_type' = $2 AND key = $3`, [
        TOPICS.careerDecisions,
        type,
        NIP,
      ]);
    const issued = await eventually(() => published('DecisionIssued.v1'), (r) => r.rows.length === 1);
    expect(issued.rows[0].data.data ?? issued.rows[0].data).toMatchObject({ decisionId: 'KP-2023-04-001', kind: 'KENAIKAN_PANGKAT', issue: 1 });

    // 2021: the keberatan window ends without objection, same predicate. The year becomes final and
    // keeps citing the PredicateSet fact, so the decision is not touched.
    const final2021 = predicateFinalized(NIP, 2021, 'BAIK', 'WINDOW_ENDED');
    await transport.produce(TOPICS.evaluation, [final2021.message, final2021.message]);
    const bkpsdm = await h.as('ADMIN_CITY', 'bkpsdm');
    const afterWindow = await eventually(() => bkpsdm.get(`/employees/${NIP}/performance-record`), (res) => res.body.years['2021'].final === true);
    expect(afterWindow.body.years).toMatchObject({ '2021': { predicate: 'BAIK', factId: p2021.id, final: true }, '2022': { factId: p2022.id, final: false } });
    // The two set predicates, the employment facts and this finalisation.
    expect(await h.eventCount(`performance-record-${NIP}`)).toBe(4);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await admin.get('/decisions/KP-2023-04-001')).body).toMatchObject({ status: 'ISSUED', issue: 1, factIds: [p2021.id, p2022.id, `rank:${NIP}:III/b:2021-04-01`] });
    expect(await h.eventCount('decision-KP-2023-04-001')).toBe(3);
    expect((await published('DecisionIssued.v1')).rows).toHaveLength(1);

    // 2022: the employee objects; the atasan changes the predicate and it is final (PP 30/2019 Pasal 59(4)).
    const objection = predicateFinalized(NIP, 2022, 'BUTUH_PERBAIKAN', 'OBJECTION_DECIDED');
    await transport.produce(TOPICS.evaluation, [objectionFiled(NIP, 2022).message, objectionDecided(NIP, 2022, 'BAIK', 'BUTUH_PERBAIKAN').message, objection.message, objection.message]);
    const revoked = await eventually(
      () => admin.get('/decisions/KP-2023-04-001'),
      (res) => res.body.status === 'REVOKED',
    );
    expect(revoked.body.reason).toBe('Predikat tahun 2022 berubah (keberatan diputus): Predikat tahun 2022 Butuh Perbaikan, disyaratkan paling rendah Baik');
    // The register links the revocation to the predicate change that caused it.
    const register = await admin.get(`/agencies/${AGENCY}/decisions?status=REVOKED`);
    expect(register.body).toHaveLength(1);
    expect(register.body[0]).toMatchObject({
      decisionId: 'KP-2023-04-001',
      changedFactId: p2022.id,
      factChange: { previousFactId: p2022.id, factId: objection.id, year: 2022, reason: 'OBJECTION', previousPredicate: 'BAIK', predicate: 'BUTUH_PERBAIKAN' },
    });
    const revokedMessages = await eventually(() => published('DecisionRevoked.v1'), (r) => r.rows.length === 1);
    expect(revokedMessages.rows[0].data.data ?? revokedMessages.rows[0].data).toMatchObject({ decisionId: 'KP-2023-04-001', wasIssued: true, changedFactId: p2022.id });
    const afterObjection = await bkpsdm.get(`/employees/${NIP}/performance-record`);
    expect(afterObjection.body.years['2022']).toMatchObject({ predicate: 'BUTUH_PERBAIKAN', factId: objection.id, final: true });
    expect(await h.eventCount(`performance-record-${NIP}`)).toBe(5);

    // After a restart the saga resumes from its checkpoint and does not act again.
    const again = await h.boot();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await again.close();
    expect(await h.eventCount('decision-KP-2023-04-001')).toBe(4);
    const list = await admin.get(`/agencies/${AGENCY}/eligibility?rule=KENAIKAN_PANGKAT&asOf=2023-04-01`);
    expect(list.body.eligibleCount).toBe(0);
  });
});
