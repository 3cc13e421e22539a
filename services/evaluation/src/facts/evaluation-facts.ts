import { EvaluationFacts } from '../predicate.rules';

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
}

/**
 * The facts behind the suggestion: admin-recorded facts when present, else the indicators with a
 * quantitative target and a value. Continuous feedback carries no sentiment in its public event,
 * so it does not drive the perilaku suggestion.
 */
export function suggestionFacts(recorded: EvaluationFacts | null, consumed: ConsumedFacts): EvaluationFacts | null {
  if (recorded !== null) return recorded;
  const indicators = consumed.realisations
    .filter((r) => r.achievement !== null)
    .map((r) => ({ indicatorId: r.ikiId, achievement: r.achievement as number }));
  return indicators.length === 0 ? null : { indicators, feedback: { positive: 0, negative: 0 } };
}
