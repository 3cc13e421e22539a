import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { LocalIssuer } from '@kinerja/platform';
import { createTestDatabase, describeWithKafka, TestDatabase } from '@kinerja/testing';
import { CityApi, inParallel } from './demo/http';
import { openInboundStream } from './demo/inbound';
import { Predicate, runCityScenario, SCENARIO_START, ScenarioOutcome } from './demo/scenario';
import { launchSystem, RunningSystem, SYSTEM_SERVICES, SystemService } from './demo/system';
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

interface CityState {
  /** Read-model tables of every service: row counts. */
  tables: Record<string, number>;
  /** evaluation: NIP → 2026 annual predicate and status. */
  predicates: Record<string, { predicate: Predicate; status: string }>;
  /** evaluation: unit → counts per predicate and whether it was finalised. */
  curves: Record<string, unknown>;
  /** career-decisions: NIP → 2026 predicate in the performance record. */
  records: Record<string, string | null>;
  decisions: { decisionId: string; kind: string; nip: string; status: string }[];
  eligibility: Record<string, { nip: string; eligible: boolean }[]>;
  complaints: unknown;
  ikm: Record<string, unknown>;
  skpCompletion: Record<string, unknown>;
  /** Issue 19: a desk officer's figures per period, the computed realisation of the bound IKI, the annual suggestion's basis for it. */
  service: Record<string, unknown>;
}

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

async function readState(api: CityApi, db: TestDatabase, outcome: ScenarioOutcome): Promise<CityState> {
  const everyone = outcome.city.agencies.flatMap((a) => a.employees.map((e) => ({ a, e })));
  const state: CityState = { tables: {}, predicates: {}, curves: {}, records: {}, decisions: [], eligibility: {}, complaints: null, ikm: {}, skpCompletion: {}, service: {} };
  await inParallel(everyone, 6, async ({ e }) => {
    const history = await api.get('evaluation', `/employees/${e.nip}/evaluation-history`, AUDITOR);
    const year = history.years.find((y: { year: number }) => y.year === outcome.year);
    const annual = year?.evaluations.find((x: { periodId: string }) => x.periodId.endsWith(':ANNUAL'));
    state.predicates[e.nip] = { predicate: annual?.predicate, status: annual?.status };
    const record = await api.get('career-decisions', `/employees/${e.nip}/performance-record`, AUDITOR);
    state.records[e.nip] = record.years?.[String(outcome.year)]?.predicate ?? null;
  });
  for (const a of outcome.city.agencies) {
    const period = `${a.agencyId}:${outcome.year}:ANNUAL`;
    for (const u of a.units) {
      const curve = await api.get('evaluation', `/periods/${period}/units/${encodeURIComponent(u.unitId)}/curve`, AUDITOR);
      const counts: Record<string, number> = {};
      for (const x of curve.employees as { predicate: string | null }[]) if (x.predicate) counts[x.predicate] = (counts[x.predicate] ?? 0) + 1;
      const finalization = Object.fromEntries(Object.entries(curve.finalization ?? {}).filter(([k]) => !/At$/.test(k)));
      state.curves[u.unitId] = { organisationPredicate: curve.organisationPredicate, counts, check: curve.check, finalized: curve.finalized, finalization };
    }
    const decisions = await api.get('career-decisions', `/agencies/${a.agencyId}/decisions`, AUDITOR);
    for (const d of decisions.decisions ?? decisions) state.decisions.push({ decisionId: d.decisionId, kind: d.kind, nip: d.nip, status: d.status });
    const list = await api.get('career-decisions', `/agencies/${a.agencyId}/eligibility?rule=KENAIKAN_PANGKAT&asOf=${outcome.year + 1}-04-01`, AUDITOR);
    state.eligibility[a.agencyId] = list.employees.map((x: { nip: string; eligible: boolean }) => ({ nip: x.nip, eligible: x.eligible }));
    state.skpCompletion[a.agencyId] = await api.get('work-planning', `/agencies/${a.agencyId}/skp-completion?year=${outcome.year}`, AUDITOR);
    for (const u of a.units.filter((x) => x.servesCitizens)) state.ikm[u.unitId] = await api.get('feedback-intake', `/public/ikm/${encodeURIComponent(u.unitId)}/${outcome.year}-S1`, null);
  }
  for (const o of outcome.serviceRecords.officers) {
    const figures: Record<string, unknown> = {};
    for (const periodId of Object.keys(o.expected)) {
      const f = await api.get('feedback-intake', `/employees/${o.nip}/service-figures?periodId=${periodId}`, AUDITOR);
      const r = await api.get('work-planning', `/skps/${o.nip}-${outcome.year}-01-01/realisations?periodId=${periodId}`, AUDITOR);
      const computed = r.realisations.find((x: { ikiId: string }) => x.ikiId === 'I2');
      figures[periodId] = { services: f.services, computed: computed && { value: computed.value, computed: computed.computed && { ...computed.computed, computedAt: undefined } } };
    }
    const rater = outcome.city.agencies.flatMap((a) => a.employees).find((e) => e.nip === o.nip)!.atasanNip;
    const a = outcome.city.agencies.find((x) => x.agencyId === o.desk.agencyId)!;
    const context = await api.get('evaluation', `/periods/${a.agencyId}:${outcome.year}:ANNUAL/employees/${o.nip}/evaluation-context`, { role: 'SUPERVISOR', sub: rater, agencyId: a.agencyId });
    const unit = await api.get('feedback-intake', `/units/${encodeURIComponent(o.desk.unitId)}/service-figures?periodId=${outcome.year}`, AUDITOR);
    state.service[o.nip] = {
      figures,
      suggested: context.suggestion?.basis?.indicators?.find((i: { indicatorId: string }) => i.indicatorId === 'I2') ?? null,
      inUnit: unit.officers.find((x: { officerNip: string }) => x.officerNip === o.nip)?.services ?? null,
    };
  }
  state.decisions.sort((x, y) => x.decisionId.localeCompare(y.decisionId));
  state.complaints = await api.get('feedback-intake', '/complaints/statistics', CITY_ADMIN);
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ schema: string; table: string }>(
      `SELECT table_schema AS schema, table_name AS table FROM information_schema.tables
        WHERE table_type = 'BASE TABLE' AND table_schema IN ('work_planning', 'feedback_intake', 'evaluation', 'career_decisions')
          AND table_name NOT IN ('migrations', 'typeorm_metadata') AND table_name NOT LIKE '%checkpoint%' AND table_name NOT LIKE '%inbox%'
        ORDER BY 1, 2`,
    );
    for (const { schema, table } of rows) {
      const { rows: count } = await client.query(`SELECT count(*)::int AS n FROM "${schema}"."${table}"`);
      state.tables[`${schema}.${table}`] = count[0].n;
    }
  } finally {
    await client.end();
  }
  return state;
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

/** The state without instants (`...At`), which differ by milliseconds between two runs. */
function withoutTimes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutTimes);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).filter(([k]) => !/At$/.test(k)).map(([k, v]) => [k, withoutTimes(v)]));
  return value;
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
