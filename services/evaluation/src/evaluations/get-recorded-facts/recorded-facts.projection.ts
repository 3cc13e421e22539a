import { Projection } from '@kinerja/domain';
import { EvaluationFacts } from '../../predicate.rules';
import { EvaluationEvent } from '../evaluation.events';

export interface RecordedFactsRow {
  evaluationId: string;
  facts: EvaluationFacts;
}

/** The facts an admin last recorded for an evaluation (the suggestion's stand-in for consumed facts). */
export const recordedFactsProjection: Projection<RecordedFactsRow, EvaluationEvent> = {
  name: 'evaluation.get-recorded-facts',
  handles: ['EvaluationFactsRecorded'],
  keys: (event) => [event.data.evaluationId],
  evolve: (row, event) => (event.type === 'EvaluationFactsRecorded' ? { evaluationId: event.data.evaluationId, facts: event.data.facts } : row),
};
