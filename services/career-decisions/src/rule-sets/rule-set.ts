import { invalid, notFound } from '@kinerja/domain';
import { isLocalDate, LocalDate } from '../local-date';
import { DisciplinaryLevel, isPredikatPegawai, PREDIKAT_PEGAWAI, PredikatPegawai } from '../predikat';

export const PERFORMANCE_LEVELS = ['DI_ATAS', 'SESUAI', 'DI_BAWAH'] as const;
/** Kinerja axis of the 9-box: di atas / sesuai / di bawah ekspektasi. */
export type PerformanceLevel = (typeof PERFORMANCE_LEVELS)[number];
export const POTENTIAL_LEVELS = ['TINGGI', 'MENENGAH', 'RENDAH'] as const;
export type PotentialLevel = (typeof POTENTIAL_LEVELS)[number];

export const DEVELOPMENT_ACTIONS = ['COACHING', 'TARGETED_TRAINING', 'MENTORING', 'COMPETENCY_DEVELOPMENT', 'IMPROVEMENT_PLAN', 'ENRICHMENT'] as const;
export type DevelopmentAction = (typeof DEVELOPMENT_ACTIONS)[number];

/** One PP 30/2019 numeric band; bands are tried in order and the first that holds wins. */
export interface LegacyBand {
  label: string;
  min: number | null;
  minInclusive: boolean;
  max: number | null;
  maxInclusive: boolean;
  /** Sangat Baik also needs new ideas or methods that benefit the organisation. */
  requiresInnovation: boolean;
  predicate: PredikatPegawai;
}

export interface PotentialCutOffs {
  tinggiFrom: number;
  menengahFrom: number;
}

export interface RuleSet {
  version: string;
  effectiveFrom: LocalDate;
  description: string;
  /** Best first; "at least X" means X or anything before it. */
  predicateOrder: readonly PredikatPegawai[];
  legacyImport: { lastYear: number; scoreMin: number; scoreMax: number; bands: readonly LegacyBand[] };
  kenaikanPangkat: { minPredicate: PredikatPegawai; lookbackYears: number; minYearsInRank: number; periods: readonly string[] };
  kgbPppk: { minPredicate: PredikatPegawai; lookbackYears: number };
  kenaikanGajiIstimewaPppk: { predicate: PredikatPegawai; consecutiveYears: number; requiresPegawaiTeladan: boolean };
  award: { predicate: PredikatPegawai; lookbackYears: number };
  development: {
    minJpPerYear: number;
    minutesPerJp: number;
    /** `MM-DD`: from this day on, a year below the minimum raises the shortfall alert. */
    shortfallAlertFrom: string;
    byPredicate: Readonly<Record<PredikatPegawai, readonly DevelopmentAction[]>>;
    /** For each BerAKHLAK core value whose feedback says Butuh Perbaikan. */
    coreValueNeedingImprovement: readonly DevelopmentAction[];
    /**
     * Mentoring as development (issue 19): the share of a session's time credited toward the yearly
     * JP minimum, for the mentee and for the mentor (0: not counted), and the longest relation. [U]
     */
    mentoring: { menteeCreditPercent: number; mentorCreditPercent: number; maxRelationMonths: number };
  };
  underPerformance: {
    triggerPredicates: readonly PredikatPegawai[];
    improvementWindowMonths: number;
    maxTemporaryPlacementMonths: number;
  };
  talent: {
    lookbackYears: number;
    performanceScoreByPredicate: Readonly<Record<PredikatPegawai, number>>;
    /** The mean score of the lookback years is compared with these. */
    performance: { diAtasFrom: number; sesuaiFrom: number };
    potential: { default: PotentialCutOffs; byAgency: Readonly<Record<string, PotentialCutOffs>> };
    boxes: Readonly<Record<PerformanceLevel, Readonly<Record<PotentialLevel, number>>>>;
    recommendations: Readonly<Record<string, { kategori: string; rekomendasi: readonly string[] }>>;
    poolBoxes: readonly number[];
    poolExcludingPenalties: readonly DisciplinaryLevel[];
    penaltyLookbackYears: number;
  };
}

const isNumber = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);
const isWhole = (n: unknown, min = 0): n is number => Number.isInteger(n) && (n as number) >= min;
const isMonthDay = (v: unknown) => typeof v === 'string' && /^\d{2}-\d{2}$/.test(v) && isLocalDate(`2024-${v}`);

