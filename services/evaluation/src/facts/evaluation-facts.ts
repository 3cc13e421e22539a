import { EvaluationFacts } from '../predicate.rules';
import { RuleSet } from '../rule-sets/rule-set';
import { PlanTarget, TargetBasis } from './achievement.rules';
import { CitizenRatings, citizenRatingFeedback } from './citizen-ratings.rules';

/** What the pejabat penilai sees: the realisations against the SKP targets, feedback counts, the unit's IKM. */
export interface ConsumedFacts {
  /** The period of the one vocabulary the facts were looked up for (`2026-S1`, `2026`). */
  periodId: string;
  realisations: {
    ikiId: string;
    indicator: string | null;
    aspect: string | null;
    /** HIGHER_IS_BETTER or LOWER_IS_BETTER (waktu, biaya); null when the SKP is not known yet. */
    direction: string | null;
    /** The period the realisation stands for. */
    periodId: string;
    /** The target it is compared with, and where that came from (achievement.rules.ts). */
    target: PlanTarget | null;
    targetBasis: TargetBasis | null;
    value: number | null;
    narrative: string | null;
    evidenceCount: number;
    late: boolean;
    /** Achievement against the target in its direction (achievement.rules.ts); null when either is missing. */
    achievement: number | null;
  }[];
  feedback: Record<string, number>;
  unitIkm: { ikm: string; grade: string; label: string; respondentCount: number; periodId: string } | null;
  /** Citizens' ratings naming the employee, received within the period's dates. */
  citizenRatings: CitizenRatings;
  /**
   * Mentoring the employee gave within the period's dates (career-decisions' MentoringSessionRecorded.v1):
   * evidence for their BerAKHLAK, per core value practised; shown, not scored.
   */
  mentoring: MentoringEvidence;
}

export interface MentoringEvidence {
  sessions: number;
  minutes: number;
  mentees: number;
  /** Sessions per BerAKHLAK core value the mentor practised (KOLABORATIF, KOMPETEN ...). */
  byCoreValue: Record<string, number>;
  items: { factId: string; menteeNip: string; date: string; minutes: number; topic: string; coreValues: string[] }[];
}

/**
 * The facts behind the suggestion: admin-recorded facts when present, else the indicators with a
 * quantitative target and a value, each with its basis (target, direction, realised value), and
 * citizens' ratings as the rule set counts them. Continuous feedback carries no sentiment in its
 * public event, so it does not drive the perilaku suggestion.
 */
export function suggestionFacts(recorded: EvaluationFacts | null, consumed: ConsumedFacts, ruleSet: RuleSet): EvaluationFacts | null {
  if (recorded !== null) return recorded;
  const indicators = consumed.realisations.flatMap((r) =>
    r.achievement === null
      ? []
      : [
          {
            indicatorId: r.ikiId,
            achievement: r.achievement,
            basis: {
              periodId: r.periodId,
              direction: r.direction,
              target: r.target?.value ?? null,
              unit: r.target?.unit ?? null,
              targetBasis: r.targetBasis,
              value: r.value,
            },
          },
        ],
  );
  const feedback = citizenRatingFeedback(ruleSet, consumed.citizenRatings);
  return indicators.length === 0 && feedback.positive + feedback.negative === 0 ? null : { indicators, feedback };
}
