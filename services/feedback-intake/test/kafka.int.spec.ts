import { randomUUID } from 'node:crypto';
import { logLevel } from 'kafkajs';
import { TOPICS, toCloudEventHeaders } from '@kinerja/contracts';
import { ConsumedMessage, createKafkaTransport, publicEventId, Transport } from '@kinerja/messaging';
import { describeWithKafka, uniqueName } from '@kinerja/testing';
import { bootHarness, DINKES_ADMIN, Harness, OFFICER, seedDirectory } from './support/harness';

const NOW = '2026-03-10T03:00:00.000Z';
const CONTACT = { name: 'Made Wirawan Kusuma', email: 'made.wk@example.id', phone: '+62 361 222 333' };

/** Reads the topic with a fresh consumer group until every wanted ce_id arrived; returns every message read. */
async function readUntil(transport: Transport, topic: string, ids: string[], timeoutMs = 60_000): Promise<ConsumedMessage[]> {
  const all: ConsumedMessage[] = [];
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const handle = await transport.consume({
    groupId: uniqueName('fi-reader'),
    topics: [topic],
    fromBeginning: true,
    handler: async (batch) => {
      all.push(...batch.messages);
      if (ids.every((id) => all.some((m) => m.headers.ce_id === id))) done();
    },
  });
  const timer = setTimeout(done, timeoutMs);
  await finished;
  clearTimeout(timer);
  await handle.stop();
  return all;
}

describeWithKafka('feedback-intake with TRANSPORT=kafka: public events on Kafka, organisation events from Kafka', (brokers) => {
  let h: Harness;
  let kafka: Transport;
  const prefix = `${uniqueName('fi')}.`;

  beforeAll(async () => {
    h = await bootHarness('fi_kafka', { now: NOW, env: { TRANSPORT: 'kafka', KAFKA_BROKERS: brokers.join(','), RELAY_TOPIC_PREFIX: prefix } });
    kafka = createKafkaTransport({ brokers, clientId: uniqueName('fi-test'), logLevel: logLevel.NOTHING });
    await seedDirectory(h);
  });

  afterAll(async () => {
    await kafka?.close();
    await h?.close();
  });

  it('publishes FeedbackReceived, ComplaintResolved and IkmComputed .v1 with no trace of the contact details, before or after erasure', async () => {
    const feedback = (await h.citizen().post('/public/feedback').send({ unitId: 'PUSKESMAS-1', rating: 3, channel: 'WEB_FORM', contact: CONTACT }).expect(201)).body;
    const complaint = (
      await h.citizen().post('/public/complaints').send({ unitId: 'PUSKESMAS-1', category: 'PELAYANAN', channel: 'WEB_FORM', description: 'Berkas hilang.', contact: CONTACT }).expect(201)
    ).body;
    const officer = await h.as('EMPLOYEE', OFFICER, 'DINKES');
    await officer.post(`/complaints/${complaint.complaintId}/triage`).send({ assignee: { kind: 'UNIT', unitId: 'PUSKESMAS-1' } }).expect(200);
    await officer.post(`/complaints/${complaint.complaintId}/start`).expect(200);
    await officer.post(`/complaints/${complaint.complaintId}/resolve`).send({ resolution: 'Berkas ditemukan dan diserahkan.' }).expect(200);
    const admin = await h.as(...DINKES_ADMIN);
    await admin.post('/skm/periods').send({ unitId: 'PUSKESMAS-1', periodId: '2026' }).expect(201);
    await h.citizen().post('/public/skm/PUSKESMAS-1/2026/responses').send({ answers: { U1: 4, U2: 3, U3: 3, U4: 4, U5: 3, U6: 3, U7: 4, U8: 3, U9: 3 }, channel: 'KIOSK' }).expect(201);
    await admin.post('/skm/periods/PUSKESMAS-1/2026/close').expect(200);
    await h.citizen().post('/public/erase-my-data').send({ code: complaint.trackingCode }).expect(200);
    await h.citizen().post('/public/erase-my-data').send({ code: feedback.erasureCode }).expect(200);

    const [received] = await h.store.readStream(`citizen-feedback-${feedback.feedbackId}`);
    const resolved = (await h.store.readStream(`complaint-${complaint.complaintId}`)).find((e) => e.type === 'ComplaintResolved')!;
    const ikm = (await h.store.readStream('skm-PUSKESMAS-1-2026')).find((e) => e.type === 'IkmComputed')!;
    const ids = [publicEventId(received.id, 0, 'FeedbackReceived.v1'), publicEventId(resolved.id, 0, 'ComplaintResolved.v1'), publicEventId(ikm.id, 0, 'IkmComputed.v1')];

    const messages = await readUntil(kafka, `${prefix}${TOPICS.feedbackIntake}`, ids);
    // ComplaintReceived.v1 (its deadline, for the notifier) shares the complaint's partition, before its resolution.
    expect(messages.map((m) => m.headers.ce_type).sort()).toEqual(['ComplaintReceived.v1', 'ComplaintResolved.v1', 'FeedbackReceived.v1', 'IkmComputed.v1']);
    const byType = new Map(messages.map((m) => [m.headers.ce_type, m]));
    expect(byType.get('FeedbackReceived.v1')!.key).toBe('PUSKESMAS-1');
    expect(JSON.parse(byType.get('IkmComputed.v1')!.value.toString('utf8'))).toMatchObject({ ikm: '83.33', grade: 'B', respondentCount: 1, weight: '1/9' });
    expect(JSON.parse(byType.get('ComplaintResolved.v1')!.value.toString('utf8'))).toEqual({
      complaintId: complaint.complaintId,
      unitId: 'PUSKESMAS-1',
      category: 'PELAYANAN',
      resolvedAt: NOW,
      withinSla: true,
      resolvedBy: OFFICER,
    });
    const everything = messages.map((m) => `${m.key}\n${JSON.stringify(m.headers)}\n${m.value.toString('utf8')}\n${m.value.toString('hex')}`).join('\n');
    for (const needle of [CONTACT.name, CONTACT.email, CONTACT.phone, 'Wirawan', Buffer.from(CONTACT.email).toString('hex')]) expect(everything).not.toContain(needle);
    expect(everything).not.toContain((received.data as { contactRef: string }).contactRef);
    expect(h.logs.join('')).not.toContain('Wirawan');
  });

  it('consumes EmployeeRegistered.v1 from the work-planning topic on Kafka into the directory', async () => {
    const nip = '199512122020122004';
    await kafka.ensureTopic(`${prefix}${TOPICS.workPlanning}`, 6);
    await kafka.produce(`${prefix}${TOPICS.workPlanning}`, [
      {
        key: nip,
        value: JSON.stringify({ nip, name: 'Ayu', status: 'PPPK', agencyId: 'DINKES' }),
        headers: toCloudEventHeaders({
          id: randomUUID(),
          type: 'EmployeeRegistered.v1',
          source: '/kinerja/work-planning',
          time: NOW,
          subject: nip,
          correlationId: 'c-kafka',
          traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
        }),
      },
    ]);
    const deadline = Date.now() + 60_000;
    let rows: unknown[] = [];
    while (rows.length === 0 && Date.now() < deadline) {
      rows = (await h.sql.query('SELECT nip, agency_id FROM feedback_intake.directory_employee WHERE nip = $1', [nip])).rows;
      if (rows.length === 0) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(rows).toEqual([{ nip, agency_id: 'DINKES' }]);
  });
});
