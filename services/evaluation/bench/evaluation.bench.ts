/**
 * Evaluation benchmark (issue 6 "done when"):
 *   1. finalising the annual predicates of BENCH_EMPLOYEES (20,000) employees whose keberatan window
 *      ended: the scheduler's pass from the open-window read model, events/s;
 *   2. the curve check latency (Monitoring Kurva) of a BENCH_AGENCY_SIZE (500) person agency: the
 *      whole-agency view from the local organisation copy and the read models, p50/p95.
 * Run: `npm run bench -- evaluation`, or with DATABASE_URL set:
 * SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register services/evaluation/bench/evaluation.bench.ts
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { createPostgresEventStore } from '@kinerja/event-store';
import { createDataSource, ProjectionRunner } from '@kinerja/projections';
import { Commands, createLogger, fixedClock, ReadYourWrites } from '@kinerja/platform';
import { createTestDatabase } from '@kinerja/testing';
import { fold, inParallel } from '@kinerja/domain';
import { EvaluationConfig } from '../src/config';
import { evaluationDecider, evaluationIdOf, evaluationStream, SubmitEvaluation } from '../src/evaluations/evaluation.decider';
import { EvaluationView } from '../src/evaluations/get-evaluation/evaluation-view.entity';
import { OpenObjectionWindow } from '../src/evaluations/get-open-objection-windows/open-objection-window.entity';
import { RecordedFactsView } from '../src/evaluations/get-recorded-facts/recorded-facts.entity';
import { GetOpenObjectionWindowsQuery } from '../src/evaluations/get-open-objection-windows/get-open-objection-windows.query';
import { ObjectionWindowScheduler } from '../src/evaluations/objection-window.reactor';
import { CreateEvaluationTables1764200000000 } from '../src/migrations/1764200000000-create-evaluation-tables';
import { CreateConsumedFacts1764300000000 } from '../src/migrations/1764300000000-create-consumed-facts';
import { CreateRecordedFactsAndCurveEntries1764800000000 } from '../src/migrations/1764800000000-create-recorded-facts-and-curve-entries';
import { OrgExternalParents1765100000000 } from '../src/migrations/1765100000000-org-external-parents';
import { CreateOrgVersion1765500000000 } from '../src/migrations/1765500000000-create-org-version';
import { OrganisationFact } from '../src/organisation/organisation-facts';
import { OrganisationDirectory } from '../src/organisation/organisation.service';
import { EvaluationPeriod } from '../src/periods/evaluation-calendar.events';
import { PeriodView } from '../src/periods/get-periods/period-view.entity';
import { READ_MODELS } from '../src/read-models';
import { RULE_SET_2022_1 } from '../src/rule-sets/default-rule-set';
import { Rating } from '../src/rule-sets/rule-set';
import { CurveEntryView } from '../src/unit-evaluations/get-curve/curve-entry.entity';
import { GetCurveQuery } from '../src/unit-evaluations/get-curve/get-curve.query';
import { GetUnitEvaluationQuery } from '../src/unit-evaluations/get-unit-evaluation/get-unit-evaluation.query';
import { UnitEvaluationView } from '../src/unit-evaluations/get-unit-evaluation/unit-evaluation-view.entity';
import { unitEvaluationIdOf, unitEvaluationStream } from '../src/unit-evaluations/unit-evaluation.decider';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const log = (line: string) => process.stderr.write(`[evaluation bench] ${line}\n`);
const EMPLOYEES = env('BENCH_EMPLOYEES', 20_000);
const AGENCY_SIZE = env('BENCH_AGENCY_SIZE', 500);
const CURVE_RUNS = env('BENCH_CURVE_RUNS', 50);
const RATINGS: Rating[] = ['DI_ATAS', 'SESUAI', 'SESUAI', 'SESUAI', 'DI_BAWAH'];

const period = (agencyId: string): EvaluationPeriod => ({
  periodId: `${agencyId}:2026:ANNUAL`,
  code: 'ANNUAL',
  kind: 'ANNUAL',
  name: 'Tahunan 2026',
  startDate: '2026-01-01',
  endDate: '2026-12-31',
  fillDeadline: '2027-01-10',
});
const nipOf = (n: number) => `1990010120150${String(n).padStart(5, '0')}`;
const unitOf = (n: number, perUnit: number) => `U-${String(Math.floor(n / perUnit)).padStart(3, '0')}`;

async function main(): Promise<void> {
  const db = await createTestDatabase('eval_bench');
  const store = await createPostgresEventStore({ connectionString: db.url, schema: 'evaluation_events' });
  const dataSource = await createDataSource({
    url: db.url,
    schema: 'evaluation',
    entities: [PeriodView, EvaluationView, RecordedFactsView, UnitEvaluationView, CurveEntryView, OpenObjectionWindow],
    migrations: [CreateEvaluationTables1764200000000, CreateConsumedFacts1764300000000, CreateRecordedFactsAndCurveEntries1764800000000, OrgExternalParents1765100000000, CreateOrgVersion1765500000000],
    poolSize: 20,
  });
  const runner = new ProjectionRunner({ dataSource, store, readModels: READ_MODELS });
  try {
    const rate = async (agencyId: string, n: number, unitId: string) => {
      const p = period(agencyId);
      const employeeId = nipOf(n);
      const evaluationId = evaluationIdOf(p.periodId, employeeId);
      const command: SubmitEvaluation = {
        type: 'SubmitEvaluation',
        data: { evaluationId, ratingHasil: RATINGS[n % 5], ratingPerilaku: RATINGS[(n * 7) % 5], justification: 'Sesuai bukti kinerja.' },
        lookups: { employeeId, unitId, period: p, pejabatPenilaiId: 'penilai', ledUnit: null, facts: null, unitFinalized: false, ruleSet: RULE_SET_2022_1, timeZone: 'Asia/Jakarta' },
        metadata: { now: new Date('2027-01-05T03:00:00Z'), actor: { id: 'penilai', role: 'EMPLOYEE' } },
      };
      const events = evaluationDecider.decide(command, fold(evaluationDecider, []));
      await store.append(evaluationStream(evaluationId), events.map((e) => ({ type: e.type, data: e.data, metadata: { actorId: 'penilai' } })), { expected: 'no_stream' });
    };

    // 1. The annual predicates of EMPLOYEES employees, their windows ended.
    let t = performance.now();
    await inParallel(Array.from({ length: EMPLOYEES }, (_, i) => i), 16, (n) => rate('CITY', n, unitOf(n, 40)));
    log(`seeded ${EMPLOYEES} rated evaluations in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    t = performance.now();
    await runner.catchUp();
    log(`read models caught up in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const scheduler = new ObjectionWindowScheduler(new Commands(store, fixedClock('2027-02-01T00:00:00Z'), new ReadYourWrites(runner)), new GetOpenObjectionWindowsQuery(dataSource), createLogger({ service: 'bench', level: 'silent' }), {
      SCHEDULER_INTERVAL_MS: 60_000,
      SCHEDULER_ENABLED: false,
    } as EvaluationConfig);
    t = performance.now();
    const finalized = await scheduler.tick();
    const finalizeSeconds = (performance.now() - t) / 1000;
    if (finalized !== EMPLOYEES) throw new Error(`finalised ${finalized}, expected ${EMPLOYEES}`);
    t = performance.now();
    const again = await scheduler.tick();
    const idleSeconds = (performance.now() - t) / 1000;
    log(`finalised ${finalized} predicates in ${finalizeSeconds.toFixed(1)} s (${Math.round(finalized / finalizeSeconds)}/s); a second pass finalised ${again} in ${idleSeconds.toFixed(2)} s (read model not yet caught up)`);

    // 2. Monitoring Kurva of an agency of AGENCY_SIZE people in units of 20.
    const agencyId = 'BENCH500';
    const perUnit = 20;
    const units = Math.ceil(AGENCY_SIZE / perUnit);
    const facts: OrganisationFact[] = [
      { type: 'UnitCreated', data: { agencyId, unitId: 'U-ROOT', name: 'Dinas', parentUnitId: null } },
      { type: 'PositionCreated', data: { agencyId, positionId: 'P-ROOT', name: 'Kepala', unitId: 'U-ROOT', parentPositionId: null, establishedOn: '2020-01-01' } },
      { type: 'PositionAssigned', data: { agencyId, assignmentId: 'A-ROOT', nip: nipOf(99_999), positionId: 'P-ROOT', type: 'DEFINITIVE', from: '2020-01-01', to: null } },
    ];
    for (let u = 0; u < units; u++) {
      const unitId = `U-${String(u).padStart(3, '0')}`;
      facts.push({ type: 'UnitCreated', data: { agencyId, unitId, name: `Bidang ${u}`, parentUnitId: 'U-ROOT' } });
    }
    for (let n = 0; n < AGENCY_SIZE; n++) {
      const unitId = unitOf(n, perUnit);
      const head = n % perUnit === 0;
      const positionId = `P-${n}`;
      facts.push({
        type: 'PositionCreated',
        data: { agencyId, positionId, name: positionId, unitId, parentPositionId: head ? 'P-ROOT' : `P-${n - (n % perUnit)}`, establishedOn: '2020-01-01' },
      });
      facts.push({ type: 'PositionAssigned', data: { agencyId, assignmentId: `A-${n}`, nip: nipOf(n), positionId, type: 'DEFINITIVE', from: '2020-01-01', to: null } });
    }
    const directory = new OrganisationDirectory(dataSource);
    await directory.apply(facts);
    await inParallel(Array.from({ length: AGENCY_SIZE }, (_, i) => i), 16, (n) => rate(agencyId, n, unitOf(n, perUnit)));
    const p = period(agencyId);
    for (let u = 0; u < units; u++) {
      const unitId = `U-${String(u).padStart(3, '0')}`;
      const unitEvaluationId = unitEvaluationIdOf(p.periodId, unitId);
      await store.append(unitEvaluationStream(unitEvaluationId), [
        {
          type: 'OrganisationPredicateSet',
          data: { unitEvaluationId, unitId, periodId: p.periodId, predicate: 'BAIK', previousPredicate: null, basis: null, setBy: nipOf(99_999), setAt: '2027-01-05T03:00:00.000Z' },
        },
      ]);
    }
    await runner.catchUp();
    const curve = new GetCurveQuery(dataSource, new GetUnitEvaluationQuery(dataSource));
    const samples: number[] = [];
    let failing = 0;
    for (let i = 0; i < CURVE_RUNS; i++) {
      t = performance.now();
      const chart = await directory.chartOf(agencyId, '2026-12-31');
      const result = await curve.agency(p, agencyId, chart, RULE_SET_2022_1);
      samples.push(performance.now() - t);
      failing = result.summary.unitsFailing;
      if (result.summary.employees !== AGENCY_SIZE + 1) throw new Error(`curve saw ${result.summary.employees} employees`);
    }
    samples.sort((a, b) => a - b);
    const pct = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
    log(`Monitoring Kurva of a ${AGENCY_SIZE}-person agency (${units} units, ${failing} failing): p50 ${pct(0.5).toFixed(1)} ms, p95 ${pct(0.95).toFixed(1)} ms over ${CURVE_RUNS} runs`);
    process.stdout.write(
      JSON.stringify({
        bench: 'evaluation',
        finalize: { employees: EMPLOYEES, seconds: Number(finalizeSeconds.toFixed(2)), perSecond: Math.round(EMPLOYEES / finalizeSeconds) },
        curve: { agencySize: AGENCY_SIZE, units, p50Ms: Number(pct(0.5).toFixed(1)), p95Ms: Number(pct(0.95).toFixed(1)), runs: CURVE_RUNS },
      }) + '\n',
    );
  } finally {
    await dataSource.destroy();
    await store.close();
    await db.drop();
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
