import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { LocalIssuer } from '@kinerja/platform';
import { createTestDatabase, describeWithKafka, TestDatabase } from '@kinerja/testing';
import { CityApi } from './demo/http';
import { openInboundStream } from './demo/inbound';
import { runCityScenario, SCENARIO_START, ScenarioOutcome } from './demo/scenario';
import { launchSystem, RunningSystem, SYSTEM_SERVICES, SystemService } from './demo/system';
import { CityState, readState, withoutTimes } from './demo/city-state';
import { rebuildService } from './rebuild';

/**
 * Issue 8 §2: the four services as separate processes play the demo city's year (small) twice —
 * on the embedded default (PostgreSQL log) and on Kafka with the PostgreSQL event store. Both runs
 * end in the same read-model state, and it is the state the scenario implies.
 */
const EMPLOYEES = 60;
const SEED = 11;
const AUDITOR = { role: 'AUDITOR' as const, sub: 'inspektorat.e2e' };
const CITY_ADMIN = { role: 'ADMIN_CITY' as const, sub: 'bkpsdm.e2e' };

type Inspect = (api: CityApi, outcome: ScenarioOutcome, db: TestDatabase) => Promise<void>;

/** A service killed (SIGKILL) as the scenario enters a phase: the launcher restarts it, the demo retries and waits. */
interface Kill {
  service: SystemService;
  phase: RegExp;
}

// The year takes minutes, and many more on a busy machine. Every wait in the scenario gives up when
// its answer stops changing, and the services are watched for crashes; this only backs them up.
jest.setTimeout(90 * 60_000);

async function playTheYear(
  db: TestDatabase,
  transport: 'pg-log' | 'kafka',
  options: { brokers?: string[]; inspect?: Inspect; kill?: Kill } = {},
): Promise<{ outcome: ScenarioOutcome; state: CityState; system: RunningSystem }> {
  const { brokers, inspect, kill } = options;
  const keyDir = await mkdtemp(join(tmpdir(), 'kinerja-city-e2e-'));
  const lines: string[] = [];
  const topicPrefix = transport === 'kafka' ? `e2e${Date.now().toString(36)}.` : '';
  const system = await launchSystem({
    databaseUrl: db.url,
    transport,
    kafkaBrokers: brokers?.join(','),
    topicPrefix,
    keyDir,
    clockStart: SCENARIO_START,
    // Other test files share the PostgreSQL server (100 connections) while this one runs.
    env: { DB_POOL_SIZE: '2', AUDIT_ANCHOR_DIR: join(keyDir, 'anchors') },
    output: (service, line) => {
      if (/"level":(50|60|"error"|"fatal")|\[supervisor\]/.test(line)) lines.push(`${service} | ${line}`);
    },
  });
  try {
    const api = new CityApi(system.urls, await LocalIssuer.open(keyDir));
    let killed = false;
    const log = (line: string) => {
      if (!kill || killed || !kill.phase.test(line)) return;
      killed = true;
      process.kill(system.pid(kill.service)!, 'SIGKILL');
    };
    // The Disdukcapil's system streams its completed applications on feedback-intake's inbound topic.
    const inbound = openInboundStream({ transport, databaseUrl: db.url, kafkaBrokers: brokers?.join(','), topicPrefix });
    const outcome = await runCityScenario(api, { employees: EMPLOYEES, seed: SEED, concurrency: 6, log, inbound })
      .catch((error: Error) => {
        throw new Error(`${error.message}\nservice errors:\n${lines.slice(0, 5).join('\n').slice(0, 4000)}`);
      })
      .finally(() => inbound.close());
    const state = await readState(api, db, outcome);
    await inspect?.(api, outcome, db);
    // No service crashed or logged an error along the way; the one killed came back once, and the demo carried on.
    const restarted = kill ? new RegExp(`^${kill.service} \\| \\[supervisor\\] exited \\(SIGKILL\\)`) : null;
    expect(lines.filter((l) => !/terminating connection/.test(l) && !restarted?.test(l))).toEqual([]);
    for (const service of SYSTEM_SERVICES) expect(system.restarts(service)).toBe(service === kill?.service ? 1 : 0);
    if (kill) expect(api.retried).toBeGreaterThan(0);
    return { outcome, state, system };
  } finally {
    await system.stop();
    await rm(keyDir, { recursive: true, force: true });
  }
}

