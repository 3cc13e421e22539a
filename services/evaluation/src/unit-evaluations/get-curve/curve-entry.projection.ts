import { Projection } from '@kinerja/domain';
import { EvaluationEvent } from '../../evaluations/evaluation.events';

/** One rated employee of a unit in a period: what the curve counts. */
export interface CurveEntryRow {
  evaluationId: string;
  periodId: string;
  unitId: string;
  employeeId: string;
  predicate: string;
  /** PREDICATE_SET | OBJECTED | FINALIZED */
  status: string;
}

/** The predicates of each unit's employees, as set, changed by a keberatan and finalised (Monitoring Kurva). */
export const curveEntryProjection: Projection<CurveEntryRow, EvaluationEvent> = {
  name: 'evaluation.get-curve',
  handles: ['PredicateSet', 'ObjectionFiled', 'ObjectionDecided', 'PredicateFinalized'],
  keys: (event) => [event.data.evaluationId],
  evolve(row, event) {
    switch (event.type) {
      case 'PredicateSet': {
        const d = event.data;
        return { evaluationId: d.evaluationId, periodId: d.periodId, unitId: d.unitId, employeeId: d.employeeId, predicate: d.predicate, status: 'PREDICATE_SET' };
      }
      case 'ObjectionFiled':
        return row && { ...row, status: 'OBJECTED' };
      case 'ObjectionDecided':
        return row && { ...row, predicate: event.data.predicate };
      case 'PredicateFinalized':
        return row && { ...row, status: 'FINALIZED', predicate: event.data.predicate };
      default:
        return row;
    }
  },
};