/** Every problem with a rule set; rule sets arrive as data, so nothing is assumed. */
export function validateRuleSet(ruleSet: RuleSet): string[] {
  const issues: string[] = [];
  const r = ruleSet as any;
  const fail = (path: string, problem: string) => issues.push(`${path}: ${problem}`);
  if (typeof r?.version !== 'string' || r.version.trim() === '') fail('version', 'missing');
  if (!isLocalDate(r?.effectiveFrom)) fail('effectiveFrom', 'not a YYYY-MM-DD date');
  const order = r?.predicateOrder;
  if (!Array.isArray(order) || order.length !== PREDIKAT_PEGAWAI.length || !PREDIKAT_PEGAWAI.every((p) => order.includes(p)))
    fail('predicateOrder', 'must list every predicate once');

  const legacy = r?.legacyImport;
  if (!isWhole(legacy?.lastYear, 1900)) fail('legacyImport.lastYear', 'must be a year');
  if (!isNumber(legacy?.scoreMin) || !isNumber(legacy?.scoreMax) || legacy.scoreMin >= legacy.scoreMax)
    fail('legacyImport', 'needs scoreMin < scoreMax');
  if (!Array.isArray(legacy?.bands) || legacy.bands.length === 0) fail('legacyImport.bands', 'must not be empty');
  else
    legacy.bands.forEach((b: any, i: number) => {
      if (!isPredikatPegawai(b?.predicate)) fail(`legacyImport.bands[${i}].predicate`, 'unknown predicate');
      if (b?.min !== null && !isNumber(b?.min)) fail(`legacyImport.bands[${i}].min`, 'number or null');
      if (b?.max !== null && !isNumber(b?.max)) fail(`legacyImport.bands[${i}].max`, 'number or null');
    });

  for (const [path, rule] of [
    ['kenaikanPangkat', r?.kenaikanPangkat],
    ['kgbPppk', r?.kgbPppk],
  ] as const) {
    if (!isPredikatPegawai(rule?.minPredicate)) fail(`${path}.minPredicate`, 'unknown predicate');
    if (!isWhole(rule?.lookbackYears, 1)) fail(`${path}.lookbackYears`, 'must be >= 1');
  }
  if (!isNumber(r?.kenaikanPangkat?.minYearsInRank) || r.kenaikanPangkat.minYearsInRank < 0) fail('kenaikanPangkat.minYearsInRank', 'must be >= 0');
  if (!Array.isArray(r?.kenaikanPangkat?.periods) || r.kenaikanPangkat.periods.length === 0 || !r.kenaikanPangkat.periods.every(isMonthDay))
    fail('kenaikanPangkat.periods', 'must list MM-DD dates');
  if (!isPredikatPegawai(r?.kenaikanGajiIstimewaPppk?.predicate)) fail('kenaikanGajiIstimewaPppk.predicate', 'unknown predicate');
  if (!isWhole(r?.kenaikanGajiIstimewaPppk?.consecutiveYears, 1)) fail('kenaikanGajiIstimewaPppk.consecutiveYears', 'must be >= 1');
  if (!isPredikatPegawai(r?.award?.predicate)) fail('award.predicate', 'unknown predicate');
  if (!isWhole(r?.award?.lookbackYears, 1)) fail('award.lookbackYears', 'must be >= 1');

  const dev = r?.development;
  if (!isNumber(dev?.minJpPerYear) || dev.minJpPerYear < 0) fail('development.minJpPerYear', 'must be >= 0');
  if (!isWhole(dev?.minutesPerJp, 1)) fail('development.minutesPerJp', 'must be >= 1');
  if (!isMonthDay(dev?.shortfallAlertFrom)) fail('development.shortfallAlertFrom', 'must be MM-DD');
  for (const p of PREDIKAT_PEGAWAI)
    if (!Array.isArray(dev?.byPredicate?.[p]) || !dev.byPredicate[p].every((a: any) => DEVELOPMENT_ACTIONS.includes(a)))
      fail(`development.byPredicate.${p}`, 'must list development actions');
  if (!Array.isArray(dev?.coreValueNeedingImprovement)) fail('development.coreValueNeedingImprovement', 'must list development actions');
  for (const share of ['menteeCreditPercent', 'mentorCreditPercent'] as const)
    if (!isNumber(dev?.mentoring?.[share]) || dev.mentoring[share] < 0 || dev.mentoring[share] > 100) fail(`development.mentoring.${share}`, 'must be 0..100');
  if (!isWhole(dev?.mentoring?.maxRelationMonths, 1)) fail('development.mentoring.maxRelationMonths', 'must be >= 1');

  const under = r?.underPerformance;
  if (!Array.isArray(under?.triggerPredicates) || !under.triggerPredicates.every(isPredikatPegawai)) fail('underPerformance.triggerPredicates', 'must list predicates');
  if (!isWhole(under?.improvementWindowMonths, 1)) fail('underPerformance.improvementWindowMonths', 'must be >= 1');
  if (!isWhole(under?.maxTemporaryPlacementMonths, 1)) fail('underPerformance.maxTemporaryPlacementMonths', 'must be >= 1');

  const talent = r?.talent;
  if (!isWhole(talent?.lookbackYears, 1)) fail('talent.lookbackYears', 'must be >= 1');
  for (const p of PREDIKAT_PEGAWAI) if (!isNumber(talent?.performanceScoreByPredicate?.[p])) fail(`talent.performanceScoreByPredicate.${p}`, 'missing');
  if (!isNumber(talent?.performance?.diAtasFrom) || !isNumber(talent?.performance?.sesuaiFrom) || talent.performance.sesuaiFrom > talent.performance.diAtasFrom)
    fail('talent.performance', 'needs sesuaiFrom <= diAtasFrom');
  const cutOffs = [['default', talent?.potential?.default], ...Object.entries(talent?.potential?.byAgency ?? {})];
  for (const [name, c] of cutOffs as [string, any][])
    if (!isNumber(c?.tinggiFrom) || !isNumber(c?.menengahFrom) || c.menengahFrom > c.tinggiFrom) fail(`talent.potential.${name}`, 'needs menengahFrom <= tinggiFrom');
  const boxes = new Set<number>();
  for (const k of PERFORMANCE_LEVELS)
    for (const p of POTENTIAL_LEVELS) {
      const box = talent?.boxes?.[k]?.[p];
      if (!isWhole(box, 1) || box > 9) fail(`talent.boxes.${k}.${p}`, 'must be 1..9');
      else boxes.add(box);
    }
  if (boxes.size !== 9) fail('talent.boxes', 'must number the nine boxes once each');
  for (let box = 1; box <= 9; box++)
    if (!Array.isArray(talent?.recommendations?.[String(box)]?.rekomendasi)) fail(`talent.recommendations.${box}`, 'missing');
  if (!Array.isArray(talent?.poolBoxes)) fail('talent.poolBoxes', 'must list boxes');
  if (!isWhole(talent?.penaltyLookbackYears, 0)) fail('talent.penaltyLookbackYears', 'must be >= 0');
  return issues;
}

