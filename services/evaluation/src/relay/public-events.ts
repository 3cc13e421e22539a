import type { PublicEventDraft } from '@kinerja/messaging';
import type { RecordedEvent } from '@kinerja/event-store';
import { Assessment, EvaluationEvent, EvaluationSubject, RatedOutcome } from '../evaluations/evaluation.events';
import { parsePeriodId } from '../period-id';
import { UnitEvaluationEvent } from '../unit-evaluations/unit-evaluation.events';

type Internal = EvaluationEvent | UnitEvaluationEvent;

/** The agency and year of one of our period ids, published beside it so that consumers never parse it. */
function periodPlace(periodId: string): { agencyId: string; year: number } | Record<string, never> {
  const place = parsePeriodId(periodId);
  return place ? { agencyId: place.agencyId, year: place.year } : {};
}

/** Internal event types the relay reads; everything else never leaves the service. */
export const RELAYED_EVENT_TYPES: readonly Internal['type'][] = [
  'EvaluationSubmitted',
  'PredicateSet',
  'ObjectionFiled',
  'ObjectionDecided',
  'PredicateFinalized',
  'OrganisationPredicateSet',
];

/**
 * Internal → public (`libs/contracts/src/evaluation.contracts.ts`). Pure, so a batch mapped again
 * after a crash gives the same drafts. Justifications, reasons and explanations stay inside.
 */
export function toPublicEvents(recorded: RecordedEvent): PublicEventDraft[] {
  const event = { type: recorded.type, data: recorded.data } as Internal;
  switch (event.type) {
    case 'EvaluationSubmitted': {
      const d = event.data;
      const data = { ...assessed(d), ratingHasilSource: d.ratingHasilSource, late: d.late, submittedAt: d.submittedAt };
      return [{ type: 'EvaluationSubmitted.v1', data }];
    }
    case 'PredicateSet': {
      const d = event.data;
      const data = {
        ...assessed(d),
        ...outcomeOf(d),
        objectionLastDay: d.objectionWindow.lastDay,
        objectionClosesAt: d.objectionWindow.closesAt,
        setAt: d.setAt,
      };
      return [{ type: 'PredicateSet.v1', data }];
    }
    case 'ObjectionFiled': {
      const d = event.data;
      return [{ type: 'ObjectionFiled.v1', data: { ...subject(d), atasanId: d.atasanId, dayOfWindow: d.dayOfWindow, filedAt: d.filedAt } }];
    }
    case 'ObjectionDecided': {
      const d = event.data;
      const data = {
        ...subject(d),
        outcome: d.outcome,
        decidedBy: d.decidedBy,
        previousPredicate: d.previous.predicate,
        ratingHasil: d.ratingHasil,
        ratingPerilaku: d.ratingPerilaku,
        ...outcomeOf(d),
        decidedAt: d.decidedAt,
      };
      return [{ type: 'ObjectionDecided.v1', data }];
    }
    case 'PredicateFinalized': {
      const d = event.data;
      return [{ type: 'PredicateFinalized.v1', data: { ...assessed(d), ...outcomeOf(d), finalizedVia: d.finalizedVia, finalizedAt: d.finalizedAt } }];
    }
    case 'OrganisationPredicateSet': {
      const d = event.data;
      return [
        {
          type: 'OrganisationPredicateSet.v1',
          data: { unitId: d.unitId, periodId: d.periodId, predicate: d.predicate, previousPredicate: d.previousPredicate, setBy: d.setBy, setAt: d.setAt },
        },
      ];
    }
    default:
      return [];
  }
}

/** The evaluation, the employee (by NIP) and the period with its agency and year, as every evaluation contract names them. */
function subject(d: EvaluationSubject) {
  return { evaluationId: d.evaluationId, nip: d.employeeId, periodId: d.periodId, ...periodPlace(d.periodId) };
}

function assessed(d: Assessment) {
  return {
    ...subject(d),
    periodKind: d.periodKind,
    unitId: d.unitId,
    assessorId: d.assessorId,
    ratingHasil: d.ratingHasil,
    ratingPerilaku: d.ratingPerilaku,
  };
}

function outcomeOf(d: RatedOutcome): RatedOutcome {
  return { predicate: d.predicate, ruleSetVersion: d.ruleSetVersion };
}