function expectWhatTheScenarioImplies(outcome: ScenarioOutcome, state: CityState): void {
  expect(Object.keys(state.tables).length).toBeGreaterThan(20);
  const nips = Object.keys(outcome.predicates);
  expect(nips.length).toBeGreaterThanOrEqual(EMPLOYEES - 5);
  // Every employee's final annual predicate is the one the scenario's ratings imply.
  expect(Object.fromEntries(nips.map((n) => [n, state.predicates[n]?.predicate]))).toEqual(outcome.predicates);
  expect(new Set(Object.values(state.predicates).map((p) => p.status))).toEqual(new Set(['FINALIZED']));
  // The spread the scenario was built for: SANGAT_BAIK, BAIK and BUTUH_PERBAIKAN all occur.
  expect(new Set(Object.values(outcome.predicates))).toEqual(new Set(['SANGAT_BAIK', 'BAIK', 'BUTUH_PERBAIKAN']));
  // career-decisions' performance record followed evaluation, including the changed predicate.
  expect(state.records).toEqual(outcome.predicates);
  expect(outcome.objection).toMatchObject({ before: 'BAIK', after: 'BUTUH_PERBAIKAN' });
  // The kenaikan pangkat resting on the objected predicate is revoked; the others stay issued.
  const byId = new Map(state.decisions.map((d) => [d.decisionId, d]));
  expect(byId.get(outcome.objection.revokedDecisionId)).toMatchObject({ nip: outcome.objection.nip, kind: 'KENAIKAN_PANGKAT', status: 'REVOKED' });
  const issued = outcome.issuedDecisions.filter((id) => id !== outcome.objection.revokedDecisionId);
  expect(issued.length).toBeGreaterThanOrEqual(3);
  for (const id of issued) expect(byId.get(id)?.status).toBe('ISSUED');
  const eligibility = Object.values(state.eligibility).flat();
  expect(eligibility.find((x) => x.nip === outcome.objection.nip)?.eligible).toBe(false);
  // Curve counts per unit add up to the employees of the unit and their predicates.
  for (const a of outcome.city.agencies)
    for (const u of a.units) {
      const expected: Record<string, number> = {};
      for (const e of a.employees.filter((x) => x.unitId === u.unitId)) expected[outcome.predicates[e.nip]] = (expected[outcome.predicates[e.nip]] ?? 0) + 1;
      expect(state.curves[u.unitId]).toMatchObject({ counts: expected, finalized: true });
    }
  // SKP completion counts each agency's own people only (the Sekda is in the Sekretariat Daerah, not in every agency).
  for (const a of outcome.city.agencies) expect(state.skpCompletion[a.agencyId]).toMatchObject({ employees: a.employees.length });
  // Issue 19: each desk officer's "% permohonan KTP-el selesai dalam standar waktu" is computed from
  // the records streamed on the inbound topic, per semester and for the year; the rating suggestion
  // rests on it; the unit's figures count them; the record of an unknown officer was reported back.
  const officers = outcome.serviceRecords.officers;
  expect(officers.length).toBeGreaterThan(0);
  expect(officers.map((o) => o.desk.serviceCode)).toContain('KTP-EL');
  expect(outcome.serviceRecords.rejected).toBe(new Set(officers.map((o) => o.desk.agencyId)).size);
  for (const o of officers) {
    const service = state.service[o.nip] as { figures: Record<string, { services: unknown; computed: unknown }>; suggested: unknown; inUnit: unknown };
    for (const [periodId, f] of Object.entries(o.expected)) {
      expect(service.figures[periodId].services).toEqual([expect.objectContaining({ serviceCode: o.desk.serviceCode, count: f.count, withinStandard: f.withinStandard, percentWithinStandard: f.percent })]);
      expect(service.figures[periodId].computed).toMatchObject({ value: f.percent, computed: { recordCount: f.count, source: { kind: 'SERVICE_STANDARD', serviceCode: o.desk.serviceCode, measure: 'PERCENT_WITHIN_STANDARD' } } });
    }
    const year = o.expected[String(outcome.year)];
    expect(service.suggested).toMatchObject({ indicatorId: 'I2', achievement: Math.round((year.percent / 90) * 10_000) / 10_000 });
    expect(service.inUnit).toEqual([expect.objectContaining({ count: year.count, withinStandard: year.withinStandard })]);
  }
  // Complaints: the ones left open breached their SLA, the others were resolved.
  const complaints = state.complaints as { received: number; resolved: number; slaBreached: number }[];
  expect(complaints.reduce((n, r) => n + r.received, 0)).toBe(outcome.complaints.filed);
  expect(complaints.reduce((n, r) => n + r.resolved, 0)).toBe(outcome.complaints.resolved);
  expect(complaints.reduce((n, r) => n + r.slaBreached, 0)).toBe(outcome.complaints.leftToBreach);
}

