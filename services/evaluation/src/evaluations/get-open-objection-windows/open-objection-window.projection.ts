import { Projection } from '@kinerja/domain';
import { EvaluationEvent } from '../evaluation.events';

export interface OpenObjectionWindowRow {
  evaluationId: string;
  closesAt: Date;
}

/** Predicates still waiting for their keberatan window to end: the scheduler's work list. */
export const openObjectionWindowProjection: Projection<OpenObjectionWindowRow, EvaluationEvent> = {
  name: 'evaluation.get-open-objection-windows',
  handles: ['PredicateSet', 'ObjectionFiled', 'PredicateFinalized'],
  keys: (event) => [event.data.evaluationId],
  evolve(row, event) {
    switch (event.type) {
      case 'PredicateSet':
        return { evaluationId: event.data.evaluationId, closesAt: new Date(event.data.objectionWindow.closesAt) };
      case 'ObjectionFiled':
      case 'PredicateFinalized':
        return null;
      default:
        return row;
    }
  },
};
