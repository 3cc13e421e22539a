import { randomUUID } from 'node:crypto';
import { logLevel } from 'kafkajs';
import { TOPICS } from '@kinerja/contracts';
import { ConsumedMessage, createKafkaTransport, toOutgoingMessage, traceparentFor, Transport } from '@kinerja/messaging';
import { describeWithKafka, uniqueName } from '@kinerja/testing';
import { registerEmployees } from './support/directory';
import { bootHarness, Harness } from './support/harness';

const AGENCY = 'DISKOMINFO';
const NIP = '199001012015011001';

function predicateFinalized(year: number, predicate: string, finalizedVia: 'WINDOW_ENDED' | 'OBJECTION_DECIDED') {
  const id = randomUUID();
  const data = {
    evaluationId: `${AGENCY}:${year}:ANNUAL:${NIP}`,
    nip: NIP,
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
  return { id, message: toOutgoingMessage({ id, type: 'PredicateFinalized.v1', data, key: NIP, source: '/kinerja/evaluation', time: data.finalizedAt, correlationId: id, traceparent: traceparentFor(id, id) }) };
}

const eventually = async <T>(read: () => Promise<T>, ok: (value: T) => boolean, ms = 45_000): Promise<T> => {
  const deadline = Date.now() + ms;
  let value = await read();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    value = await read();
  }
  return value;
};

describeWithKafka('career-decisions with TRANSPORT=kafka: predicates in, DecisionIssued.v1 and DecisionRevoked.v1 out', (brokers) => {
  let h: Harness;
  let kafka: Transport;
  const prefix = `${uniqueName('t')}.`;

  beforeAll(async () => {
    h = await bootHarness('career_kafka', {
      now: '2023-03-01T03:00:00Z',
      env: { TRANSPORT: 'kafka', KAFKA_BROKERS: brokers.join(','), TOPIC_PREFIX: prefix, SERVICE_NAME: uniqueName('career-decisions') },
    });
    kafka = createKafkaTransport({ brokers, clientId: uniqueName('career-test'), logLevel: logLevel.NOTHING });
  });
  afterAll(async () => {
    await kafka?.close();
    await h?.close();
  });

  it('an issued kenaikan pangkat is revoked when an objection lowers a predicate, both published on Kafka', async () => {
    const inbound = `${prefix}${TOPICS.evaluation}`;
    const outbound = `${prefix}${TOPICS.careerDecisions}`;
    await kafka.ensureTopic(inbound, 6);
    await kafka.ensureTopic(outbound, 6);
    const p2022 = predicateFinalized(2022, 'BAIK', 'WINDOW_ENDED');
    await kafka.produce(inbound, [predicateFinalized(2021, 'BAIK', 'WINDOW_ENDED').message, p2022.message]);
    await registerEmployees(kafka, h.sql, [{ nip: NIP, agencyId: AGENCY }], `${prefix}${TOPICS.workPlanning}`);

    const admin = await h.as('ADMIN_OPD', 'admin-diskominfo', AGENCY);
    const ppk = await h.as('PPK', 'ppk-diskominfo', AGENCY);
    await eventually(() => admin.get(`/employees/${NIP}/performance-record`), (res) => res.status === 200 && Object.keys(res.body.years).length === 2);
    expect((await admin.put(`/agencies/${AGENCY}/employees/${NIP}/employment`).send({ employmentKind: 'PNS', golongan: 'III/b', rankSince: '2021-04-01' })).status).toBe(200);
    expect((await admin.post(`/agencies/${AGENCY}/decisions`).send({ decisionId: 'KP-1', kind: 'KENAIKAN_PANGKAT', nip: NIP, effectiveDate: '2023-04-01' })).status).toBe(201);
    expect((await ppk.post('/decisions/KP-1/approve')).status).toBe(201);
    // Proposer, approver and issuer are three people (issue 15): another HR admin issues.
    const issuer = await h.as('ADMIN_OPD', 'admin2-diskominfo', AGENCY);
    expect((await issuer.post('/decisions/KP-1/issue')).body.status).toBe('ISSUED');

    await kafka.produce(inbound, [predicateFinalized(2022, 'BUTUH_PERBAIKAN', 'OBJECTION_DECIDED').message]);
    const revoked = await eventually(() => admin.get('/decisions/KP-1'), (res) => res.body.status === 'REVOKED');
    expect(revoked.body.status).toBe('REVOKED');

    const found: ConsumedMessage[] = [];
    let resolveFound!: () => void;
    const done = new Promise<void>((resolve) => (resolveFound = resolve));
    const reader = await kafka.consume({
      groupId: uniqueName('career-reader'),
      topics: [outbound],
      fromBeginning: true,
      handler: async (batch) => {
        for (const m of batch.messages) if (m.key === NIP) found.push(m);
        if (found.some((m) => m.headers.ce_type === 'DecisionRevoked.v1')) resolveFound();
      },
    });
    const timer = setTimeout(resolveFound, 45_000);
    await done;
    clearTimeout(timer);
    await reader.stop();
    expect(found.map((m) => m.headers.ce_type)).toEqual(['DecisionIssued.v1', 'DecisionRevoked.v1']);
    expect(found[0].headers.ce_source).toBe('/kinerja/career-decisions');
    expect(JSON.parse(found[1].value.toString('utf8'))).toMatchObject({ decisionId: 'KP-1', wasIssued: true, changedFactId: p2022.id });
  });
});
