import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { Client, Pool } from 'pg';
import { getContract, keyOf, SkpDocumentV1, sourceOf, toCloudEventHeaders, topicOf, validatePublicEvent } from '@kinerja/contracts';
import { createKafkaTransport, OutgoingMessage, toOutgoingMessage, traceparentFor, Transport } from '@kinerja/messaging';
import { createTestDatabase, describeWithKafka, serverUrl, TestDatabase, uniqueName } from '@kinerja/testing';
import { BatchOutcome, jsonLog, readStatistics, startSubscriber, Statistics, Subscriber, SubscriberConfig } from '../src';

const BIN = join(__dirname, '../bin/analytics-subscriber.js');
const SCHEMA = 'analytics_it';

const NIP = {
  a1: '198001012005011001',
  a2: '198102022006022002',
  a3: '198203032007031003',
  b1: '198304042008042004',
  b2: '198405052009051005',
  /** Registered only in the second round: their predicate, SKP arrive first. */
  x: '199006062015062006',
};

/** A published event: its ce_id is kept so that a test can send the very same event again. */
interface Sent {
  id: string;
  type: string;
  data: unknown;
  time: string;
}

let clock = Date.parse('2026-01-05T01:00:00Z');
function event(type: string, data: unknown, time?: string): Sent {
  // What the services' relays would send: the contract's strict (produce) schema must accept it.
  const valid = validatePublicEvent(type, data, 'produce');
  if (!valid.ok) throw new Error(`test data for ${type} is invalid: ${valid.errors.join('; ')}`);
  clock += 1_000;
  return { id: randomUUID(), type, data, time: time ?? new Date(clock).toISOString() };
}

function toMessage(sent: Sent): OutgoingMessage {
  const contract = getContract(sent.type);
  return toOutgoingMessage({
    id: sent.id,
    type: sent.type,
    data: sent.data,
    key: keyOf(sent.type, sent.data),
    source: sourceOf(contract.service),
    time: sent.time,
    correlationId: sent.id,
    traceparent: traceparentFor(sent.id, sent.id),
  });
}

function skp(nip: string, agencyId: string, year: number, version = 1): SkpDocumentV1 {
  return {
    skpId: `${nip}-${year}-01-01`,
    nip,
    agencyId,
    positionId: `${agencyId}-STAF`,
    positionKind: 'PELAKSANA',
    unitId: `${agencyId}-UMUM`,
    periodStart: `${year}-01-01`,
    periodEnd: `${year}-12-31`,
    version,
    approach: 'KUANTITATIF',
    rhk: [
      {
        rhkId: 'RHK-1',
        jenis: 'UTAMA',
        text: 'Terlaksananya layanan administrasi',
        link: null,
        perspektif: null,
        indicators: [{ ikiId: 'IKI-1', aspect: 'KUANTITAS', indicator: 'Jumlah berkas', target: { kind: 'QUANTITATIVE', value: 120, unit: 'berkas' } }],
      },
    ],
    perilaku: [{ coreValue: 'BERORIENTASI_PELAYANAN', label: 'Berorientasi Pelayanan', panduanPerilaku: ['Memahami kebutuhan masyarakat'], ekspektasiKhusus: null }],
    lampiran: { dukunganSumberDaya: [], skemaPertanggungjawaban: [], konsekuensi: [] },
    pejabatPenilaiNip: '197001011995031001',
    approvedAt: `${year}-01-20T02:00:00.000Z`,
  };
}

const employee = (nip: string, agencyId: string, status: 'PNS' | 'PPPK' = 'PNS') => ({ nip, name: `Pegawai ${nip.slice(-4)}`, status, agencyId });

function predicate(nip: string, periodId: string, value: string, finalizedAt: string, via: 'WINDOW_ENDED' | 'OBJECTION_DECIDED' = 'WINDOW_ENDED') {
  return {
    evaluationId: `${periodId}:${nip}`,
    nip,
    periodId,
    periodKind: 'ANNUAL',
    unitId: `${periodId.split(':')[0]}-UMUM`,
    assessorId: '197001011995031001',
    ratingHasil: 'SESUAI',
    ratingPerilaku: 'SESUAI',
    predicate: value,
    ruleSetVersion: '2022.1',
    finalizedVia: via,
    finalizedAt,
  };
}

