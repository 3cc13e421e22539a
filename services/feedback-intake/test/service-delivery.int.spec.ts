import { randomUUID } from 'node:crypto';
import { logLevel } from 'kafkajs';
import { inboundTopicOf, toCloudEventHeaders } from '@kinerja/contracts';
import { createKafkaTransport, Transport } from '@kinerja/messaging';
import { describeWithKafka, uniqueName, waitUntil } from '@kinerja/testing';
import { bootHarness, DINKES_ADMIN, Harness, OFFICER, OFFICER_2, seedDirectory, SUPERVISOR } from './support/harness';

// Tuesday 10 March 2026, 10:00 WIB.
const NOW = '2026-03-10T03:00:00.000Z';

/** A KTP-el application: received and completed at local (WIB) times. */
const record = (sourceId: string, officerNip: string, received: string, completed: string, extra: Record<string, unknown> = {}) => ({
  sourceId,
  serviceCode: 'KTP-EL',
  unitId: 'PUSKESMAS-1',
  officerNip,
  receivedAt: `${received}+07:00`,
  completedAt: `${completed}+07:00`,
  channel: 'LOKET',
  ...extra,
});

async function standards(h: Harness): Promise<void> {
  const admin = await h.as(...DINKES_ADMIN);
  await admin.put('/agencies/DINKES/service-standards/KTP-EL').send({ name: 'Penerbitan KTP-el', amount: 1, unit: 'HOURS', effectiveFrom: '2026-01-01' }).expect(200);
  await admin.put('/agencies/DINKES/service-standards/AKTA-LAHIR').send({ name: 'Akta kelahiran', amount: 3, unit: 'WORKING_DAYS', effectiveFrom: '2026-01-01' }).expect(200);
}