/** Issue 8 §3 on the demo city: the auditor's view over HTTP, and a tampered event detected. */
const auditTheCity: Inspect = async (api, outcome, db) => {
  for (const service of SYSTEM_SERVICES) {
    const digest = await api.get(service, '/audit/verify', AUDITOR);
    expect(digest).toMatchObject({ service, ok: true, breaks: [] });
    expect(digest.events).toBeGreaterThan(10);
  }
  await expect(api.get('evaluation', '/audit/verify', CITY_ADMIN)).rejects.toMatchObject({ status: 403 });
  const history = await api.get('evaluation', `/audit/employees/${outcome.objection.nip}/history`, AUDITOR);
  const types = history.events.map((e: { type: string }) => e.type);
  expect(types).toEqual(expect.arrayContaining(['PredicateSet', 'ObjectionFiled', 'ObjectionDecided', 'PredicateFinalized']));
  const career = await api.get('career-decisions', `/audit/employees/${outcome.objection.nip}/history`, AUDITOR);
  expect(career.events.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['DecisionIssued', 'DecisionRevoked']));

  const sql = new Client({ connectionString: db.url });
  await sql.connect();
  try {
    const { rows } = await sql.query(
      `SELECT position, stream, data FROM evaluation_events.events
        WHERE position = (SELECT min(position) FROM evaluation_events.events WHERE type = 'PredicateSet' AND stream LIKE $1)`,
      [`%${outcome.objection.nip}`],
    );
    expect(rows).toHaveLength(1);
    await sql.query(`UPDATE evaluation_events.events SET data = jsonb_set(data, '{predicate}', '"SANGAT_BAIK"') WHERE position = $1`, [rows[0].position]);
    const tampered = await api.get('evaluation', '/audit/verify', AUDITOR);
    expect(tampered.ok).toBe(false);
    expect(tampered.breaks.map((b: { stream: string }) => b.stream)).toEqual([rows[0].stream]);
    expect((await api.get('work-planning', '/audit/verify', AUDITOR)).ok).toBe(true);
    // Put back as it was, the chain verifies again.
    await sql.query(`UPDATE evaluation_events.events SET data = $2 WHERE position = $1`, [rows[0].position, rows[0].data]);
    expect((await api.get('evaluation', '/audit/verify', AUDITOR)).ok).toBe(true);
  } finally {
    await sql.end();
  }
};

describeWithKafka('the demo city, end to end, on the PostgreSQL log and on Kafka', (brokers) => {
  const dbs: TestDatabase[] = [];
  let pgLog: { outcome: ScenarioOutcome; state: CityState };

  afterAll(async () => {
    for (const db of dbs) await db.drop();
  });

  it('plays the year on the embedded default (PostgreSQL log) through a restart of feedback-intake, ends in the state the scenario implies, and the auditor finds a tampered event', async () => {
    const db = await createTestDatabase('city_pglog');
    dbs.push(db);
    // Killed as continuous feedback begins: the demo retries while it restarts and waits until it has caught up on the SKPs.
    pgLog = await playTheYear(db, 'pg-log', { inspect: auditTheCity, kill: { service: 'feedback-intake', phase: /^2026: continuous feedback .*\.\.\.$/ } });
    expectWhatTheScenarioImplies(pgLog.outcome, pgLog.state);
    // kinerja rebuild <service>: every read model rebuilt from the events equals the live one.
    for (const service of SYSTEM_SERVICES) {
      const report = await rebuildService(service, db.url);
      expect(report.events).toBeGreaterThan(10);
      expect(Object.values(report.tables).filter((t) => !t.equal)).toEqual([]);
      expect(report).toMatchObject({ ok: true, unknownReadModels: [] });
    }
  });

  it('plays it again on Kafka with the PostgreSQL event store and ends in the same read-model state', async () => {
    expect(pgLog).toBeDefined();
    const db = await createTestDatabase('city_kafka');
    dbs.push(db);
    const kafka = await playTheYear(db, 'kafka', { brokers });
    expectWhatTheScenarioImplies(kafka.outcome, kafka.state);
    expect(withoutTimes(kafka.state)).toEqual(withoutTimes(pgLog.state));
  });
});