const resolved = (complaintId: string, unitId: string, resolvedAt: string, withinSla: boolean) => ({ complaintId, unitId, category: 'PELAYANAN', resolvedAt, withinSla });
const breached = (complaintId: string, unitId: string, dueAt: string) => ({ complaintId, unitId, category: 'PELAYANAN', dueAt, detectedAt: dueAt });

function rawMessage(type: string, value: string, headers: Record<string, string> = {}): OutgoingMessage {
  const id = randomUUID();
  return {
    key: 'x',
    value,
    headers: {
      ...toCloudEventHeaders({ id, type, source: '/kinerja/work-planning', time: '2026-01-05T00:00:00.000Z', subject: 'x', correlationId: id, traceparent: traceparentFor(id, id) }),
      ...headers,
    },
  };
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    value = await read();
  }
  return value;
}

function outcomes(lines: readonly Record<string, unknown>[]): BatchOutcome {
  const sum: BatchOutcome = { applied: 0, duplicates: 0, ignored: 0, rejected: 0 };
  for (const line of lines) {
    if (line.msg !== 'batch applied') continue;
    for (const k of Object.keys(sum) as (keyof BatchOutcome)[]) sum[k] += line[k] as number;
  }
  return sum;
}

const total = (o: BatchOutcome) => o.applied + o.duplicates + o.ignored + o.rejected;

