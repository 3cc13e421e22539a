/**
 * Career-decisions benchmark (issue 7 "done when"): the time to recompute eligibility for
 * BENCH_EMPLOYEES (20,000) employees,
 *   1. in process: every rule over the folded performance records (pure functions only);
 *   2. through the eligibility-list query of the service (read model → rule set → list), agency by
 *      agency (BENCH_AGENCY_SIZE, 500, per agency), as `GET /agencies/:id/eligibility` runs it.
 * The read model is seeded with SQL (the rows the projection would write) so the run measures the
 * recomputation, not the seeding.
 * Run: `npm run bench -- career`, or with DATABASE_URL set:
 * SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register services/career-decisions/bench/career.bench.ts
 */
import 'reflect-metadata';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createDataSource } from '@kinerja/projections';
import { createTestDatabase } from '@kinerja/testing';
import { CareerConfig } from '../src/config';
import { ELIGIBILITY_RULES, eligibilityList, EmployeeFacts } from '../src/eligibility/eligibility.rules';
import { GetEligibilityListQuery } from '../src/eligibility/get-eligibility-list.query';
import { CreateCareerTables1764400000000 } from '../src/migrations/1764400000000-create-career-tables';
import { CreateTalentTables1764500000000 } from '../src/migrations/1764500000000-create-talent-tables';
import { AddPegawaiTeladan1764600000000 } from '../src/migrations/1764600000000-add-pegawai-teladan';
import { EmployeeRecordView } from '../src/performance-record/get-employee-record/employee-record.entity';
import { GetEmployeeRecordQuery } from '../src/performance-record/get-employee-record/get-employee-record.query';
import { RuleSetLookups } from '../src/rule-sets/rule-set-lookups';
import { PredikatPegawai } from '../src/predikat';
import { DEFAULT_RULE_SETS, RULE_SET_2022_1 } from '../src/rule-sets/default-rule-set';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const log = (line: string) => process.stderr.write(`[career bench] ${line}\n`);
const EMPLOYEES = env('BENCH_EMPLOYEES', 20_000);
const AGENCY_SIZE = env('BENCH_AGENCY_SIZE', 500);
const PREDICATES: PredikatPegawai[] = ['SANGAT_BAIK', 'BAIK', 'BAIK', 'BAIK', 'BUTUH_PERBAIKAN', 'KURANG_MISCONDUCT'];
const nipOf = (n: number) => `1990010120150${String(n).padStart(5, '0')}`;
const agencyOf = (n: number) => `OPD-${String(Math.floor(n / AGENCY_SIZE)).padStart(3, '0')}`;

function employee(n: number): { facts: EmployeeFacts; agencyId: string } {
  const nip = nipOf(n);
  const years: Record<number, EmployeeFacts['years'][number]> = {};
  for (const year of [2021, 2022]) {
    const predicate = PREDICATES[(n * 7 + year) % PREDICATES.length];
    years[year] = { year, predicate, factId: `pf-${nip}-${year}`, source: 'EVALUATION', legacyScore: null, final: true };
  }
  const rankSince = `20${String(19 + (n % 4)).padStart(2, '0')}-04-0${1 + (n % 3)}`;
  return {
    agencyId: agencyOf(n),
    facts: { nip, years, rankSince, rankFactId: `rank:${nip}`, isPppk: n % 5 === 0, pegawaiTeladanFactId: n % 50 === 0 ? `teladan-${nip}` : null },
  };
}

async function main(): Promise<void> {
  const employees = Array.from({ length: EMPLOYEES }, (_, n) => employee(n));
  const cpu = process.cpuUsage();

  let started = performance.now();
  let eligible = 0;
  for (const rule of ELIGIBILITY_RULES)
    eligible += eligibilityList(rule, employees.map((e) => e.facts), rule === 'KENAIKAN_PANGKAT' ? '2023-04-01' : '2023-03-01', RULE_SET_2022_1).filter((e) => e.eligible).length;
  const pure = performance.now() - started;
  log(`in process: ${ELIGIBILITY_RULES.length} rules × ${EMPLOYEES} employees in ${pure.toFixed(0)} ms (${((EMPLOYEES * ELIGIBILITY_RULES.length) / (pure / 1000)).toFixed(0)} results/s; ${eligible} eligible)`);

  const db = await createTestDatabase('career_bench');
  const dataSource = await createDataSource({
    url: db.url,
    schema: 'career_decisions',
    entities: [EmployeeRecordView],
    migrations: [CreateCareerTables1764400000000, CreateTalentTables1764500000000, AddPegawaiTeladan1764600000000],
  });
  try {
    for (let i = 0; i < employees.length; i += 1000) {
      const batch = employees.slice(i, i + 1000);
      await dataSource.getRepository(EmployeeRecordView).insert(
        batch.map((e) => ({
          nip: e.facts.nip,
          agencyId: e.agencyId,
          employment: { agencyId: e.agencyId, employmentKind: e.facts.isPppk ? 'PPPK' : 'PNS', golongan: 'III/b', rankSince: e.facts.rankSince!, factId: e.facts.rankFactId! },
          years: e.facts.years as never,
          teladan: {},
        })),
      );
    }
    const ruleSets = new RuleSetLookups({ ruleSets: DEFAULT_RULE_SETS } as unknown as CareerConfig);
    const query = new GetEligibilityListQuery(new GetEmployeeRecordQuery(dataSource), ruleSets, dataSource);
    const agencies = [...new Set(employees.map((e) => e.agencyId))];
    const latencies: number[] = [];
    let listed = 0;
    started = performance.now();
    for (const agencyId of agencies) {
      const t = performance.now();
      listed += (await query.run(agencyId, 'KENAIKAN_PANGKAT', '2023-04-01')).employees.length;
      latencies.push(performance.now() - t);
    }
    const total = performance.now() - started;
    latencies.sort((a, b) => a - b);
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(1);
    log(`through the query: KENAIKAN_PANGKAT for ${listed} employees in ${agencies.length} agencies in ${total.toFixed(0)} ms; per agency of ${AGENCY_SIZE} p50 ${pct(50)} ms, p95 ${pct(95)} ms`);
    const used = process.cpuUsage(cpu);
    log(`process CPU ${((used.user + used.system) / 1000).toFixed(0)} ms, load average ${loadavg().map((l: number) => l.toFixed(2)).join(' ')}`);
  } finally {
    await dataSource.destroy();
    await db.drop();
  }
}

main().catch((error) => {
  log(`failed: ${(error as Error).stack ?? error}`);
  process.exit(1);
});
