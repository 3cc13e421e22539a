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

export interface EvaluationFacts {
  /** Realisation divided by target, one per indicator (IKI) of the SKP in the period. */
  indicators: readonly { indicatorId: string; achievement: number }[];
  feedback: { positive: number; negative: number };
}

export interface SuggestedRatings {
  ratingHasil: Rating | null;
  ratingPerilaku: Rating | null;
  basis: {
    indicatorCount: number;
    meanAchievement: number | null;
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
    basis: { indicatorCount: ratios.length, meanAchievement, positiveFeedback: positive, negativeFeedback: negative },
  };
}

const RANK: Record<Rating, number> = { DI_BAWAH: 0, SESUAI: 1, DI_ATAS: 2 };

/** Steps from the suggestion to the human's rating: +1 = one step higher than suggested; null without a suggestion. */
export function ratingDifference(human: Rating, suggested: Rating | null): number | null {
  return suggested === null ? null : RANK[human] - RANK[suggested];
}

const round4 = (n: number) => Math.round(n * 10_000) / 10_000;