/** Committed offsets of the group against the end of each partition, for one topic. */
async function groupPosition(brokers: string[], groupId: string, topic: string): Promise<{ committed: string[]; ends: string[] }> {
  const admin = new Kafka({ clientId: uniqueName('analytics-admin'), brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const ends = (await admin.fetchTopicOffsets(topic)).sort((a, b) => a.partition - b.partition).map((p) => p.high);
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const committed = offsets.partitions.sort((a, b) => a.partition - b.partition).map((p) => (p.offset === '-1' ? '0' : p.offset));
    return { committed, ends };
  } finally {
    await admin.disconnect();
  }
}

describeWithKafka('analytics subscriber: agency statistics from the public Kafka topics alone', (brokers) => {
  const prefix = `${uniqueName('analytics')}.`;
  const topic = (service: 'work-planning' | 'feedback-intake' | 'evaluation') => `${prefix}${topicOf(service)}`;
  let db: TestDatabase;
  let pool: Pool;
  let kafka: Transport;
  let subscriber: Subscriber | null = null;
  const logs: Record<string, unknown>[] = [];
  let config: SubscriberConfig;
  let messagesSent = 0;
  let statsAfterJoins: Statistics;

  const send = async (service: 'work-planning' | 'feedback-intake' | 'evaluation', messages: OutgoingMessage[]) => {
    await kafka.produce(topic(service), messages);
    messagesSent += messages.length;
  };
  const counts = async () => {
    const { rows } = await pool.query(`SELECT (SELECT COUNT(*)::int FROM ${SCHEMA}.processed_events) AS processed, (SELECT COUNT(*)::int FROM ${SCHEMA}.rejected_events) AS rejected`);
    return rows[0] as { processed: number; rejected: number };
  };

  // Round 1. Everything but three facts others join to; with duplicates, types to ignore, bad messages.
  const a2First = event('PredicateFinalized.v1', predicate(NIP.a2, 'DINKES:2026:ANNUAL', 'BUTUH_PERBAIKAN', '2027-01-20T02:00:00.000Z'));
  const a1Registered = event('EmployeeRegistered.v1', employee(NIP.a1, 'DINKES'));
  const c1 = event('ComplaintResolved.v1', resolved('C1', 'PUSKESMAS-1', '2026-03-02T03:00:00.000Z', true));
  const round1 = {
    'work-planning': [
      event('AgencyRegistered.v1', { agencyId: 'DINKES', code: '1.02.01', name: 'Dinas Kesehatan' }),
      event('UnitCreated.v1', { agencyId: 'DINKES', unitId: 'PUSKESMAS-1', name: 'Puskesmas Denpasar Barat', parentUnitId: null }),
      event('UnitCreated.v1', { agencyId: 'DISDIK', unitId: 'SDN-1', name: 'SD Negeri 1', parentUnitId: null }),
      a1Registered,
      a1Registered,
      event('EmployeeRegistered.v1', employee(NIP.a2, 'DINKES')),
      event('EmployeeRegistered.v1', employee(NIP.a3, 'DINKES', 'PPPK')),
      event('EmployeeRegistered.v1', employee(NIP.b1, 'DISDIK')),
      event('EmployeeRegistered.v1', employee(NIP.b2, 'DISDIK')),
      // A3 moves to DISDIK: the latest agency counts.
      event('EmployeeUpdated.v1', employee(NIP.a3, 'DISDIK', 'PPPK')),
      event('SkpApproved.v1', skp(NIP.a1, 'DINKES', 2026)),
      event('SkpAmended.v1', skp(NIP.a1, 'DINKES', 2026, 2)),
      event('SkpApproved.v1', skp(NIP.a2, 'DINKES', 2026)),
      event('SkpApproved.v1', skp(NIP.b1, 'DISDIK', 2026)),
      event('SkpApproved.v1', skp(NIP.b2, 'DISDIK', 2025)),
      // X's SKP before X is known.
      event('SkpApproved.v1', skp(NIP.x, 'DISDIK', 2026)),
    ].map(toMessage),
    'evaluation': [
      event('PredicateFinalized.v1', predicate(NIP.a1, 'DINKES:2026:ANNUAL', 'BAIK', '2027-01-20T02:00:00.000Z')),
      a2First,
      event('PredicateFinalized.v1', predicate(NIP.x, 'DISDIK:2026:ANNUAL', 'SANGAT_BAIK', '2027-01-21T02:00:00.000Z')),
    ].map(toMessage),
    'feedback-intake': [
      c1,
      c1,
      event('ComplaintSlaBreached.v1', breached('C2', 'PUSKESMAS-1', '2026-03-05T09:00:00.000Z')),
      event('ComplaintResolved.v1', resolved('C2', 'PUSKESMAS-1', '2026-03-09T03:00:00.000Z', false)),
      event('ComplaintSlaBreached.v1', breached('C3', 'PUSKESMAS-1', '2026-04-01T09:00:00.000Z')),
      // 2025-12-31 18:00 UTC is 1 January 2026 in Jakarta (TIME_ZONE).
      event('ComplaintResolved.v1', resolved('C5', 'SDN-1', '2025-12-31T18:00:00.000Z', true)),
      // On a unit not known yet.
      event('ComplaintResolved.v1', resolved('C4', 'SDN-2', '2026-05-04T03:00:00.000Z', false)),
      event('FeedbackReceived.v1', { feedbackId: 'F1', agencyId: 'DINKES', unitId: 'PUSKESMAS-1', rating: 4, channel: 'KIOSK', hasComment: false, receivedAt: '2026-03-01T01:00:00.000Z' }),
    ].map(toMessage),
  };
  const bad = [
    rawMessage('EmployeeRetired.v9', JSON.stringify({ nip: NIP.b1 })),
    rawMessage('EmployeeRegistered.v1', JSON.stringify({ nip: '12345', name: 'Tanpa NIP', status: 'PNS', agencyId: 'DINKES' })),
    rawMessage('EmployeeRegistered.v1', JSON.stringify(employee('197703032000031003', 'DINKES')), { ce_specversion: '0.3' }),
  ];
  const appliedRound1 = 2 + 6 + 6 + 3 + 6; // units, employees (5 + 1 update), SKPs, predicates, complaint events
  // Round 2: the joins arrive, the predicate changes after an objection, an old event is sent again.
  const round2 = {
    'work-planning': [event('EmployeeRegistered.v1', employee(NIP.x, 'DISDIK')), event('UnitCreated.v1', { agencyId: 'DISDIK', unitId: 'SDN-2', name: 'SD Negeri 2', parentUnitId: null })].map(toMessage),
    'evaluation': [event('PredicateFinalized.v1', predicate(NIP.a2, 'DINKES:2026:ANNUAL', 'BAIK', '2027-02-03T02:00:00.000Z', 'OBJECTION_DECIDED')), a2First].map(toMessage),
  };

  beforeAll(async () => {
    db = await createTestDatabase('analytics');
    pool = new Pool({ connectionString: db.url, max: 2 });
    // The outage test terminates every connection to the database, idle ones of this pool included.
    pool.on('error', () => undefined);
    kafka = createKafkaTransport({ brokers, clientId: uniqueName('analytics-test'), logLevel: logLevel.NOTHING });
    for (const service of ['work-planning', 'feedback-intake', 'evaluation'] as const) await kafka.ensureTopic(topic(service), 6);
    config = {
      brokers,
      databaseUrl: db.url,
      schema: SCHEMA,
      groupId: uniqueName('analytics-group'),
      topicPrefix: prefix,
      timeZone: 'Asia/Jakarta',
      logLevel: 'info',
      port: 0,
    };
  });

  afterAll(async () => {
    await subscriber?.stop();
    await kafka?.close();
    await pool?.end();
    await db?.drop();
  });

  it('counts SKP completion, predicates and complaint SLA per agency; facts waiting for a join wait', async () => {
    subscriber = await startSubscriber(config, jsonLog('debug', (line) => logs.push(JSON.parse(line))));
    await send('work-planning', [...round1['work-planning'], bad[0], bad[1], bad[2]]);
    await send('evaluation', round1.evaluation);
    await send('feedback-intake', round1['feedback-intake']);

    await eventually(counts, (c) => c.processed === appliedRound1 && c.rejected === 2, 'round 1 to be applied');
    await eventually(async () => outcomes(logs), (o) => total(o) === messagesSent, 'every message of round 1 to be read');
    expect(outcomes(logs)).toEqual({ applied: appliedRound1, duplicates: 2, ignored: 3, rejected: 2 });

    const stats = await readStatistics(pool, SCHEMA);
    expect(stats.skpCompletion).toEqual([
      { agency_id: 'DINKES', year: 2025, employees: 2, with_approved_skp: 0, completion_pct: '0.0' },
      { agency_id: 'DINKES', year: 2026, employees: 2, with_approved_skp: 2, completion_pct: '100.0' },
      { agency_id: 'DISDIK', year: 2025, employees: 3, with_approved_skp: 1, completion_pct: '33.3' },
      { agency_id: 'DISDIK', year: 2026, employees: 3, with_approved_skp: 1, completion_pct: '33.3' },
    ]);
    expect(stats.predicateDistribution).toEqual([
      { agency_id: 'DINKES', year: 2026, period_id: 'DINKES:2026:ANNUAL', period_kind: 'ANNUAL', employees: 2, sangat_baik: 0, baik: 1, butuh_perbaikan: 1, kurang_misconduct: 0, sangat_kurang: 0 },
    ]);
    expect(stats.complaintSla).toEqual([
      { agency_id: 'DINKES', year: 2026, complaints: 3, resolved: 2, resolved_within_sla: 1, resolved_late: 1, open_breached: 1, breached: 2, within_sla_pct: '50.0' },
      { agency_id: 'DISDIK', year: 2026, complaints: 1, resolved: 1, resolved_within_sla: 1, resolved_late: 0, open_breached: 0, breached: 0, within_sla_pct: '100.0' },
    ]);
    expect(stats.unresolvedJoins).toEqual([
      { fact: 'ComplaintResolved.v1/ComplaintSlaBreached.v1', waiting_for: 'UnitCreated.v1', count: 1 },
      { fact: 'PredicateFinalized.v1', waiting_for: 'EmployeeRegistered.v1', count: 1 },
      { fact: 'SkpApproved.v1', waiting_for: 'EmployeeRegistered.v1', count: 1 },
    ]);
    const { rows: rejected } = await pool.query(`SELECT ce_type, reason FROM ${SCHEMA}.rejected_events ORDER BY reason`);
    expect(rejected).toEqual([
      { ce_type: 'EmployeeRegistered.v1', reason: 'envelope: unsupported ce_specversion 0.3' },
      { ce_type: 'EmployeeRegistered.v1', reason: 'schema: /nip must match pattern "^[0-9]{18}$"' },
    ]);
  });

  it('counts the late facts once their join arrives, moves a changed predicate, and ignores an old event sent again', async () => {
    await send('work-planning', round2['work-planning']);
    await send('evaluation', round2.evaluation);
    await eventually(async () => outcomes(logs), (o) => total(o) === messagesSent, 'every message of round 2 to be read');
    expect(outcomes(logs)).toEqual({ applied: appliedRound1 + 3, duplicates: 3, ignored: 3, rejected: 2 });

    statsAfterJoins = await readStatistics(pool, SCHEMA);
    expect(statsAfterJoins.skpCompletion).toEqual([
      { agency_id: 'DINKES', year: 2025, employees: 2, with_approved_skp: 0, completion_pct: '0.0' },
      { agency_id: 'DINKES', year: 2026, employees: 2, with_approved_skp: 2, completion_pct: '100.0' },
      { agency_id: 'DISDIK', year: 2025, employees: 4, with_approved_skp: 1, completion_pct: '25.0' },
      { agency_id: 'DISDIK', year: 2026, employees: 4, with_approved_skp: 2, completion_pct: '50.0' },
    ]);
    expect(statsAfterJoins.predicateDistribution).toEqual([
      { agency_id: 'DINKES', year: 2026, period_id: 'DINKES:2026:ANNUAL', period_kind: 'ANNUAL', employees: 2, sangat_baik: 0, baik: 2, butuh_perbaikan: 0, kurang_misconduct: 0, sangat_kurang: 0 },
      { agency_id: 'DISDIK', year: 2026, period_id: 'DISDIK:2026:ANNUAL', period_kind: 'ANNUAL', employees: 1, sangat_baik: 1, baik: 0, butuh_perbaikan: 0, kurang_misconduct: 0, sangat_kurang: 0 },
    ]);
    expect(statsAfterJoins.complaintSla).toEqual([
      { agency_id: 'DINKES', year: 2026, complaints: 3, resolved: 2, resolved_within_sla: 1, resolved_late: 1, open_breached: 1, breached: 2, within_sla_pct: '50.0' },
      { agency_id: 'DISDIK', year: 2026, complaints: 2, resolved: 2, resolved_within_sla: 1, resolved_late: 1, open_breached: 0, breached: 1, within_sla_pct: '50.0' },
    ]);
    expect(statsAfterJoins.unresolvedJoins.map((r) => r.count)).toEqual([0, 0, 0]);
    expect(statsAfterJoins.processedEvents).toBe(appliedRound1 + 3);
  });

  it('commits the group offsets after the batches it applied', async () => {
    for (const service of ['work-planning', 'feedback-intake', 'evaluation'] as const) {
      const position = await eventually(() => groupPosition(brokers, config.groupId, topic(service)), (p) => JSON.stringify(p.committed) === JSON.stringify(p.ends), `committed offsets of ${service}`, 15_000);
      expect(position.ends.some((end) => end !== '0')).toBe(true);
      expect(position.committed).toEqual(position.ends);
    }
  });

  it('while PostgreSQL refuses connections, applies and commits nothing; afterwards the waiting batch is applied once', async () => {
    const admin = new Client({ connectionString: serverUrl() });
    await admin.connect();
    const allow = (yes: boolean) => admin.query(`ALTER DATABASE "${db.name}" ALLOW_CONNECTIONS ${yes}`);
    try {
      await allow(false);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [db.name]);
      const before = outcomes(logs);
      const nip = '199107072016071007';
      await send('work-planning', [toMessage(event('EmployeeRegistered.v1', employee(nip, 'DINKES')))]);
      await eventually(async () => logs.filter((l) => l.msg === 'batch not applied, retrying').length, (n) => n >= 2, 'the batch to be retried');
      const waiting = await groupPosition(brokers, config.groupId, topic('work-planning'));
      expect(waiting.committed).not.toEqual(waiting.ends);
      expect(outcomes(logs)).toEqual(before);

      await allow(true);
      await eventually(async () => outcomes(logs), (o) => total(o) === messagesSent, 'the waiting batch to be applied');
      expect(outcomes(logs)).toEqual({ ...before, applied: before.applied + 1 });
      await eventually(() => groupPosition(brokers, config.groupId, topic('work-planning')), (p) => JSON.stringify(p.committed) === JSON.stringify(p.ends), 'the offset to be committed', 15_000);
    } finally {
      await allow(true);
      await admin.end();
    }
    statsAfterJoins = await readStatistics(pool, SCHEMA);
    expect(statsAfterJoins.skpCompletion.filter((r) => r.agency_id === 'DINKES')).toEqual([
      { agency_id: 'DINKES', year: 2025, employees: 3, with_approved_skp: 0, completion_pct: '0.0' },
      { agency_id: 'DINKES', year: 2026, employees: 3, with_approved_skp: 2, completion_pct: '66.7' },
    ]);
    expect(statsAfterJoins.processedEvents).toBe(appliedRound1 + 4);
  });

  it('as a process: a second consumer group replays everything into the same schema and changes nothing; SIGTERM stops it cleanly', async () => {
    await subscriber!.stop();
    subscriber = null;
    const env = {
      ...process.env,
      KAFKA_BROKERS: brokers.join(','),
      DATABASE_URL: db.url,
      ANALYTICS_SCHEMA: SCHEMA,
      GROUP_ID: uniqueName('analytics-replay'),
      TOPIC_PREFIX: prefix,
      LOG_LEVEL: 'info',
      PORT: '0',
    };
    const child: ChildProcess = spawn(process.execPath, [BIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: Record<string, unknown>[] = [];
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const parts = buffered.split('\n');
      buffered = parts.pop() ?? '';
      for (const part of parts) if (part.trim()) lines.push(JSON.parse(part));
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await eventually(async () => outcomes(lines), (o) => total(o) === messagesSent, 'the replay to read every message', 90_000);
    } catch (error) {
      child.kill('SIGKILL');
      throw new Error(`${(error as Error).message}\nstderr: ${stderr}`);
    }
    expect(outcomes(lines)).toEqual({ applied: 0, duplicates: appliedRound1 + 4 + 3, ignored: 3, rejected: 2 });
    // Operations endpoints of the process: /health while consuming, /metrics counting the replay, /docs.
    const listening = lines.find((l) => l.msg === 'listening') as { port: number } | undefined;
    expect(listening?.port).toBeGreaterThan(0);
    const ops = `http://127.0.0.1:${listening!.port}`;
    const health = await fetch(`${ops}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', consuming: true, lastBatchAt: expect.any(String) });
    const metricsText = await (await fetch(`${ops}/metrics`)).text();
    expect(metricsText).toContain(`analytics_messages_total{outcome="duplicates"} ${appliedRound1 + 4 + 3}`);
    expect(((await (await fetch(`${ops}/docs`)).json()) as { openapi: string }).openapi).toBe('3.0.3');
    expect(lines.every((l) => l.service === 'analytics-subscriber' && typeof l.time === 'string')).toBe(true);
    expect(await readStatistics(pool, SCHEMA)).toEqual(statsAfterJoins);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['consuming', 'shutting down', 'stopped']));
  });

  it('prints the statistics table', async () => {
    const output = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = spawn(process.execPath, [BIN, 'stats'], { env: { ...process.env, DATABASE_URL: db.url, ANALYTICS_SCHEMA: SCHEMA, KAFKA_BROKERS: '' } });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      child.on('exit', (code) => resolve({ code, stdout }));
    });
    expect(output.code).toBe(0);
    expect(output.stdout).toContain('SKP completion');
    expect(output.stdout).toMatch(/^ {2}DINKES +2026 +3 +2 +66\.7$/m);
    expect(output.stdout).toMatch(/^ {2}DISDIK +2026 +4 +2 +50\.0$/m);
    expect(output.stdout).toMatch(/^ {2}DINKES +2026 +DINKES:2026:ANNUAL +ANNUAL +2 +0 +2 +0 +0 +0$/m);
    expect(output.stdout).toContain(`events applied: ${appliedRound1 + 4}, messages rejected: 2`);
  });

  it('refuses a bad configuration, naming every variable, with exit code 1', async () => {
    const output = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [BIN], { env: { PATH: process.env.PATH, KAFKA_BROKERS: 'kafka', ANALYTICS_SCHEMA: 'Bad-Schema' } });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      child.on('exit', (code) => resolve({ code, stderr }));
    });
    expect(output.code).toBe(1);
    const line = JSON.parse(output.stderr.trim().split('\n').pop()!);
    expect(line).toMatchObject({ level: 'fatal', service: 'analytics-subscriber' });
    expect(line.problems).toEqual([
      'KAFKA_BROKERS: every entry must be host:port, got "kafka"',
      'DATABASE_URL: missing (required), e.g. postgres://user:password@127.0.0.1:5432/analytics',
      'ANALYTICS_SCHEMA: must be a lower-case identifier (a-z, 0-9, _; not starting with a digit; at most 63), got "Bad-Schema"',
    ]);
  });
});

