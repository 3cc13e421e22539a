import { EvaluationFacts } from '../predicate.rules';
import { RuleSet } from '../rule-sets/rule-set';
import { CitizenRatings, citizenRatingFeedback } from './citizen-ratings.rules';

/** What the pejabat penilai sees: the realisations against the SKP targets, feedback counts, the unit's IKM. */
export interface ConsumedFacts {
  realisations: {
    ikiId: string;
    indicator: string | null;
    target: { kind: string; value?: number; unit?: string; description?: string } | null;
    value: number | null;
    narrative: string | null;
    evidenceCount: number;
    late: boolean;
    /** Realisation ÷ quantitative target; null when either is missing. */
    achievement: number | null;
  }[];
  feedback: Record<string, number>;
  unitIkm: { ikm: string; grade: string; label: string; respondentCount: number } | null;
  /** Citizens' ratings naming the employee, received within the period's dates. */
  citizenRatings: CitizenRatings;
}

/**
 * The facts behind the suggestion: admin-recorded facts when present, else the indicators with a
 * quantitative target and a value, and citizens' ratings as the rule set counts them. Continuous
 * feedback carries no sentiment in its public event, so it does not drive the perilaku suggestion.
 */
export function suggestionFacts(recorded: EvaluationFacts | null, consumed: ConsumedFacts, ruleSet: RuleSet): EvaluationFacts | null {
  if (recorded !== null) return recorded;
  const indicators = consumed.realisations
    .filter((r) => r.achievement !== null)
    .map((r) => ({ indicatorId: r.ikiId, achievement: r.achievement as number }));
  const feedback = citizenRatingFeedback(ruleSet, consumed.citizenRatings);
  return indicators.length === 0 && feedback.positive + feedback.negative === 0 ? null : { indicators, feedback };
}
