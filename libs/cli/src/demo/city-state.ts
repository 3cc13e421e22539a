import { Client } from 'pg';
import { inParallel } from '@kinerja/domain';
import type { TestDatabase } from '@kinerja/testing';
import { CityApi } from './http';
import { Predicate, ScenarioOutcome } from './scenario';

const AUDITOR = { role: 'AUDITOR' as const, sub: 'inspektorat.e2e' };
const CITY_ADMIN = { role: 'ADMIN_CITY' as const, sub: 'bkpsdm.e2e' };

/** What the city end-to-end runs compare: the read models as the APIs show them, and each table's row count. */
export interface CityState {
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

/** The city's read-model state after a scenario, over HTTP (as AUDITOR and ADMIN_CITY) and by counting rows. */
export async function readState(api: CityApi, db: TestDatabase, outcome: ScenarioOutcome): Promise<CityState> {
  const everyone = outcome.city.agencies.flatMap((a) => a.employees.map((e) => ({ a, e })));
  const state: CityState = { tables: {}, predicates: {}, curves: {}, records: {}, decisions: [], eligibility: {}, complaints: null, ikm: {}, skpCompletion: {}, service: {} };
  await inParallel(everyone, 6, async ({ e }) => {
    const history = await api.get('evaluation', `/employees/${e.nip}/evaluation-history`, AUDITOR);
    const year = history.years.find((y: { year: number }) => y.year === outcome.year);
    const annual = year?.evaluations.find((x: { periodId: string }) => x.periodId.endsWith(':ANNUAL'));
    state.predicates[e.nip] = { predicate: annual?.predicate, status: annual?.status };
    // career-decisions learns the predicate from evaluation's events (on Kafka, each partition at its
    // own pace): read once it has arrived, or fail naming the record that never followed.
    const predicateOf = (r: { years?: Record<string, { predicate?: string }> }) => r.years?.[String(outcome.year)]?.predicate ?? null;
    const record = await api.eventually(
      () => api.get('career-decisions', `/employees/${e.nip}/performance-record`, AUDITOR),
      (r) => predicateOf(r) === (annual?.predicate ?? null),
      `the performance record of ${e.nip} to follow evaluation's predicate ${annual?.predicate ?? null}`,
    );
    state.records[e.nip] = predicateOf(record);
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
    // Not compared: bookkeeping whose rows depend on how messages were batched into transactions
    // (checkpoints, inboxes, evaluation's org_change: a row per transaction that changed an agency).
    const { rows } = await client.query<{ schema: string; table: string }>(
      `SELECT table_schema AS schema, table_name AS table FROM information_schema.tables
        WHERE table_type = 'BASE TABLE' AND table_schema IN ('work_planning', 'feedback_intake', 'evaluation', 'career_decisions')
          AND table_name NOT IN ('migrations', 'typeorm_metadata', 'org_change') AND table_name NOT LIKE '%checkpoint%' AND table_name NOT LIKE '%inbox%'
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

export /** The state without instants (`...At`), which differ by milliseconds between two runs. */
function withoutTimes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutTimes);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).filter(([k]) => !/At$/.test(k)).map(([k, v]) => [k, withoutTimes(v)]));
  return value;
}
