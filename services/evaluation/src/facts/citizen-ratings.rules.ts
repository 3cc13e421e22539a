import { RuleSet } from '../rule-sets/rule-set';

/** Citizens' ratings (1–4, the SKM scale) of an employee in a period, as the pejabat penilai sees them. */
export interface CitizenRatings {
  count: number;
  meanRating: number | null;
  byRating: { '1': number; '2': number; '3': number; '4': number };
}

export const NO_CITIZEN_RATINGS: CitizenRatings = { count: 0, meanRating: null, byRating: { '1': 0, '2': 0, '3': 0, '4': 0 } };

/**
 * How citizens' ratings count toward the perilaku suggestion: as the rule set says
 * (`suggestion.perilaku.citizenRatings`): ratings from `positiveFromRating` up are positive
 * feedback, ratings up to `negativeUpToRating` negative, the rest neither. A rule set without it
 * (2022.1: no rule feeds citizens' ratings into an individual's predikat, docs/regulations.md
 * §3) shows them and counts nothing.
 */
export function citizenRatingFeedback(ruleSet: RuleSet, ratings: CitizenRatings): { positive: number; negative: number } {
  const rule = ruleSet.suggestion.perilaku.citizenRatings;
  if (rule === undefined) return { positive: 0, negative: 0 };
  let positive = 0;
  let negative = 0;
  for (const [rating, count] of Object.entries(ratings.byRating)) {
    if (Number(rating) >= rule.positiveFromRating) positive += count;
    else if (Number(rating) <= rule.negativeUpToRating) negative += count;
  }
  return { positive, negative };
}