describe('feedback-intake: service standards and service records over HTTP', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await bootHarness('fi_svc', { now: NOW });
    await seedDirectory(h);
    await h.sql.query(`INSERT INTO feedback_intake.directory_agency (agency_id, code, name, updated_at) VALUES ('DINKES', 'DINKES', 'Dinas Kesehatan', now()) ON CONFLICT DO NOTHING`);
    await standards(h);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('keeps every version of a standard, changes nothing when the same standard is set again, and shows it on the public unit page', async () => {
    const admin = await h.as(...DINKES_ADMIN);
    const again = await admin.put('/agencies/DINKES/service-standards/KTP-EL').send({ name: 'Penerbitan KTP-el', amount: 1, unit: 'HOURS', effectiveFrom: '2026-02-01' }).expect(200);
    expect(again.body).toMatchObject({ version: 1, amount: 1, unit: 'HOURS', effectiveFrom: '2026-01-01' });
    const earlier = await admin.put('/agencies/DINKES/service-standards/AKTA-LAHIR').send({ name: 'Akta kelahiran', amount: 2, unit: 'WORKING_DAYS', effectiveFrom: '2025-12-01' }).expect(409);
    expect(earlier.body.code).toBe('STANDARD_EFFECTIVE_BEFORE_LATEST');
    const bad = await admin.put('/agencies/DINKES/service-standards/AKTA-LAHIR').send({ name: 'Akta kelahiran', amount: 1.5, unit: 'WORKING_DAYS' }).expect(400);
    expect(bad.body).toMatchObject({ code: 'STANDARD_AMOUNT_INVALID', field: 'amount' });
    const other = await h.as('ADMIN_OPD', 'disdik.admin', 'DISDIK');
    expect((await other.put('/agencies/DINKES/service-standards/KTP-EL').send({ name: 'x', amount: 2, unit: 'HOURS' }).expect(403)).body.code).toBe('OUTSIDE_AGENCY');
    const pub = await h.citizen().get('/public/units/PUSKESMAS-1/service-standards').expect(200);
    expect(pub.body.map((s: { serviceCode: string; amount: number; unit: string }) => [s.serviceCode, s.amount, s.unit]).sort()).toEqual([
      ['AKTA-LAHIR', 3, 'WORKING_DAYS'],
      ['KTP-EL', 1, 'HOURS'],
    ]);
  });

  it('accepts a batch whole, judges each record against the standard, reports duplicates and stores them once', async () => {
    const admin = await h.as(...DINKES_ADMIN);
    const batch = [
      record('DKP-1', OFFICER, '2026-03-02T08:00:00', '2026-03-02T08:40:00'),
      record('DKP-2', OFFICER, '2026-03-02T09:00:00', '2026-03-02T10:30:00'),
      record('DKP-3', OFFICER, '2026-03-03T13:00:00', '2026-03-03T13:20:00'),
      // Akta: received Friday 6 March, completed Wednesday 11 March = 3 working days (Mon, Tue, Wed): met.
      record('DKP-4', OFFICER_2, '2026-03-06T09:00:00', '2026-03-09T15:00:00', { serviceCode: 'AKTA-LAHIR', unitId: 'PUSKESMAS-2' }),
    ];
    const first = await admin.post('/agencies/DINKES/service-records').send({ records: batch }).expect(201);
    expect(first.body).toMatchObject({ received: 4, accepted: 4, duplicates: [], problems: [] });
    const again = await admin.post('/agencies/DINKES/service-records').send({ records: batch }).expect(200);
    expect(again.body).toMatchObject({ accepted: 0, duplicates: ['DKP-1', 'DKP-2', 'DKP-3', 'DKP-4'] });
    const { rows } = await h.sql.query(`SELECT count(*)::int AS n FROM feedback_intake.service_record_view WHERE agency_id = 'DINKES'`);
    expect(rows[0].n).toBe(4);

    const figures = await (await h.as('EMPLOYEE', OFFICER, 'DINKES')).get(`/employees/${OFFICER}/service-figures?periodId=2026-S1`).expect(200);
    expect(figures.body.services).toEqual([
      { serviceCode: 'KTP-EL', name: 'Penerbitan KTP-el', count: 3, withinStandard: 2, percentWithinStandard: 66.7, averageElapsed: 0.83, unit: 'HOURS' },
    ]);
    const records = await (await h.as('SUPERVISOR', SUPERVISOR, 'DINKES')).get(`/employees/${OFFICER}/service-records?periodId=2026-Q1`).expect(200);
    expect(records.body.total).toBe(3);
    expect(records.body.records.map((r: { sourceId: string; withinStandard: boolean; elapsed: number }) => [r.sourceId, r.withinStandard, r.elapsed])).toEqual([
      ['DKP-1', true, 0.67],
      ['DKP-2', false, 1.5],
      ['DKP-3', true, 0.33],
    ]);
    const unit = await admin.get('/units/PUSKESMAS-2/service-figures?periodId=2026').expect(200);
    expect(unit.body.services).toEqual([{ serviceCode: 'AKTA-LAHIR', name: 'Akta kelahiran', count: 1, withinStandard: 1, percentWithinStandard: 100, averageElapsed: 1, unit: 'WORKING_DAYS' }]);
    expect(unit.body.officers).toEqual([{ officerNip: OFFICER_2, services: unit.body.services }]);
    // A colleague of another unit sees neither the officer's figures nor their records.
    await (await h.as('EMPLOYEE', OFFICER_2, 'DINKES')).get(`/employees/${OFFICER}/service-figures?periodId=2026`).expect(403);
  });

  it('refuses a batch with an unknown officer, a completion before receipt, a reused source id and a citizen field, listing every problem and storing nothing', async () => {
    const admin = await h.as(...DINKES_ADMIN);
    const before = (await h.sql.query(`SELECT count(*)::int AS n FROM feedback_intake.service_record_view`)).rows[0].n;
    const res = await admin
      .post('/agencies/DINKES/service-records')
      .send({
        records: [
          record('NEW-1', OFFICER, '2026-03-04T08:00:00', '2026-03-04T08:30:00'),
          record('NEW-2', '199901012020011001', '2026-03-04T08:00:00', '2026-03-04T08:30:00'),
          record('NEW-3', OFFICER, '2026-03-04T09:00:00', '2026-03-04T08:30:00'),
          record('DKP-1', OFFICER, '2026-03-02T08:00:00', '2026-03-02T08:45:00'),
          record('NEW-4', OFFICER, '2026-03-04T08:00:00', '2026-03-04T08:30:00', { nik: '3171234567890001' }),
        ],
      })
      .expect(400);
    expect(res.body.code).toBe('SERVICE_RECORDS_REJECTED');
    expect(res.body.problems.map((p: { index: number; field: string; code: string }) => [p.index, p.field, p.code])).toEqual([
      [1, 'officerNip', 'UNKNOWN_OFFICER'],
      [2, 'completedAt', 'COMPLETED_BEFORE_RECEIVED'],
      [3, 'sourceId', 'SOURCE_ID_CONFLICT'],
      [4, 'nik', 'FIELD_NOT_ALLOWED'],
    ]);
    expect((await h.sql.query(`SELECT count(*)::int AS n FROM feedback_intake.service_record_view`)).rows[0].n).toBe(before);
    expect(h.logs.join('')).not.toContain('3171234567890001');
  });

  it('takes a CSV upload with `;` and reports problems by line, and refuses more than the batch limit with 413', async () => {
    const admin = await h.as(...DINKES_ADMIN);
    const csv = [
      'sourceId;serviceCode;unitId;officerNip;receivedAt;completedAt;channel',
      `CSV-1;KTP-EL;PUSKESMAS-1;${OFFICER};2026-03-05T08:00:00+07:00;2026-03-05T08:20:00+07:00;ONLINE`,
      `CSV-2;KTP-EL;PUSKESMAS-9;${OFFICER};2026-03-05T08:00:00+07:00;2026-03-05T08:20:00+07:00;LOKET`,
    ].join('\r\n');
    const bad = await admin.post('/agencies/DINKES/service-records').set('content-type', 'text/csv').send(csv).expect(400);
    expect(bad.body.problems).toEqual([expect.objectContaining({ line: 3, field: 'unitId', code: 'UNKNOWN_UNIT' })]);
    const dry = await admin.post('/agencies/DINKES/service-records?dryRun=true').set('content-type', 'text/csv').send(csv.split('\r\n').slice(0, 2).join('\r\n')).expect(200);
    expect(dry.body).toMatchObject({ dryRun: true, accepted: 1 });
    expect((await h.sql.query(`SELECT count(*)::int AS n FROM feedback_intake.service_record_view WHERE source_id = 'CSV-1'`)).rows[0].n).toBe(0);
    await admin.post('/agencies/DINKES/service-records').set('content-type', 'text/csv').send(csv.split('\r\n').slice(0, 2).join('\r\n')).expect(201);
    const many = Array.from({ length: 301 }, (_, i) => record(`MANY-${i}`, OFFICER, '2026-03-04T08:00:00', '2026-03-04T08:30:00'));
    expect((await admin.post('/agencies/DINKES/service-records').send({ records: many }).expect(413)).body.code).toBe('TOO_MANY_RECORDS');
  });
});

