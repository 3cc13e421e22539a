import { Projection } from '@kinerja/domain';
import { PerformanceRecordEvent } from '../../performance-record/performance-record.events';

/** A fact (annual predicate) that another replaced: decisions citing it are re-evaluated. */
export interface ReplacedFactRow {
  previousFactId: string;
  factId: string;
  nip: string;
  year: number;
  reason: 'OBJECTION' | 'CORRECTION';
  previousPredicate: string | null;
  predicate: string | null;
  changedAt: string;
  /** The AnnualPredicateChanged event: the causation of the re-evaluation. */
  changeEventId: string;
}

/** Every predicate that changed, by the fact id it replaced: with decision_register, the re-evaluation saga's work list. */
export const replacedFactProjection: Projection<ReplacedFactRow, PerformanceRecordEvent> = {
  name: 'career.replaced-fact',
  handles: ['AnnualPredicateChanged'],
  keys: (event) => (event.type === 'AnnualPredicateChanged' ? [event.data.previousFactId] : []),
  evolve(row, event) {
    if (event.type !== 'AnnualPredicateChanged') return row;
    const d = event.data;
    return { previousFactId: d.previousFactId, factId: d.factId, nip: d.nip, year: d.year, reason: d.reason, previousPredicate: d.previousPredicate, predicate: d.predicate, changedAt: d.recordedAt, changeEventId: event.id };
  },
};
