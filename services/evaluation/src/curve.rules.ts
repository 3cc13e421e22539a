import { CurveCondition, PREDIKAT_PEGAWAI, PredikatOrganisasi, PredikatPegawai, Rounding, RuleSet } from './rule-sets/rule-set';

export interface ConditionResult {
  id: string;
  kind: CurveCondition['kind'];
  label: string;
  predicates: readonly PredikatPegawai[];
  /** People in the condition's predicates. */
  count: number;
  share: number;
  /**
   * The bound the count is held to: for shares, the rounded number of people (fractional under
   * EXACT); for MODAL, the size of the largest other group.
   */
  bound: number;
  pass: boolean;
}

export interface CurveCheck {
  organisationPredicate: PredikatOrganisasi;
  ruleSetVersion: string;
  total: number;
  counts: Record<PredikatPegawai, number>;
  shares: Record<PredikatPegawai, number>;
  conditions: ConditionResult[];
  passed: boolean;
  /** Ids of the conditions that fail. */
  failed: string[];
}

const SCALE = 1e9;
/** Removes float noise (0.1 × 30 = 3.0000000000000004) before rounding to people. */
const clean = (n: number) => Math.round(n * SCALE) / SCALE;

export function allowedCount(share: number, total: number, rounding: Rounding): number {
  const exact = clean(share * total);
  switch (rounding) {
    case 'FLOOR':
      return Math.floor(exact);
    case 'CEIL':
      return Math.ceil(exact);
    case 'ROUND_HALF_UP':
      return Math.floor(exact + 0.5);
    case 'EXACT':
      return exact;
    default: {
      const _exhaustive: never = rounding;
      throw new Error(`unknown rounding ${String(_exhaustive)}`);
    }
  }
}

export function tally(predicates: readonly PredikatPegawai[]): Record<PredikatPegawai, number> {
  const counts = Object.fromEntries(PREDIKAT_PEGAWAI.map((p) => [p, 0])) as Record<PredikatPegawai, number>;
  for (const p of predicates) counts[p] += 1;
  return counts;
}

/**
 * docs/regulations.md §4.3: checks a unit's employee predicates against the curve of its organisation predicate.
 * An empty unit passes: there is nothing to distribute.
 */
export function checkCurve(
  ruleSet: RuleSet,
  organisationPredicate: PredikatOrganisasi,
  predicates: readonly PredikatPegawai[],
): CurveCheck {
  const total = predicates.length;
  const counts = tally(predicates);
  const shares = Object.fromEntries(
    PREDIKAT_PEGAWAI.map((p) => [p, total === 0 ? 0 : round4(counts[p] / total)]),
  ) as Record<PredikatPegawai, number>;
  const { rounding } = ruleSet.curve;

  const conditions = ruleSet.curve.byOrganisationPredicate[organisationPredicate].map((condition): ConditionResult => {
    const count = condition.predicates.reduce((sum, p) => sum + counts[p], 0);
    const share = total === 0 ? 0 : round4(count / total);
    const result = (bound: number, pass: boolean): ConditionResult => ({
      id: condition.id,
      kind: condition.kind,
      label: condition.label,
      predicates: condition.predicates,
      count,
      share,
      bound,
      pass: total === 0 || pass,
    });
    switch (condition.kind) {
      case 'MAX_SHARE': {
        const bound = allowedCount(condition.share, total, rounding.maxShare);
        return result(bound, count <= bound);
      }
      case 'MIN_SHARE': {
        const bound = allowedCount(condition.share, total, rounding.minShare);
        return result(bound, count >= bound);
      }
      case 'MAX_COUNT':
        return result(condition.count, count <= condition.count);
      case 'MIN_COUNT':
        return result(condition.count, count >= condition.count);
      case 'MODAL': {
        const others = PREDIKAT_PEGAWAI.filter((p) => !condition.predicates.includes(p)).map((p) => counts[p]);
        const largestOther = Math.max(0, ...others);
        return result(largestOther, count > 0 && (condition.ties === 'ALLOWED' ? count >= largestOther : count > largestOther));
      }
      default: {
        const _exhaustive: never = condition;
        throw new Error(`unknown curve condition ${JSON.stringify(_exhaustive)}`);
      }
    }
  });

  const failed = conditions.filter((c) => !c.pass).map((c) => c.id);
  return {
    organisationPredicate,
    ruleSetVersion: ruleSet.version,
    total,
    counts,
    shares,
    conditions,
    passed: failed.length === 0,
    failed,
  };
}

const round4 = (n: number) => Math.round(n * 10_000) / 10_000;
