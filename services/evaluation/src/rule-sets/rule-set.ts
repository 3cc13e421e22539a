import { invalid, notFound } from '@kinerja/domain';
import { isValidTimeZone, isLocalDate, LocalDate } from '../local-date';

// The regulation's vocabulary lives once, in libs/contracts.
import { PREDIKAT_ORGANISASI, PREDIKAT_PEGAWAI, PredikatOrganisasi, PredikatPegawai, Rating, RATINGS } from '@kinerja/contracts';

export { PREDIKAT_ORGANISASI, PREDIKAT_PEGAWAI, RATINGS };
export type { PredikatOrganisasi, PredikatPegawai, Rating };

export const CADENCES = ['MONTHLY', 'QUARTERLY', 'SEMESTER'] as const;
export type Cadence = (typeof CADENCES)[number];

export const ROUNDINGS = ['FLOOR', 'CEIL', 'ROUND_HALF_UP', 'EXACT'] as const;
/** How a share of a unit becomes a number of people; EXACT compares the share itself. */
export type Rounding = (typeof ROUNDINGS)[number];

export const ENFORCEMENTS = ['WARN', 'BLOCK'] as const;
export type CurveEnforcement = (typeof ENFORCEMENTS)[number];

export const EXPLANATION_PARTIES = ['PEJABAT_PENILAI', 'PEGAWAI'] as const;
export type ExplanationParty = (typeof EXPLANATION_PARTIES)[number];

export const isRating = (v: unknown): v is Rating => RATINGS.includes(v as Rating);
export const isPredikatPegawai = (v: unknown): v is PredikatPegawai => PREDIKAT_PEGAWAI.includes(v as PredikatPegawai);
export const isPredikatOrganisasi = (v: unknown): v is PredikatOrganisasi =>
  PREDIKAT_ORGANISASI.includes(v as PredikatOrganisasi);
export const isCadence = (v: unknown): v is Cadence => CADENCES.includes(v as Cadence);

/** One requirement on the distribution of a unit's employee predicates. `label` is shown to users. */
export type CurveCondition =
  | { id: string; kind: 'MAX_SHARE'; predicates: readonly PredikatPegawai[]; share: number; label: string }
  | { id: string; kind: 'MIN_SHARE'; predicates: readonly PredikatPegawai[]; share: number; label: string }
  | { id: string; kind: 'MIN_COUNT'; predicates: readonly PredikatPegawai[]; count: number; label: string }
  | { id: string; kind: 'MAX_COUNT'; predicates: readonly PredikatPegawai[]; count: number; label: string }
  /** The group is at least as large as (ties ALLOWED) or larger than (ties NOT_ALLOWED) every other predicate. */
  | { id: string; kind: 'MODAL'; predicates: readonly PredikatPegawai[]; ties: 'ALLOWED' | 'NOT_ALLOWED'; label: string };

export interface FillDeadlineRule {
  /** The fill deadline (batas pengisian) is this day of the month after the period ends. */
  dayOfFollowingMonth: number;
}

