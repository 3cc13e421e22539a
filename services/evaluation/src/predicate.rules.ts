import { PredikatOrganisasi, PredikatPegawai, Rating, RuleSet } from './rule-sets/rule-set';

/** docs/regulations.md §4.2: the matrix cell of the rule set. */
export function predicateFor(ruleSet: RuleSet, ratingHasil: Rating, ratingPerilaku: Rating): PredikatPegawai {
  return ruleSet.predicateMatrix[ratingHasil][ratingPerilaku];
}

/**
 * Leader rule (docs/regulations.md §2.2): when the evaluated employee leads the unit, the unit's
 * achievement (its organisation predicate) is the rating hasil.
 */
export function leaderRatingHasil(ruleSet: RuleSet, organisationPredicate: PredikatOrganisasi): Rating {
  return ruleSet.leaderRule.ratingHasilByOrganisationPredicate[organisationPredicate];
}

/** Where an indicator's achievement came from (consumed facts; absent for admin-recorded ones). */
export interface AchievementBasis {
  periodId: string;
  direction: string | null;
  target: number | null;
  unit: string | null;
  /** PERIOD (the IKI's target for the period), ANNUAL, or PRORATED (the annual target scaled to the period). */
  targetBasis: string | null;
  value: number | null;
}

export interface EvaluationFacts {
  /** Achievement against the target in the indicator's direction, one per indicator (IKI) of the SKP in the period. */
  indicators: readonly { indicatorId: string; achievement: number; basis?: AchievementBasis }[];
  feedback: { positive: number; negative: number };
}

export interface SuggestedRatings {
  ratingHasil: Rating | null;
  ratingPerilaku: Rating | null;
  basis: {
    indicatorCount: number;
    meanAchievement: number | null;
    /** Each indicator as counted: its achievement capped at the rule set's `perIndicatorCap`, and what it rests on. */
    indicators: { indicatorId: string; achievement: number; counted: number; basis: AchievementBasis | null }[];
    /** The rule set's thresholds the mean was held against. */
    thresholds: { perIndicatorCap: number; diAtasFromMean: number; sesuaiFromMean: number };
    positiveFeedback: number;
    negativeFeedback: number;
  };
}

/** A suggestion only: the pejabat penilai decides. Null on an axis without facts. */
export function suggestRatings(ruleSet: RuleSet, facts: EvaluationFacts): SuggestedRatings {
  const { hasil, perilaku } = ruleSet.suggestion;
  const ratios = facts.indicators.map((i) => Math.min(Math.max(i.achievement, 0), hasil.perIndicatorCap));
  const meanAchievement = ratios.length === 0 ? null : round4(ratios.reduce((a, b) => a + b, 0) / ratios.length);
  const ratingHasil: Rating | null =
    meanAchievement === null
      ? null
      : meanAchievement >= hasil.diAtasFromMean
        ? 'DI_ATAS'
        : meanAchievement >= hasil.sesuaiFromMean
          ? 'SESUAI'
          : 'DI_BAWAH';

  const { positive, negative } = facts.feedback;
  const total = positive + negative;
  let ratingPerilaku: Rating | null = null;
  if (total > 0 && total >= perilaku.minFeedback) {
    if (negative / total >= perilaku.diBawahFromNegativeShare) ratingPerilaku = 'DI_BAWAH';
    else if (positive / total >= perilaku.diAtasFromPositiveShare) ratingPerilaku = 'DI_ATAS';
    else ratingPerilaku = 'SESUAI';
  }

  return {
    ratingHasil,
    ratingPerilaku,
    basis: {
      indicatorCount: ratios.length,
      meanAchievement,
      indicators: facts.indicators.map((i, n) => ({ indicatorId: i.indicatorId, achievement: i.achievement, counted: ratios[n], basis: i.basis ?? null })),
      thresholds: { perIndicatorCap: hasil.perIndicatorCap, diAtasFromMean: hasil.diAtasFromMean, sesuaiFromMean: hasil.sesuaiFromMean },
      positiveFeedback: positive,
      negativeFeedback: negative,
    },
  };
}

const RANK: Record<Rating, number> = { DI_BAWAH: 0, SESUAI: 1, DI_ATAS: 2 };

/** Steps from the suggestion to the human's rating: +1 = one step higher than suggested; null without a suggestion. */
export function ratingDifference(human: Rating, suggested: Rating | null): number | null {
  return suggested === null ? null : RANK[human] - RANK[suggested];
}

const round4 = (n: number) => Math.round(n * 10_000) / 10_000;
