import { invalid, tanggalPanjang } from '@kinerja/domain';
import { addMonths, isLocalDate, LocalDate, monthDayOf, yearOf } from '../local-date';
import { PerformanceRecordState } from '../performance-record/performance-record.decider';
import { AnnualPredicate } from '../performance-record/performance-record.events';
import { PredikatPegawai } from '../predikat';
import { atLeast, RuleSet } from '../rule-sets/rule-set';

export const ELIGIBILITY_RULES = ['KENAIKAN_PANGKAT', 'KGB_PPPK', 'KENAIKAN_GAJI_ISTIMEWA_PPPK', 'PENGHARGAAN'] as const;
export type EligibilityRule = (typeof ELIGIBILITY_RULES)[number];

export type PerformanceYears = Readonly<Record<number, AnnualPredicate>>;

/** One rule applied to one employee: the answer, why not, and the facts it rests on. */
export interface Eligibility {
  rule: EligibilityRule;
  nip: string;
  /** The KP period date, or the date the rule was applied on. */
  asOf: LocalDate;
  eligible: boolean;
  /** Bahasa Indonesia, empty when eligible. */
  unmet: string[];
  /** Bahasa Indonesia: each condition that holds, with the fact it rests on (why someone is in). */
  met: string[];
  /** Event ids of every fact read: predicates, rank, pegawai teladan nomination. */
  factIds: string[];
  /**
   * Years read whose predicate is set but not final (a keberatan may still change it). HR may
   * propose on them; a decision resting on one is re-evaluated if it changes.
   */
  provisionalYears: number[];
  ruleSetVersion: string;
}

const label: Record<PredikatPegawai, string> = {
  SANGAT_BAIK: 'Sangat Baik',
  BAIK: 'Baik',
  BUTUH_PERBAIKAN: 'Butuh Perbaikan',
  KURANG_MISCONDUCT: 'Kurang/Misconduct',
  SANGAT_KURANG: 'Sangat Kurang',
};

/** The `count` full years before `asOf`'s year ("2 tahun terakhir": KP April 2023 reads 2021 and 2022). */
export const lookbackYears = (asOf: LocalDate, count: number) => Array.from({ length: count }, (_, i) => yearOf(asOf) - count + i);

function checkYears(
  years: PerformanceYears,
  asOf: LocalDate,
  count: number,
  holds: (p: PredikatPegawai) => boolean,
  wanted: string,
): { unmet: string[]; met: string[]; factIds: string[]; provisionalYears: number[] } {
  const unmet: string[] = [];
  const met: string[] = [];
  const factIds: string[] = [];
  const provisionalYears: number[] = [];
  for (const year of lookbackYears(asOf, count)) {
    const fact = years[year];
    if (fact === undefined) {
      unmet.push(`Predikat tahun ${year} belum ada`);
      continue;
    }
    factIds.push(fact.factId);
    // Read models written before `final` existed lack it: those years were final.
    if (fact.final === false) provisionalYears.push(year);
    if (!holds(fact.predicate)) unmet.push(`Predikat tahun ${year} ${label[fact.predicate]}, disyaratkan ${wanted}`);
    else met.push(`Predikat tahun ${year} ${label[fact.predicate]}${fact.final === false ? ' (belum final)' : ''}`);
  }
  return { unmet, met, factIds, provisionalYears };
}

function requireDate(date: unknown, field: string): LocalDate {
  if (!isLocalDate(date)) throw invalid('INVALID_DATE', 'Tanggal harus berformat YYYY-MM-DD', field);
  return date;
}

/** The KP period dates of a year (1 April and 1 October by default). */
export const kenaikanPangkatPeriods = (ruleSet: RuleSet, year: number): LocalDate[] =>
  ruleSet.kenaikanPangkat.periods.map((md) => `${String(year).padStart(4, '0')}-${md}`);

