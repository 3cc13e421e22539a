import { randomUUID } from 'node:crypto';
import { logLevel } from 'kafkajs';
import { TOPICS } from '@kinerja/contracts';
import { ConsumedMessage, createKafkaTransport, toOutgoingMessage, traceparentFor, Transport } from '@kinerja/messaging';
import { describeWithKafka, uniqueName, waitUntil } from '@kinerja/testing';
import { AGENCY, bootHarness, Harness, NIP, organisationFacts } from './support/harness';

// Slower on a busy machine, not red: the waits give up on a stall; this only backs them up.
jest.setTimeout(15 * 60_000);

const ANNUAL = `${AGENCY}:2026:ANNUAL`;

describeWithKafka('evaluation with TRANSPORT=kafka: organisation events in, public evaluation events out', (brokers) => {
  let h: Harness;
  let kafka: Transport;
  const prefix = `${uniqueName('t')}.`;

  beforeAll(async () => {
    h = await bootHarness('eval_kafka', {
      now: '2027-01-05T03:00:00Z',
      env: { TRANSPORT: 'kafka', KAFKA_BROKERS: brokers.join(','), TOPIC_PREFIX: prefix, SERVICE_NAME: uniqueName('evaluation') },
    });
    kafka = createKafkaTransport({ brokers, clientId: uniqueName('eval-test'), logLevel: logLevel.NOTHING });
  });
  afterAll(async () => {
    await kafka?.close();
    await h?.close();
  });

  it('builds who rates whom from Kafka and publishes the rating to kinerja.evaluation.v1', async () => {
    const topic = `${prefix}${TOPICS.workPlanning}`;
    await kafka.ensureTopic(topic, 6);
    // The reader below may subscribe before the relay has created its topic.
    await kafka.ensureTopic(`${prefix}${TOPICS.evaluation}`, 6);
    await kafka.produce(
      topic,
      organisationFacts().map((fact) => {
        const data = fact.type === 'PositionCreated' ? { ...fact.data, kind: 'PELAKSANA' } : fact.data;
        const id = randomUUID();
        return toOutgoingMessage({
          id,
          type: `${fact.type}.v1`,
          data,
          key: 'nip' in data ? data.nip : data.agencyId,
          source: '/kinerja/work-planning',
          time: '2026-01-02T03:00:00.000Z',
          correlationId: id,
          traceparent: traceparentFor(id, id),
        });
      }),
    );
    const city = await h.as('ADMIN_CITY', 'bkpsdm');
    const chain = await waitUntil(
      async () => (await city.get(`/organisation/agencies/${AGENCY}/employees/${NIP.staf1}/reporting-chain?date=2026-12-31`)).body as { pejabatPenilaiId: string | null },
      (c) => c.pejabatPenilaiId !== null,
      { what: 'the reporting chain from Kafka', everyMs: 250 },
    );
    expect(chain.pejabatPenilaiId).toBe(NIP.kaumum);

    expect((await city.post(`/agencies/${AGENCY}/evaluation-calendars`).send({ year: 2026, cadence: 'SEMESTER' })).status).toBe(201);
    const rated = await (await h.as('SUPERVISOR', NIP.kaumum))
      .post(`/periods/${ANNUAL}/employees/${NIP.staf1}/evaluation`)
      .send({ ratingHasil: 'DI_ATAS', ratingPerilaku: 'DI_ATAS', justification: 'Melampaui target.' });
    // 202: stored, the read model was late answering (a busy machine); the event is what counts here.
    expect([201, 202]).toContain(rated.status);

    const found: ConsumedMessage[] = [];
    const reader = await kafka.consume({
      groupId: uniqueName('eval-reader'),
      topics: [`${prefix}${TOPICS.evaluation}`],
      fromBeginning: true,
      handler: async (batch) => {
        for (const m of batch.messages) if (m.key === NIP.staf1) found.push(m);
      },
    });
    await waitUntil(() => found.some((m) => m.headers.ce_type === 'PredicateSet.v1'), Boolean, { what: 'PredicateSet.v1 on Kafka', progress: () => found.length }).finally(() => reader.stop());
    const predicateSet = found.find((m) => m.headers.ce_type === 'PredicateSet.v1');
    expect(predicateSet?.headers.ce_source).toBe('/kinerja/evaluation');
    expect(JSON.parse(predicateSet!.value.toString('utf8'))).toMatchObject({ nip: NIP.staf1, predicate: 'SANGAT_BAIK', ruleSetVersion: '2022.1', assessorId: NIP.kaumum });
  });
});
