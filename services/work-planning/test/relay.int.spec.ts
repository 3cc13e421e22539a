import { logLevel } from 'kafkajs';
import { TOPICS } from '@kinerja/contracts';
import { ConsumedMessage, createKafkaTransport, createPgLogTransport, publicEventId, Transport } from '@kinerja/messaging';
import { describeWithKafka, uniqueName } from '@kinerja/testing';
import { bootHarness, Harness } from './support/harness';
import { loadWorkPlanningConfig } from '../src/config';

const NOW = '2026-03-10T03:00:00.000Z';

/** Reads the topic with a fresh consumer group until every wanted ce_id arrived. */
async function readUntil(transport: Transport, topic: string, ids: string[], timeoutMs = 60_000): Promise<Map<string, ConsumedMessage>> {
  const found = new Map<string, ConsumedMessage>();
  let resolveAll!: () => void;
  const all = new Promise<void>((r) => (resolveAll = r));
  const handle = await transport.consume({
    groupId: uniqueName('wp-relay-reader'),
    topics: [topic],
    fromBeginning: true,
    handler: async (batch) => {
      for (const m of batch.messages) if (ids.includes(m.headers.ce_id)) found.set(m.headers.ce_id, m);
      if (found.size === ids.length) resolveAll();
    },
  });
  const timer = setTimeout(resolveAll, timeoutMs);
  await all;
  clearTimeout(timer);
  await handle.stop();
  return found;
}

/** Registers an agency and an employee over HTTP and returns the public event ids the relay must produce. */
async function registerOverHttp(h: Harness, agencyCode: string, nip: string): Promise<{ agency: string; employee: string }> {
  const city = await h.as('ADMIN_CITY', 'bkpsdm.admin');
  await city.post('/agencies').send({ code: agencyCode, name: 'Dinas Kesehatan' }).expect(201);
  await city
    .post('/employees')
    .send({ nip, name: 'Budi Santoso', status: 'PNS', agencyId: agencyCode, golongan: 'III/a', tmtGolongan: '2019-04-01' })
    .expect(201);
  const [agency] = await h.store.readStream(`agency-${agencyCode.toUpperCase()}`);
  const [employee] = await h.store.readStream(`employee-${nip}`);
  return { agency: publicEventId(agency.id, 0, 'AgencyRegistered.v1'), employee: publicEventId(employee.id, 0, 'EmployeeRegistered.v1') };
}