export interface RuleSet {
  version: string;
  /** First local calendar date on which this version is in force. */
  effectiveFrom: LocalDate;
  description: string;
  /** [hasil][perilaku] → predikat. */
  predicateMatrix: Readonly<Record<Rating, Readonly<Record<Rating, PredikatPegawai>>>>;
  leaderRule: {
    /** When the evaluated employee leads the unit, rating hasil := this mapping of the unit's organisation predicate. */
    ratingHasilByOrganisationPredicate: Readonly<Record<PredikatOrganisasi, Rating>>;
  };
  suggestion: {
    hasil: {
      /** Each indicator's achievement ratio is capped here before the mean is taken. */
      perIndicatorCap: number;
      diAtasFromMean: number;
      sesuaiFromMean: number;
    };
    perilaku: {
      minFeedback: number;
      diAtasFromPositiveShare: number;
      diBawahFromNegativeShare: number;
      /**
       * Whether citizens' ratings (1–4) of the employee count as feedback (docs/regulations.md §3,
       * a local decision [U]): from `positiveFromRating` up positive, up to `negativeUpToRating`
       * negative. Absent: shown in the evaluation context, not counted.
       */
      citizenRatings?: { positiveFromRating: number; negativeUpToRating: number };
    };
  };
  curve: {
    byOrganisationPredicate: Readonly<Record<PredikatOrganisasi, readonly CurveCondition[]>>;
    enforcement: CurveEnforcement;
    rounding: { maxShare: Rounding; minShare: Rounding };
    appliesToPeriodic: boolean;
  };
  objection: {
    windowDays: number;
    /** Calendar days are counted in the city's time zone, which must be one of these. */
    allowedTimeZones: readonly string[];
    explanationsRequiredBeforeDecision: readonly ExplanationParty[];
    /**
     * Calendar days from filing within which the atasan should decide; absent: no deadline.
     * PP 30/2019 Pasal 59 sets none (docs/regulations.md §4.5): a city's own rule [U].
     */
    decisionDays?: number;
  };
  periods: {
    allowedCadences: readonly Cadence[];
    fillDeadline: { periodic: FillDeadlineRule; annual: FillDeadlineRule };
    lateSubmission: 'ALLOW_MARKED' | 'REFUSE';
  };
}

export interface RuleSetIssue {
  path: string;
  problem: string;
}

const inUnit = (n: unknown) => typeof n === 'number' && Number.isFinite(n) && n >= 0 && n <= 1;
const isCount = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 0;
const isPositive = (n: unknown) => typeof n === 'number' && Number.isFinite(n) && n > 0;

