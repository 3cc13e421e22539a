import { pick, Projection } from '@kinerja/domain';
import { ObjectionWindow } from '../../objection-window.rules';
import { parsePeriodId } from '../../period-id';
import { SuggestedRatings } from '../../predicate.rules';
import { EvaluationEvent, LedUnit } from '../evaluation.events';

export interface ObjectionView {
  reasons: string;
  atasanId: string;
  filedAt: string;
  dayOfWindow: number;
  explanations: { from: string; partyId: string; question?: string; requestedAt?: string; explanation?: string; givenAt?: string; recordedBy?: string }[];
  decision: {
    outcome: 'KEEP' | 'CHANGE';
    reasons: string;
    decidedBy: string;
    decidedAt: string;
    previous: { ratingHasil: string; ratingPerilaku: string; predicate: string };
  } | null;
}

export interface EvaluationViewRow {
  evaluationId: string;
  employeeId: string;
  periodId: string;
  agencyId: string;
  year: number;
  periodKind: string;
  unitId: string;
  assessorId: string;
  /** PREDICATE_SET | OBJECTED | FINALIZED */
  status: string;
  ratingHasil: string;
  ratingPerilaku: string;
  predicate: string;
  ruleSetVersion: string;
  ratingHasilSource: string;
  ledUnit: LedUnit | null;
  justification: string;
  suggestion: SuggestedRatings | null;
  differenceFromSuggestion: { hasil: number | null; perilaku: number | null };
  late: boolean;
  submittedAt: string;
  /** Null only between EvaluationSubmitted and its PredicateSet. */
  objectionWindow: ObjectionWindow | null;
  objection: ObjectionView | null;
  finalizedVia: string | null;
  finalizedAt: string | null;
}

type Draft = Omit<EvaluationViewRow, 'predicate' | 'ruleSetVersion' | 'objectionWindow'>;

/**
 * One row per evaluation (employee and period). EvaluationSubmitted and PredicateSet are appended
 * together; the submission is held in the row until the predicate arrives.
 */
export const evaluationViewProjection: Projection<EvaluationViewRow, EvaluationEvent> = {
  name: 'evaluation.get-evaluation',
  handles: ['EvaluationSubmitted', 'PredicateSet', 'ObjectionFiled', 'ExplanationRequested', 'ExplanationGiven', 'ObjectionDecided', 'PredicateFinalized'],
  keys: (event) => [event.data.evaluationId],
  evolve(row, event) {
    switch (event.type) {
      case 'EvaluationSubmitted': {
        const d = event.data;
        const period = parsePeriodId(d.periodId);
        const draft: Draft = {
          ...pick(d, 'evaluationId', 'employeeId', 'periodId'),
          agencyId: period?.agencyId ?? '',
          year: period?.year ?? 0,
          ...pick(d, 'periodKind', 'unitId', 'assessorId'),
          status: 'SUBMITTED',
          ...pick(d, 'ratingHasil', 'ratingPerilaku', 'ratingHasilSource', 'ledUnit', 'justification', 'suggestion', 'differenceFromSuggestion', 'late', 'submittedAt'),
          objection: null,
          finalizedVia: null,
          finalizedAt: null,
        };
        return { predicate: row?.predicate ?? '', ruleSetVersion: row?.ruleSetVersion ?? '', objectionWindow: row?.objectionWindow ?? null, ...draft };
      }
      case 'PredicateSet': {
        if (row === null) return null;
        const d = event.data;
        return { ...row, status: 'PREDICATE_SET', predicate: d.predicate, ruleSetVersion: d.ruleSetVersion, objectionWindow: d.objectionWindow };
      }
      case 'ObjectionFiled': {
        if (row === null) return null;
        const d = event.data;
        return { ...row, status: 'OBJECTED', objection: { ...pick(d, 'reasons', 'atasanId', 'filedAt', 'dayOfWindow'), explanations: [], decision: null } };
      }
      case 'ExplanationRequested': {
        if (row?.objection == null) return row;
        const d = event.data;
        const explanations = [...row.objection.explanations, { from: d.from, partyId: d.partyId, question: d.question, requestedAt: d.requestedAt }];
        return { ...row, objection: { ...row.objection, explanations } };
      }
      case 'ExplanationGiven': {
        if (row?.objection == null) return row;
        const d = event.data;
        const explanations = [...row.objection.explanations];
        const open = explanations.map((e) => e.from === d.from && e.explanation === undefined).lastIndexOf(true);
        const given = { explanation: d.explanation, givenAt: d.givenAt, recordedBy: d.recordedBy };
        if (open >= 0) explanations[open] = { ...explanations[open], ...given };
        else explanations.push({ from: d.from, partyId: d.partyId, ...given });
        return { ...row, objection: { ...row.objection, explanations } };
      }
      case 'ObjectionDecided': {
        if (row?.objection == null) return row;
        const d = event.data;
        return {
          ...row,
          ratingHasil: d.ratingHasil,
          ratingPerilaku: d.ratingPerilaku,
          predicate: d.predicate,
          objection: { ...row.objection, decision: { outcome: d.outcome, reasons: d.reasons, decidedBy: d.decidedBy, decidedAt: d.decidedAt, previous: d.previous } },
        };
      }
      case 'PredicateFinalized': {
        if (row === null) return null;
        const d = event.data;
        return { ...row, status: 'FINALIZED', predicate: d.predicate, ratingHasil: d.ratingHasil, ratingPerilaku: d.ratingPerilaku, finalizedVia: d.finalizedVia, finalizedAt: d.finalizedAt };
      }
      case 'EvaluationFactsRecorded':
        return row;
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  },
};