/** For boot: a registry with any problem stops the service (STYLE §10). */
export function assertValidRuleSetRegistry(ruleSets: readonly RuleSet[]): readonly RuleSet[] {
  const issues = ruleSets.flatMap((r) => validateRuleSet(r).map((i) => `${r.version}.${i}`));
  const versions = ruleSets.map((r) => r.version);
  if (new Set(versions).size !== versions.length) issues.push('duplicate version');
  if (ruleSets.length === 0) issues.push('no rule set');
  if (issues.length > 0) throw invalid('RULE_SET_REGISTRY_INVALID', `Daftar aturan karier tidak valid: ${issues.join('; ')}`);
  return ruleSets;
}

/** The version in force on a date: the latest whose effectiveFrom is not after it. */
export function ruleSetInForce(ruleSets: readonly RuleSet[], date: LocalDate): RuleSet {
  let chosen: RuleSet | undefined;
  for (const r of ruleSets) if (r.effectiveFrom <= date && (chosen === undefined || r.effectiveFrom > chosen.effectiveFrom)) chosen = r;
  if (chosen === undefined) throw notFound('RULE_SET_NOT_IN_FORCE', `Tidak ada versi aturan karier yang berlaku pada ${date}`);
  return chosen;
}

/** True when `predicate` is `minimum` or better in the rule set's order. */
export function atLeast(ruleSet: RuleSet, predicate: PredikatPegawai, minimum: PredikatPegawai): boolean {
  return ruleSet.predicateOrder.indexOf(predicate) <= ruleSet.predicateOrder.indexOf(minimum);
}