/**
 * Kenaikan pangkat (docs/regulations.md §5.2): at least Baik in each of the last two years, and at least two
 * years in the current rank on the period date (the anniversary itself counts).
 */
export function kenaikanPangkat(
  employee: { nip: string; years: PerformanceYears; rankSince: LocalDate; rankFactId: string | null },
  periodDate: LocalDate,
  ruleSet: RuleSet,
): Eligibility {
  requireDate(periodDate, 'period');
  requireDate(employee.rankSince, 'rankSince');
  const rule = ruleSet.kenaikanPangkat;
  if (!rule.periods.includes(monthDayOf(periodDate)))
    throw invalid('NOT_A_KP_PERIOD', `Periode kenaikan pangkat hanya ${rule.periods.join(' dan ')} (BB-HH)`, 'period');
  const { unmet, met, factIds, provisionalYears } = checkYears(employee.years, periodDate, rule.lookbackYears, (p) => atLeast(ruleSet, p, rule.minPredicate), `paling rendah ${label[rule.minPredicate]}`);
  const eligibleFrom = addMonths(employee.rankSince, Math.round(rule.minYearsInRank * 12));
  if (eligibleFrom > periodDate) unmet.push(`Masa kerja dalam pangkat belum ${rule.minYearsInRank} tahun (baru terpenuhi ${tanggalPanjang(eligibleFrom)})`);
  else met.push(`Masa kerja dalam pangkat ${rule.minYearsInRank} tahun terpenuhi ${tanggalPanjang(eligibleFrom)} (TMT pangkat ${tanggalPanjang(employee.rankSince)})`);
  if (employee.rankFactId !== null) factIds.push(employee.rankFactId);
  return { rule: 'KENAIKAN_PANGKAT', nip: employee.nip, asOf: periodDate, eligible: unmet.length === 0, unmet, met, factIds, provisionalYears, ruleSetVersion: ruleSet.version };
}

/** KGB PPPK (PermenPANRB 7/2023, docs/regulations.md §5.2): annual predicate at least Baik in the last two years. */
export function kgbPppk(employee: { nip: string; years: PerformanceYears; isPppk: boolean }, asOf: LocalDate, ruleSet: RuleSet): Eligibility {
  requireDate(asOf, 'asOf');
  const rule = ruleSet.kgbPppk;
  const { unmet, met, factIds, provisionalYears } = checkYears(employee.years, asOf, rule.lookbackYears, (p) => atLeast(ruleSet, p, rule.minPredicate), `paling rendah ${label[rule.minPredicate]}`);
  if (!employee.isPppk) unmet.unshift('Hanya untuk PPPK');
  else met.unshift('PPPK');
  return { rule: 'KGB_PPPK', nip: employee.nip, asOf, eligible: unmet.length === 0, unmet, met, factIds, provisionalYears, ruleSetVersion: ruleSet.version };
}

/** Kenaikan gaji istimewa PPPK: Sangat Baik two years running and named pegawai teladan. */
export function kenaikanGajiIstimewaPppk(
  employee: { nip: string; years: PerformanceYears; isPppk: boolean; pegawaiTeladanFactId: string | null },
  asOf: LocalDate,
  ruleSet: RuleSet,
): Eligibility {
  requireDate(asOf, 'asOf');
  const rule = ruleSet.kenaikanGajiIstimewaPppk;
  const { unmet, met, factIds, provisionalYears } = checkYears(employee.years, asOf, rule.consecutiveYears, (p) => p === rule.predicate, label[rule.predicate]);
  if (!employee.isPppk) unmet.unshift('Hanya untuk PPPK');
  else met.unshift('PPPK');
  if (rule.requiresPegawaiTeladan) {
    if (employee.pegawaiTeladanFactId === null) unmet.push('Belum ditetapkan sebagai pegawai teladan');
    else {
      met.push('Ditetapkan sebagai pegawai teladan');
      factIds.push(employee.pegawaiTeladanFactId);
    }
  }
  return { rule: 'KENAIKAN_GAJI_ISTIMEWA_PPPK', nip: employee.nip, asOf, eligible: unmet.length === 0, unmet, met, factIds, provisionalYears, ruleSetVersion: ruleSet.version };
}