function expectCloudEvents(messages: Map<string, ConsumedMessage>, ids: { agency: string; employee: string }, agencyCode: string, nip: string) {
  const agency = messages.get(ids.agency)!;
  const employee = messages.get(ids.employee)!;
  expect(agency).toBeDefined();
  expect(employee).toBeDefined();
  expect(agency.key).toBe(agencyCode);
  expect(agency.headers).toMatchObject({
    ce_specversion: '1.0',
    ce_type: 'AgencyRegistered.v1',
    ce_source: '/kinerja/work-planning',
    ce_subject: agencyCode,
    ce_time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    'content-type': 'application/json',
  });
  expect(agency.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  expect(JSON.parse(agency.value.toString('utf8'))).toEqual({ agencyId: agencyCode, code: agencyCode, name: 'Dinas Kesehatan' });
  expect(employee.key).toBe(nip);
  expect(employee.headers).toMatchObject({ ce_type: 'EmployeeRegistered.v1', ce_subject: nip, ce_id: ids.employee });
  expect(JSON.parse(employee.value.toString('utf8'))).toEqual({
    nip,
    name: 'Budi Santoso',
    status: 'PNS',
    agencyId: agencyCode,
    pangkat: 'Penata Muda',
    golongan: 'III/a',
    tmtGolongan: '2019-04-01',
  });
}

describe('work-planning relay: public events reach the PostgreSQL log', () => {
  let h: Harness;
  let reader: Transport;

  beforeAll(async () => {
    h = await bootHarness('wp_relay_pg', { now: NOW });
    reader = createPgLogTransport({ connectionString: h.db.url, applicationName: 'wp-relay-test-reader' });
  });
  afterAll(async () => {
    await reader?.close();
    await h?.close();
  });

  it('produces AgencyRegistered.v1 and EmployeeRegistered.v1 as CloudEvents to kinerja.work-planning.v1', async () => {
    const nip = '199003152015031002';
    const ids = await registerOverHttp(h, 'DINKES', nip);
    const messages = await readUntil(reader, TOPICS.workPlanning, [ids.agency, ids.employee]);
    expectCloudEvents(messages, ids, 'DINKES', nip);
    const { rows } = await h.sql.query(`SELECT checkpoint FROM relay_checkpoints WHERE relay = 'work-planning'`);
    expect(rows).toHaveLength(1);
  });

  it('publishes the organisation changes so other services keep an as-of copy', async () => {
    const nip = '199003152015031002';
    const admin = await h.as('ADMIN_OPD', 'dinkes.admin', 'DINKES');
    await admin.post('/agencies/DINKES/units').send({ unitId: 'DINKES', name: 'Dinas Kesehatan' }).expect(201);
    await admin.post('/agencies/DINKES/positions').send({ positionId: 'P1', name: 'Pengelola Data', kind: 'PELAKSANA', unitId: 'DINKES', establishedOn: '2024-01-01' }).expect(201);
    await admin.post('/agencies/DINKES/assignments').send({ nip, positionId: 'P1', type: 'DEFINITIVE', from: '2024-01-01' }).expect(201);
    const events = await h.store.readStream('organisation-DINKES');
    const ids = events.map((e) => publicEventId(e.id, 0, `${e.type}.v1`));
    const messages = await readUntil(reader, TOPICS.workPlanning, ids);
    expect(ids.map((id) => messages.get(id)?.headers.ce_type)).toEqual(['UnitCreated.v1', 'PositionCreated.v1', 'PositionAssigned.v1']);
    const assigned = messages.get(ids[2])!;
    expect(assigned.key).toBe(nip);
    expect(JSON.parse(assigned.value.toString('utf8'))).toEqual({
      agencyId: 'DINKES',
      assignmentId: `${nip}@P1@2024-01-01`,
      nip,
      positionId: 'P1',
      type: 'DEFINITIVE',
      from: '2024-01-01',
      to: null,
    });
  });
});

describe('work-planning config: transport', () => {
  const base = { DATABASE_URL: 'postgres://x@localhost/db', PORT: '0' };
  it('defaults to the PostgreSQL log', () => {
    expect(loadWorkPlanningConfig(base).TRANSPORT).toBe('pg-log');
  });
  it('refuses kafka without brokers and an unknown transport, listing both', () => {
    expect(() => loadWorkPlanningConfig({ ...base, TRANSPORT: 'kafka' })).toThrow(/KAFKA_BROKERS: missing \(required when TRANSPORT=kafka\)/);
    expect(() => loadWorkPlanningConfig({ ...base, TRANSPORT: 'rabbit' })).toThrow(/TRANSPORT/);
  });
});

describeWithKafka('work-planning relay: public events reach Kafka', (brokers) => {
  let h: Harness;
  let reader: Transport;

  beforeAll(async () => {
    h = await bootHarness('wp_relay_kafka', { now: NOW, env: { TRANSPORT: 'kafka', KAFKA_BROKERS: brokers.join(',') } });
    reader = createKafkaTransport({ brokers, clientId: uniqueName('wp-relay-reader'), logLevel: logLevel.NOTHING });
  });
  afterAll(async () => {
    await reader?.close();
    await h?.close();
  });

  it('produces the CloudEvents messages to the real kinerja.work-planning.v1 topic', async () => {
    const code = `K${Date.now().toString(36).toUpperCase()}`;
    const nip = '199003152015031002';
    const ids = await registerOverHttp(h, code, nip);
    const admin = await h.as('ADMIN_OPD', 'admin', code);
    await admin.post(`/agencies/${code}/units`).send({ unitId: 'ROOT', name: 'Dinas' }).expect(201);
    await admin.post(`/agencies/${code}/positions`).send({ positionId: 'P1', name: 'Pengelola Data', kind: 'PELAKSANA', unitId: 'ROOT', establishedOn: '2024-01-01' }).expect(201);
    await admin.post(`/agencies/${code}/assignments`).send({ nip, positionId: 'P1', type: 'PLT', from: '2024-01-01', to: '2024-03-31' }).expect(201);
    const org = (await h.store.readStream(`organisation-${code}`)).map((e) => publicEventId(e.id, 0, `${e.type}.v1`));
    const messages = await readUntil(reader, TOPICS.workPlanning, [ids.agency, ids.employee, ...org]);
    expectCloudEvents(messages, ids, code, nip);
    expect(org.map((id) => messages.get(id)?.headers.ce_type)).toEqual(['UnitCreated.v1', 'PositionCreated.v1', 'PositionAssigned.v1']);
    expect(JSON.parse(messages.get(org[2])!.value.toString('utf8'))).toMatchObject({ nip, type: 'PLT', from: '2024-01-01', to: '2024-03-31' });
  });
});