/** Every problem with a rule set; empty when it can be used. Rule sets arrive as data, so nothing is assumed. */
export function validateRuleSet(ruleSet: RuleSet): RuleSetIssue[] {
  const issues: RuleSetIssue[] = [];
  const fail = (path: string, problem: string) => issues.push({ path, problem });
  const r = ruleSet as any;

  if (typeof r?.version !== 'string' || r.version.trim() === '') fail('version', 'missing');
  if (!isLocalDate(r?.effectiveFrom)) fail('effectiveFrom', 'not a YYYY-MM-DD date');

  for (const hasil of RATINGS) {
    for (const perilaku of RATINGS) {
      const cell = r?.predicateMatrix?.[hasil]?.[perilaku];
      if (cell === undefined) fail(`predicateMatrix.${hasil}.${perilaku}`, 'missing');
      else if (!isPredikatPegawai(cell)) fail(`predicateMatrix.${hasil}.${perilaku}`, `unknown predicate ${String(cell)}`);
    }
  }

  for (const org of PREDIKAT_ORGANISASI) {
    const rating = r?.leaderRule?.ratingHasilByOrganisationPredicate?.[org];
    if (!isRating(rating)) fail(`leaderRule.ratingHasilByOrganisationPredicate.${org}`, 'missing or not a rating');
  }

  const hasil = r?.suggestion?.hasil;
  if (!isPositive(hasil?.perIndicatorCap)) fail('suggestion.hasil.perIndicatorCap', 'must be > 0');
  if (!isPositive(hasil?.sesuaiFromMean) || !isPositive(hasil?.diAtasFromMean) || hasil.sesuaiFromMean > hasil.diAtasFromMean)
    fail('suggestion.hasil', 'needs 0 < sesuaiFromMean <= diAtasFromMean');
  const perilaku = r?.suggestion?.perilaku;
  if (!isCount(perilaku?.minFeedback)) fail('suggestion.perilaku.minFeedback', 'must be a whole number >= 0');
  if (!inUnit(perilaku?.diAtasFromPositiveShare)) fail('suggestion.perilaku.diAtasFromPositiveShare', 'must be in [0,1]');
  if (!inUnit(perilaku?.diBawahFromNegativeShare)) fail('suggestion.perilaku.diBawahFromNegativeShare', 'must be in [0,1]');
  const citizen = perilaku?.citizenRatings;
  if (citizen !== undefined) {
    const isScale = (n: unknown) => Number.isInteger(n) && (n as number) >= 1 && (n as number) <= 4;
    if (!isScale(citizen?.positiveFromRating) || !isScale(citizen?.negativeUpToRating) || citizen.negativeUpToRating >= citizen.positiveFromRating)
      fail('suggestion.perilaku.citizenRatings', 'needs whole ratings 1 <= negativeUpToRating < positiveFromRating <= 4');
  }

  const curve = r?.curve;
  if (!ENFORCEMENTS.includes(curve?.enforcement)) fail('curve.enforcement', 'must be WARN or BLOCK');
  if (!ROUNDINGS.includes(curve?.rounding?.maxShare)) fail('curve.rounding.maxShare', `must be one of ${ROUNDINGS.join(', ')}`);
  if (!ROUNDINGS.includes(curve?.rounding?.minShare)) fail('curve.rounding.minShare', `must be one of ${ROUNDINGS.join(', ')}`);
  if (typeof curve?.appliesToPeriodic !== 'boolean') fail('curve.appliesToPeriodic', 'must be true or false');
  const ids = new Set<string>();
  for (const org of PREDIKAT_ORGANISASI) {
    const conditions = curve?.byOrganisationPredicate?.[org];
    if (!Array.isArray(conditions)) {
      fail(`curve.byOrganisationPredicate.${org}`, 'missing (use [] for no condition)');
      continue;
    }
    conditions.forEach((c: any, i: number) => {
      const path = `curve.byOrganisationPredicate.${org}[${i}]`;
      if (typeof c?.id !== 'string' || c.id === '') fail(`${path}.id`, 'missing');
      else if (ids.has(c.id)) fail(`${path}.id`, `duplicate id ${c.id}`);
      else ids.add(c.id);
      if (typeof c?.label !== 'string' || c.label === '') fail(`${path}.label`, 'missing');
      if (!Array.isArray(c?.predicates) || c.predicates.length === 0 || !c.predicates.every(isPredikatPegawai))
        fail(`${path}.predicates`, 'must be a non-empty list of employee predicates');
      switch (c?.kind) {
        case 'MAX_SHARE':
        case 'MIN_SHARE':
          if (!inUnit(c.share)) fail(`${path}.share`, 'must be in [0,1]');
          break;
        case 'MIN_COUNT':
        case 'MAX_COUNT':
          if (!isCount(c.count)) fail(`${path}.count`, 'must be a whole number >= 0');
          break;
        case 'MODAL':
          if (c.ties !== 'ALLOWED' && c.ties !== 'NOT_ALLOWED') fail(`${path}.ties`, 'must be ALLOWED or NOT_ALLOWED');
          break;
        default:
          fail(`${path}.kind`, `unknown kind ${String(c?.kind)}`);
      }
    });
  }

  const objection = r?.objection;
  if (!isCount(objection?.windowDays) || objection.windowDays < 1) fail('objection.windowDays', 'must be a whole number >= 1');
  if (objection?.decisionDays !== undefined && (!isCount(objection.decisionDays) || objection.decisionDays < 1)) fail('objection.decisionDays', 'must be a whole number >= 1');
  if (!Array.isArray(objection?.allowedTimeZones) || objection.allowedTimeZones.length === 0)
    fail('objection.allowedTimeZones', 'must list at least one time zone');
  else
    for (const zone of objection.allowedTimeZones)
      if (!isValidTimeZone(zone)) fail('objection.allowedTimeZones', `unknown time zone ${String(zone)}`);
  if (
    !Array.isArray(objection?.explanationsRequiredBeforeDecision) ||
    !objection.explanationsRequiredBeforeDecision.every((p: unknown) => EXPLANATION_PARTIES.includes(p as ExplanationParty))
  )
    fail('objection.explanationsRequiredBeforeDecision', 'must list PEJABAT_PENILAI and/or PEGAWAI');

  const periods = r?.periods;
  if (!Array.isArray(periods?.allowedCadences) || periods.allowedCadences.length === 0 || !periods.allowedCadences.every(isCadence))
    fail('periods.allowedCadences', `must list some of ${CADENCES.join(', ')}`);
  for (const kind of ['periodic', 'annual'] as const) {
    const day = periods?.fillDeadline?.[kind]?.dayOfFollowingMonth;
    if (!isCount(day) || day < 1 || day > 28) fail(`periods.fillDeadline.${kind}.dayOfFollowingMonth`, 'must be 1..28');
  }
  if (periods?.lateSubmission !== 'ALLOW_MARKED' && periods?.lateSubmission !== 'REFUSE')
    fail('periods.lateSubmission', 'must be ALLOW_MARKED or REFUSE');

  return issues;
}