/** Award (penghargaan) and pegawai teladan candidates: Sangat Baik in the last year(s). */
export function awardCandidate(employee: { nip: string; years: PerformanceYears }, asOf: LocalDate, ruleSet: RuleSet): Eligibility {
  requireDate(asOf, 'asOf');
  const rule = ruleSet.award;
  const { unmet, met, factIds, provisionalYears } = checkYears(employee.years, asOf, rule.lookbackYears, (p) => p === rule.predicate, label[rule.predicate]);
  return { rule: 'PENGHARGAAN', nip: employee.nip, asOf, eligible: unmet.length === 0, unmet, met, factIds, provisionalYears, ruleSetVersion: ruleSet.version };
}

/** The facts an employee's eligibility is computed from, gathered at the edge. */
export interface EmployeeFacts {
  nip: string;
  years: PerformanceYears;
  rankSince: LocalDate | null;
  rankFactId: string | null;
  isPppk: boolean;
  pegawaiTeladanFactId: string | null;
  /** Year → fact id of a pegawai teladan naming; one within the consecutive years counts when no fact id is given. */
  teladanByYear?: Readonly<Record<number, string>>;
}

/** Applies one rule; for KENAIKAN_PANGKAT without a known rank date the employee is not eligible. */
/** An employee's facts for the rules, from their performance record. */
export function employeeFactsOf(nip: string, state: Pick<PerformanceRecordState, 'byYear' | 'employment'> & { teladanByYear?: PerformanceRecordState['teladanByYear'] }): EmployeeFacts {
  return {
    nip,
    years: state.byYear,
    rankSince: state.employment?.rankSince ?? null,
    rankFactId: state.employment?.factId ?? null,
    isPppk: state.employment?.employmentKind === 'PPPK',
    pegawaiTeladanFactId: null,
    teladanByYear: state.teladanByYear ?? {},
  };
}

export function applyRule(rule: EligibilityRule, facts: EmployeeFacts, asOf: LocalDate, ruleSet: RuleSet): Eligibility {
  switch (rule) {
    case 'KENAIKAN_PANGKAT':
      if (facts.rankSince === null)
        return { rule, nip: facts.nip, asOf, eligible: false, unmet: ['TMT pangkat terakhir belum tercatat'], met: [], factIds: [], provisionalYears: [], ruleSetVersion: ruleSet.version };
      return kenaikanPangkat({ ...facts, rankSince: facts.rankSince }, asOf, ruleSet);
    case 'KGB_PPPK':
      return kgbPppk(facts, asOf, ruleSet);
    case 'KENAIKAN_GAJI_ISTIMEWA_PPPK': {
      const named = lookbackYears(asOf, ruleSet.kenaikanGajiIstimewaPppk.consecutiveYears)
        .map((year) => facts.teladanByYear?.[year])
        .filter((id): id is string => id !== undefined);
      return kenaikanGajiIstimewaPppk({ ...facts, pegawaiTeladanFactId: facts.pegawaiTeladanFactId ?? named[named.length - 1] ?? null }, asOf, ruleSet);
    }
    case 'PENGHARGAAN':
      return awardCandidate(facts, asOf, ruleSet);
    default: {
      const unreachable: never = rule;
      return unreachable;
    }
  }
}

/** An eligibility list for one agency and period: who is eligible, who is not and why. */
export function eligibilityList(rule: EligibilityRule, employees: readonly EmployeeFacts[], asOf: LocalDate, ruleSet: RuleSet): Eligibility[] {
  return employees.map((e) => applyRule(rule, e, asOf, ruleSet)).sort((a, b) => Number(b.eligible) - Number(a.eligible) || a.nip.localeCompare(b.nip));
}
