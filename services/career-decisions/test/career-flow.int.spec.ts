import { randomUUID } from 'node:crypto';
import { TOPICS } from '@kinerja/contracts';
import { createPgLogTransport, toOutgoingMessage, traceparentFor, Transport } from '@kinerja/messaging';
import { bootHarness, Harness } from './support/harness';

const AGENCY = 'DISKOMINFO';
const NIP = '199001012015011001';
const OTHER = '199202022016021002';

/** evaluation's PredicateFinalized.v1, as its relay publishes it; returns the event id (the fact id). */
function predicateFinalized(nip: string, year: number, predicate: string, finalizedVia: 'WINDOW_ENDED' | 'OBJECTION_DECIDED') {
  const id = randomUUID();
  const data = {
    evaluationId: `${AGENCY}:${year}:ANNUAL:${nip}`,
    nip,
    periodId: `${AGENCY}:${year}:ANNUAL`,
    periodKind: 'ANNUAL',
    unitId: 'U-1',
    assessorId: '198001012005011003',
    ratingHasil: 'SESUAI',
    ratingPerilaku: 'SESUAI',
    predicate,
    ruleSetVersion: '2022.1',
    finalizedVia,
    finalizedAt: `${year + 1}-01-20T03:00:00.000Z`,
  };
  const message = toOutgoingMessage({ id, type: 'PredicateFinalized.v1', data, key: nip, source: '/kinerja/evaluation', time: data.finalizedAt, correlationId: id, traceparent: traceparentFor(id, id) });
  return { id, message };
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

describe('career decisions through HTTP (PG log): predicates in, eligibility, PPK approval, an objection revokes the issued decision', () => {
  let h: Harness;
  let transport: Transport;

  beforeAll(async () => {
    h = await bootHarness('career_flow', { now: '2023-03-01T03:00:00Z' });
    transport = createPgLogTransport({ connectionString: h.db.url });
    await transport.ensureTopic(TOPICS.evaluation, 6);
  });
  afterAll(async () => {
    await transport?.close();
    await h?.close();
  });

  const p2021 = predicateFinalized(NIP, 2021, 'BAIK', 'WINDOW_ENDED');
  const p2022 = predicateFinalized(NIP, 2022, 'BAIK', 'WINDOW_ENDED');

  it('records finalised annual predicates from evaluation, once each, citing the public event ids', async () => {
    await transport.produce(TOPICS.evaluation, [p2021.message, p2022.message, p2022.message, predicateFinalized(OTHER, 2022, 'SANGAT_BAIK', 'WINDOW_ENDED').message]);
    const bkpsdm = await h.as('ADMIN_CITY', 'bkpsdm');
    const record = await eventually(
      () => bkpsdm.get(`/employees/${NIP}/performance-record`),
      (res) => res.status === 200 && Object.keys(res.body.years).length === 2,
    );
    expect(record.body).toMatchObject({
      nip: NIP,
      agencyId: AGENCY,
      years: { '2021': { predicate: 'BAIK', factId: p2021.id }, '2022': { predicate: 'BAIK', factId: p2022.id } },
    });
    expect(await h.eventCount(`performance-record-${NIP}`)).toBe(2);
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
    expect(first).toMatchObject({ nip: NIP, eligible: true, factIds: [p2021.id, p2022.id, `rank:${NIP}:III/b:2021-04-01`] });
    expect(second).toMatchObject({ nip: OTHER, eligible: false });
    expect(second.unmet).toEqual(expect.arrayContaining(['Predikat tahun 2021 belum ada', 'Masa kerja dalam pangkat belum 2 tahun (baru terpenuhi 2023-04-02)']));
    expect((await admin.get(`/agencies/${AGENCY}/eligibility?rule=KENAIKAN_PANGKAT&asOf=2023-05-01`)).status).toBe(400);
    expect((await (await h.as('ADMIN_OPD', 'admin-dinkes', 'DINKES')).get(`/agencies/${AGENCY}/eligibility?rule=KENAIKAN_PANGKAT&asOf=2023-04-01`)).status).toBe(403);
  });

  it('the HR admin proposes, only the PPK approves, then it is issued and published; an objection that lowers 2022 revokes it', async () => {
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
    expect((await admin.post('/decisions/KP-2023-04-001/issue')).body).toMatchObject({ status: 'ISSUED', issue: 1 });

    const published = (type: string) =>
      h.sql.query(`SELECT convert_from(value, 'UTF8')::jsonb AS data FROM kinerja_log.messages WHERE topic = $1 AND headers->>'ce_type' = $2 AND key = $3`, [
        TOPICS.careerDecisions,
        type,
        NIP,
      ]);
    const issued = await eventually(() => published('DecisionIssued.v1'), (r) => r.rows.length === 1);
    expect(issued.rows[0].data.data ?? issued.rows[0].data).toMatchObject({ decisionId: 'KP-2023-04-001', kind: 'KENAIKAN_PANGKAT', issue: 1 });

    const objection = predicateFinalized(NIP, 2022, 'BUTUH_PERBAIKAN', 'OBJECTION_DECIDED');
    await transport.produce(TOPICS.evaluation, [objection.message, objection.message]);
    const revoked = await eventually(
      () => admin.get('/decisions/KP-2023-04-001'),
      (res) => res.body.status === 'REVOKED',
    );
    expect(revoked.body.reason).toBe('Predikat tahun 2022 berubah (keberatan diputus): Predikat tahun 2022 Butuh Perbaikan, disyaratkan paling rendah Baik');
    const revokedMessages = await eventually(() => published('DecisionRevoked.v1'), (r) => r.rows.length === 1);
    expect(revokedMessages.rows[0].data.data ?? revokedMessages.rows[0].data).toMatchObject({ decisionId: 'KP-2023-04-001', wasIssued: true, changedFactId: p2022.id });

    // After a restart the saga resumes from its checkpoint and does not act again.
    const again = await h.boot();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await again.close();
    expect(await h.eventCount('decision-KP-2023-04-001')).toBe(4);
    const list = await admin.get(`/agencies/${AGENCY}/eligibility?rule=KENAIKAN_PANGKAT&asOf=2023-04-01`);
    expect(list.body.eligibleCount).toBe(0);
  });
});