export function assertValidRuleSet(ruleSet: RuleSet): RuleSet {
  const issues = validateRuleSet(ruleSet);
  if (issues.length > 0)
    throw invalid(
      'RULE_SET_INVALID',
      `Aturan versi ${String((ruleSet as any)?.version)} tidak valid: ${issues.map((i) => `${i.path} (${i.problem})`).join('; ')}`,
      issues[0].path,
    );
  return ruleSet;
}

/** Checks the whole registry: each version valid, versions and effective dates unique. */
export function validateRuleSetRegistry(ruleSets: readonly RuleSet[]): RuleSetIssue[] {
  const issues: RuleSetIssue[] = [];
  const versions = new Set<string>();
  const dates = new Set<string>();
  for (const ruleSet of ruleSets) {
    for (const issue of validateRuleSet(ruleSet)) issues.push({ path: `${ruleSet.version}.${issue.path}`, problem: issue.problem });
    if (versions.has(ruleSet.version)) issues.push({ path: ruleSet.version, problem: 'duplicate version' });
    if (dates.has(ruleSet.effectiveFrom)) issues.push({ path: ruleSet.version, problem: `another version starts on ${ruleSet.effectiveFrom}` });
    versions.add(ruleSet.version);
    dates.add(ruleSet.effectiveFrom);
  }
  return issues;
}

/** For boot: a registry with any problem stops the service (STYLE §10: fail fast). */
export function assertValidRuleSetRegistry(ruleSets: readonly RuleSet[]): readonly RuleSet[] {
  const issues = validateRuleSetRegistry(ruleSets);
  if (ruleSets.length === 0) issues.push({ path: '', problem: 'no rule set' });
  if (issues.length > 0)
    throw invalid('RULE_SET_REGISTRY_INVALID', `Daftar aturan penilaian tidak valid: ${issues.map((i) => `${i.path} (${i.problem})`).join('; ')}`);
  return ruleSets;
}

/** The version in force on a local calendar date: the latest one whose effectiveFrom is not after it. */
export function ruleSetInForce(ruleSets: readonly RuleSet[], date: LocalDate): RuleSet {
  let chosen: RuleSet | undefined;
  for (const ruleSet of ruleSets)
    if (ruleSet.effectiveFrom <= date && (chosen === undefined || ruleSet.effectiveFrom > chosen.effectiveFrom)) chosen = ruleSet;
  if (chosen === undefined) throw notFound('RULE_SET_NOT_IN_FORCE', `Tidak ada versi aturan penilaian yang berlaku pada ${date}`);
  return chosen;
}

export function ruleSetByVersion(ruleSets: readonly RuleSet[], version: string): RuleSet {
  const found = ruleSets.find((r) => r.version === version);
  if (found === undefined) throw notFound('RULE_SET_NOT_FOUND', `Versi aturan penilaian ${version} tidak ditemukan`);
  return found;
}
