import { Projection } from '@kinerja/domain';
import { parsePeriodId } from '../../period-id';
import { UnitEvaluationEvent, UnitFinalized } from '../unit-evaluation.events';

export interface UnitEvaluationViewRow {
  unitEvaluationId: string;
  unitId: string;
  periodId: string;
  agencyId: string;
  organisationPredicate: string | null;
  basis: string | null;
  setBy: string | null;
  setAt: string | null;
  finalized: boolean;
  finalization: Omit<UnitFinalized['data'], 'unitEvaluationId' | 'unitId' | 'periodId'> | null;
}

export const unitEvaluationViewProjection: Projection<UnitEvaluationViewRow, UnitEvaluationEvent> = {
  name: 'evaluation.get-unit-evaluation',
  handles: ['OrganisationPredicateSet', 'UnitFinalized'],
  keys: (event) => [event.data.unitEvaluationId],
  evolve(row, event) {
    const base = (d: { unitEvaluationId: string; unitId: string; periodId: string }): UnitEvaluationViewRow =>
      row ?? {
        unitEvaluationId: d.unitEvaluationId,
        unitId: d.unitId,
        periodId: d.periodId,
        agencyId: parsePeriodId(d.periodId)?.agencyId ?? '',
        organisationPredicate: null,
        basis: null,
        setBy: null,
        setAt: null,
        finalized: false,
        finalization: null,
      };
    switch (event.type) {
      case 'OrganisationPredicateSet': {
        const d = event.data;
        return { ...base(d), organisationPredicate: d.predicate, basis: d.basis, setBy: d.setBy, setAt: d.setAt };
      }
      case 'UnitFinalized': {
        const { unitEvaluationId: _u, unitId: _unit, periodId: _p, ...finalization } = event.data;
        return { ...base(event.data), finalized: true, organisationPredicate: event.data.organisationPredicate, finalization };
      }
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  },
};
