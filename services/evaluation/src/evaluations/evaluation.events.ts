import { DomainEvent } from '@kinerja/domain';
import { ObjectionWindow } from '../objection-window.rules';
import { EvaluationFacts, SuggestedRatings } from '../predicate.rules';
import { ExplanationParty, PredikatOrganisasi, PredikatPegawai, Rating } from '../rule-sets/rule-set';
import { PeriodKind } from '../periods/evaluation-calendar.events';

export type RatingHasilSource = 'PEJABAT_PENILAI' | 'LEADER_RULE';

/** The unit the employee leads, with its organisation predicate at the time of rating. */
export interface LedUnit {
  unitId: string;
  organisationPredicate: PredikatOrganisasi;
}

/** The evaluation an event is about. */
export interface EvaluationSubject {
  evaluationId: string;
  employeeId: string;
  periodId: string;
}

/** Who rated whom in which period and unit, and the two ratings. */
export type Assessment = EvaluationSubject & {
  periodKind: PeriodKind;
  unitId: string;
  assessorId: string;
  ratingHasil: Rating;
  ratingPerilaku: Rating;
};

/** Only the subject's fields, for an event built from a larger record. */
export function subjectOf(x: EvaluationSubject): EvaluationSubject {
  return { evaluationId: x.evaluationId, employeeId: x.employeeId, periodId: x.periodId };
}

/** Only the assessment's fields, for an event built from a larger record. */
export function assessmentOf(x: Assessment): Assessment {
  return { ...subjectOf(x), periodKind: x.periodKind, unitId: x.unitId, assessorId: x.assessorId, ratingHasil: x.ratingHasil, ratingPerilaku: x.ratingPerilaku };
}

/** The predikat the ratings give under a rule set version. */
export interface RatedOutcome {
  predicate: PredikatPegawai;
  ruleSetVersion: string;
}

export type EvaluationSubmitted = DomainEvent<
  'EvaluationSubmitted',
  Assessment & {
    ratingHasilSource: RatingHasilSource;
    ledUnit: LedUnit | null;
    justification: string;
    suggestion: SuggestedRatings | null;
    /** Steps from the suggestion to the assessor's rating (+1 = one step higher); null without a suggestion. */
    differenceFromSuggestion: { hasil: number | null; perilaku: number | null };
    /** Submitted after the period's fill deadline (batas pengisian). */
    late: boolean;
    submittedAt: string;
  }
>;

export type PredicateSet = DomainEvent<
  'PredicateSet',
  Assessment & RatedOutcome & {
    /** The result is received in the application when it is set; the keberatan window runs from here. */
    objectionWindow: ObjectionWindow;
    setAt: string;
  }
>;

export type ObjectionFiled = DomainEvent<
  'ObjectionFiled',
  EvaluationSubject & {
    reasons: string;
    /** The atasan pejabat penilai of the period, who decides. */
    atasanId: string;
    dayOfWindow: number;
    filedAt: string;
  }
>;

export type ExplanationRequested = DomainEvent<
  'ExplanationRequested',
  {
    evaluationId: string;
    from: ExplanationParty;
    partyId: string;
    question: string;
    requestedBy: string;
    requestedAt: string;
  }
>;

export type ExplanationGiven = DomainEvent<
  'ExplanationGiven',
  {
    evaluationId: string;
    from: ExplanationParty;
    partyId: string;
    explanation: string;
    /** The party, or the atasan recording an explanation received outside the application. */
    recordedBy: string;
    givenAt: string;
  }
>;

export type ObjectionDecided = DomainEvent<
  'ObjectionDecided',
  EvaluationSubject & {
    outcome: 'KEEP' | 'CHANGE';
    reasons: string;
    decidedBy: string;
    previous: { ratingHasil: Rating; ratingPerilaku: Rating; predicate: PredikatPegawai };
    ratingHasil: Rating;
    ratingPerilaku: Rating;
    predicate: PredikatPegawai;
    ruleSetVersion: string;
    decidedAt: string;
  }
>;

export type PredicateFinalized = DomainEvent<
  'PredicateFinalized',
  Assessment & RatedOutcome & {
    finalizedVia: 'WINDOW_ENDED' | 'OBJECTION_DECIDED';
    finalizedAt: string;
  }
>;

/** An admin recorded the facts behind the suggested rating; they stand in until the consumed facts (realisations, feedback) exist. */
export type EvaluationFactsRecorded = DomainEvent<
  'EvaluationFactsRecorded',
  { evaluationId: string; employeeId: string; periodId: string; facts: EvaluationFacts; recordedBy: string; recordedAt: string }
>;

export type EvaluationEvent =
  | EvaluationFactsRecorded
  | EvaluationSubmitted
  | PredicateSet
  | ObjectionFiled
  | ExplanationRequested
  | ExplanationGiven
  | ObjectionDecided
  | PredicateFinalized;