describeWithKafka('feedback-intake: service records streamed on the inbound topic', (brokers) => {
  let h: Harness;
  let kafka: Transport;
  const prefix = `${uniqueName('fisvc')}.`;

  beforeAll(async () => {
    h = await bootHarness('fi_svc_kafka', { now: NOW, env: { TRANSPORT: 'kafka', KAFKA_BROKERS: brokers.join(','), RELAY_TOPIC_PREFIX: prefix, CONSUMER_TOPIC_PREFIX: prefix } });
    kafka = createKafkaTransport({ brokers, clientId: uniqueName('fisvc-test'), logLevel: logLevel.NOTHING });
    await seedDirectory(h);
    await h.sql.query(`INSERT INTO feedback_intake.directory_agency (agency_id, code, name, updated_at) VALUES ('DINKES', 'DINKES', 'Dinas Kesehatan', now()) ON CONFLICT DO NOTHING`);
    await standards(h);
  });

  afterAll(async () => {
    await kafka?.close();
    await h?.close();
  });

  it('stores a streamed record once, however often it is sent, and reports a record of an unknown officer without storing it', async () => {
    const topic = `${prefix}${inboundTopicOf('feedback-intake')}`;
    await kafka.ensureTopic(topic, 6);
    const message = (data: Record<string, unknown>) => ({
      key: 'DINKES',
      value: JSON.stringify(data),
      headers: toCloudEventHeaders({
        id: randomUUID(),
        type: 'ServiceRecordReported.v1',
        source: '/agency/dinkes/simpus',
        time: NOW,
        subject: 'DINKES',
        correlationId: randomUUID(),
        traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      }),
    });
    const good = { agencyId: 'DINKES', ...record('STREAM-1', OFFICER, '2026-03-09T08:00:00', '2026-03-09T08:50:00') };
    const unknown = { agencyId: 'DINKES', ...record('STREAM-2', '199901012020011001', '2026-03-09T08:00:00', '2026-03-09T08:50:00') };
    await kafka.produce(topic, [message(good), message(good), message(unknown)]);
    const count = async (sql: string) => (await h.sql.query(sql)).rows[0].n as number;
    await waitUntil(() => count(`SELECT count(*)::int AS n FROM feedback_intake.service_record_rejection WHERE source_id = 'STREAM-2'`), (n) => n === 1, { what: 'the rejection of STREAM-2' });
    await waitUntil(() => count(`SELECT count(*)::int AS n FROM feedback_intake.service_record_view WHERE source_id = 'STREAM-1'`), (n) => n === 1, { what: 'STREAM-1 stored' });
    const rejection = (await h.sql.query(`SELECT problems FROM feedback_intake.service_record_rejection WHERE source_id = 'STREAM-2'`)).rows[0];
    expect(rejection.problems).toEqual([expect.objectContaining({ field: 'officerNip', code: 'UNKNOWN_OFFICER' })]);
    const report = await (await h.as(...DINKES_ADMIN)).get('/agencies/DINKES/service-records/rejections').expect(200);
    expect(report.body).toEqual([expect.objectContaining({ sourceId: 'STREAM-2', problems: [expect.objectContaining({ code: 'UNKNOWN_OFFICER' })] })]);
    expect((await h.sql.query(`SELECT count(*)::int AS n FROM feedback_intake.service_record_view WHERE source_id LIKE 'STREAM-%'`)).rows[0].n).toBe(1);
    const accepted = await h.store.readAll({ filter: { types: ['ServiceRecordsAccepted'] } });
    expect(accepted.events.map((e) => (e.data as { records: { sourceId: string; withinStandard: boolean }[] }).records)).toEqual([[expect.objectContaining({ sourceId: 'STREAM-1', withinStandard: true })]]);
  });
});
