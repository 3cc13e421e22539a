import { Command, conflict, Decider, ErrorCode, forbidden, ignoreUnknownEvent, invalid } from '@kinerja/domain';
import { AdminScope, administers, isBlank } from '../command';
import { localDateOf } from '../local-date';
import { dayOfWindow, isWindowOpen, objectionWindow, ObjectionWindow } from '../objection-window.rules';
import { EvaluationPeriod } from '../periods/evaluation-calendar.events';
import { EvaluationFacts, leaderRatingHasil, predicateFor, ratingDifference, suggestRatings } from '../predicate.rules';
import {
  EXPLANATION_PARTIES,
  ExplanationParty,
  isPredikatOrganisasi,
  isRating,
  PredikatOrganisasi,
  Rating,
  RuleSet,
} from '../rule-sets/rule-set';
import { Assessment, assessmentOf, EvaluationEvent, LedUnit, RatedOutcome, RatingHasilSource, subjectOf } from './evaluation.events';

/** One evaluation per employee and period. */
export const evaluationIdOf = (periodId: string, employeeId: string) => `${periodId}:${employeeId}`;
export const evaluationStream = (evaluationId: string) => `evaluation-${evaluationId}`;

export type SubmitEvaluation = Command<
  'SubmitEvaluation',
  /** ratingHasil may be omitted when the leader rule sets it. */
  { evaluationId: string; ratingHasil?: Rating; ratingPerilaku: Rating; justification: string },
  {
    employeeId: string;
    /** The employee's unit in the period, whose curve the predicate counts toward. */
    unitId: string;
    period: EvaluationPeriod;
    /** The employee's pejabat penilai in that period, from the organisation as it was then. */
    pejabatPenilaiId: string | null;
    /** The unit the employee led in the period, with its organisation predicate (null if not set yet). */
    ledUnit: { unitId: string; organisationPredicate: PredikatOrganisasi | null } | null;
    facts: EvaluationFacts | null;
    unitFinalized: boolean;
    /** The version in force on the period's end date. */
    ruleSet: RuleSet;
    /** The city's time zone. */
    timeZone: string;
  }
>;

export type FileObjection = Command<
  'FileObjection',
  { evaluationId: string; reasons: string },
  /** The atasan pejabat penilai of the evaluated period. */
  { atasanPejabatPenilaiId: string | null }
>;

export type RequestExplanation = Command<'RequestExplanation', { evaluationId: string; from: ExplanationParty; question: string }>;

export type GiveExplanation = Command<'GiveExplanation', { evaluationId: string; from: ExplanationParty; explanation: string }>;

export type DecideObjection = Command<
  'DecideObjection',
  /** For CHANGE, an omitted rating stays as it was. */
  { evaluationId: string; outcome: 'KEEP' | 'CHANGE'; ratingHasil?: Rating; ratingPerilaku?: Rating; reasons: string },
  /** The rule set of the version the predicate recorded. */
  { ruleSet: RuleSet }
>;

/** The facts behind the suggestion, recorded by the admin of the agency (adminScope resolved at the edge). */
export type RecordEvaluationFacts = Command<
  'RecordEvaluationFacts',
  { evaluationId: string; employeeId: string; periodId: string; facts: EvaluationFacts },
  { adminScope: AdminScope; agencyId: string }
>;

/** Sent by the scheduler when the objection window has ended. */
export type FinalizePredicate = Command<'FinalizePredicate', { evaluationId: string }>;

export type EvaluationCommand = RecordEvaluationFacts | SubmitEvaluation | FileObjection | RequestExplanation | GiveExplanation | DecideObjection | FinalizePredicate;

interface Submission {
  ratingHasilSource: RatingHasilSource;
  ledUnit: LedUnit | null;
}

export type EvaluationResult = Submission & Assessment & RatedOutcome & {
  window: ObjectionWindow;
};

export interface Objection {
  reasons: string;
  atasanId: string;
  filedAt: string;
  explanations: Record<ExplanationParty, { requested: boolean; given: boolean }>;
  decided: boolean;
}

export type EvaluationState =
  | { status: 'NOT_SUBMITTED'; submission: Submission | null }
  | { status: 'PREDICATE_SET'; submission: Submission; result: EvaluationResult }
  | { status: 'OBJECTED'; submission: Submission; result: EvaluationResult; objection: Objection }
  | { status: 'FINALIZED'; submission: Submission; result: EvaluationResult; objection: Objection | null };

export const initialState = (): EvaluationState => ({ status: 'NOT_SUBMITTED', submission: null });

export function evolve(state: EvaluationState, event: EvaluationEvent): EvaluationState {
  switch (event.type) {
    case 'EvaluationSubmitted': {
      const submission = { ratingHasilSource: event.data.ratingHasilSource, ledUnit: event.data.ledUnit };
      return { ...state, submission };
    }
    case 'PredicateSet': {
      const d = event.data;
      const submission = state.submission ?? { ratingHasilSource: 'PEJABAT_PENILAI', ledUnit: null };
      return {
        status: 'PREDICATE_SET',
        submission,
        result: { ...submission, ...assessmentOf(d), predicate: d.predicate, ruleSetVersion: d.ruleSetVersion, window: d.objectionWindow },
      };
    }
    case 'ObjectionFiled':
      if (state.status !== 'PREDICATE_SET') return state;
      return {
        ...state,
        status: 'OBJECTED',
        objection: {
          reasons: event.data.reasons,
          atasanId: event.data.atasanId,
          filedAt: event.data.filedAt,
          explanations: { PEJABAT_PENILAI: { requested: false, given: false }, PEGAWAI: { requested: false, given: false } },
          decided: false,
        },
      };
    case 'ExplanationRequested':
    case 'ExplanationGiven': {
      if (state.status !== 'OBJECTED') return state;
      const party = state.objection.explanations[event.data.from];
      const updated = event.type === 'ExplanationRequested' ? { ...party, requested: true } : { ...party, given: true };
      return { ...state, objection: { ...state.objection, explanations: { ...state.objection.explanations, [event.data.from]: updated } } };
    }
    case 'ObjectionDecided':
      if (state.status !== 'OBJECTED') return state;
      return {
        ...state,
        result: { ...state.result, ratingHasil: event.data.ratingHasil, ratingPerilaku: event.data.ratingPerilaku, predicate: event.data.predicate },
        objection: { ...state.objection, decided: true },
      };
    case 'PredicateFinalized':
      if (state.status === 'PREDICATE_SET') return { ...state, status: 'FINALIZED', objection: null };
      if (state.status === 'OBJECTED') return { ...state, status: 'FINALIZED' };
      return state;
    case 'EvaluationFactsRecorded':
      return state;
    default:
      return ignoreUnknownEvent(event, state);
  }
}

function requireRating(value: unknown, field: string): Rating {
  if (!isRating(value)) throw invalid('INVALID_RATING', 'Rating harus DI_ATAS, SESUAI atau DI_BAWAH', field);
  return value;
}

function requireText(value: unknown, code: ErrorCode, message: string, field: string): string {
  if (isBlank(value)) throw invalid(code, message, field);
  return (value as string).trim();
}

function finalizedConflict() {
  return conflict('EVALUATION_FINALIZED', 'Predikat kinerja sudah final dan tidak dapat diubah');
}

function submit(command: SubmitEvaluation, state: EvaluationState): EvaluationEvent[] {
  const { data, lookups: lookup } = command;
  const { now, actor: { id: actorId } } = command.metadata;
  const { ruleSet, period } = lookup;

  const ratingPerilaku = requireRating(data.ratingPerilaku, 'ratingPerilaku');
  if (data.ratingHasil !== undefined) requireRating(data.ratingHasil, 'ratingHasil');
  const justification = requireText(data.justification, 'JUSTIFICATION_REQUIRED', 'Alasan penilaian wajib diisi', 'justification');
  if (data.evaluationId !== evaluationIdOf(period.periodId, lookup.employeeId))
    throw invalid('EVALUATION_ID_MISMATCH', 'Penilaian tidak cocok dengan pegawai dan periode', 'evaluationId');

  if (actorId === lookup.employeeId) throw forbidden('SELF_RATING', 'Pegawai tidak dapat menilai dirinya sendiri');
  if (lookup.pejabatPenilaiId === null || actorId !== lookup.pejabatPenilaiId)
    throw forbidden('NOT_PEJABAT_PENILAI', 'Hanya pejabat penilai kinerja pegawai pada periode ini yang dapat menilai');

  if (state.status === 'FINALIZED') throw finalizedConflict();
  if (state.status === 'OBJECTED') throw conflict('OBJECTION_PENDING', 'Keberatan sedang diproses; penilaian tidak dapat diubah');
  if (lookup.unitFinalized) throw conflict('UNIT_FINALIZED', 'Penetapan predikat unit pada periode ini sudah final');

  const today = localDateOf(now, lookup.timeZone);
  if (today < period.startDate) throw conflict('PERIOD_NOT_STARTED', `Periode ${period.name} belum dimulai`);
  const late = today > period.fillDeadline;
  if (late && ruleSet.periods.lateSubmission === 'REFUSE')
    throw conflict('FILL_DEADLINE_PASSED', `Batas pengisian ${period.name} (${period.fillDeadline}) sudah lewat`);

  let ratingHasil: Rating;
  let ratingHasilSource: RatingHasilSource;
  let ledUnit: LedUnit | null = null;
  if (lookup.ledUnit !== null) {
    const { organisationPredicate } = lookup.ledUnit;
    if (organisationPredicate === null || !isPredikatOrganisasi(organisationPredicate))
      throw conflict('ORGANISATION_PREDICATE_NOT_SET', 'Predikat kinerja organisasi unit yang dipimpin belum ditetapkan');
    ratingHasil = leaderRatingHasil(ruleSet, organisationPredicate);
    if (data.ratingHasil !== undefined && data.ratingHasil !== ratingHasil)
      throw invalid(
        'RATING_HASIL_SET_BY_LEADER_RULE',
        `Pegawai memimpin unit: rating hasil kerja mengikuti capaian kinerja unit (${ratingHasil})`,
        'ratingHasil',
      );
    ratingHasilSource = 'LEADER_RULE';
    ledUnit = { unitId: lookup.ledUnit.unitId, organisationPredicate };
  } else {
    ratingHasil = requireRating(data.ratingHasil, 'ratingHasil');
    ratingHasilSource = 'PEJABAT_PENILAI';
  }

  const suggestion = lookup.facts === null ? null : suggestRatings(ruleSet, lookup.facts);
  const window = objectionWindow(ruleSet, now, lookup.timeZone);
  const at = now.toISOString();
  const common = {
    evaluationId: data.evaluationId,
    employeeId: lookup.employeeId,
    periodId: period.periodId,
    periodKind: period.kind,
    unitId: lookup.unitId,
    assessorId: actorId,
    ratingHasil,
    ratingPerilaku,
  };
  return [
    {
      type: 'EvaluationSubmitted',
      data: {
        ...common,
        ratingHasilSource,
        ledUnit,
        justification,
        suggestion,
        differenceFromSuggestion: {
          hasil: ratingDifference(ratingHasil, suggestion?.ratingHasil ?? null),
          perilaku: ratingDifference(ratingPerilaku, suggestion?.ratingPerilaku ?? null),
        },
        late,
        submittedAt: at,
      },
    },
    {
      type: 'PredicateSet',
      data: {
        ...common,
        predicate: predicateFor(ruleSet, ratingHasil, ratingPerilaku),
        ruleSetVersion: ruleSet.version,
        objectionWindow: window,
        setAt: at,
      },
    },
  ];
}

function fileObjection(command: FileObjection, state: EvaluationState): EvaluationEvent[] {
  const { now, actor: { id: actorId } } = command.metadata;
  const reasons = requireText(command.data.reasons, 'REASONS_REQUIRED', 'Alasan keberatan wajib diisi', 'reasons');
  if (state.status === 'NOT_SUBMITTED') throw conflict('NO_PREDICATE', 'Belum ada predikat kinerja yang dapat diajukan keberatan');
  if (actorId !== state.result.employeeId) throw forbidden('NOT_THE_EMPLOYEE', 'Hanya pegawai yang dinilai yang dapat mengajukan keberatan');
  if (state.status === 'FINALIZED') throw finalizedConflict();
  if (state.status === 'OBJECTED') throw conflict('OBJECTION_EXISTS', 'Keberatan sudah diajukan');
  const { window } = state.result;
  if (!isWindowOpen(window, now))
    throw conflict(
      'OBJECTION_WINDOW_CLOSED',
      `Batas waktu keberatan ${window.days} hari sudah lewat: paling lambat ${window.lastDay} (${window.timeZone}), diajukan pada hari ke-${dayOfWindow(window, now)}`,
    );
  const atasanId = command.lookups.atasanPejabatPenilaiId;
  if (atasanId === null) throw conflict('NO_ATASAN_PEJABAT_PENILAI', 'Atasan pejabat penilai kinerja pada periode ini tidak ditemukan');
  if (atasanId === state.result.employeeId || atasanId === state.result.assessorId)
    throw conflict('ATASAN_INVALID', 'Atasan pejabat penilai tidak boleh pegawai yang dinilai atau pejabat penilai itu sendiri');
  return [
    {
      type: 'ObjectionFiled',
      data: {
        ...subjectOf(state.result),
        reasons,
        atasanId,
        dayOfWindow: dayOfWindow(window, now),
        filedAt: now.toISOString(),
      },
    },
  ];
}

function requireOpenObjection(state: EvaluationState) {
  if (state.status === 'FINALIZED') throw conflict('OBJECTION_DECIDED', 'Keberatan sudah diputuskan dan bersifat final');
  if (state.status !== 'OBJECTED') throw conflict('NO_OBJECTION', 'Tidak ada keberatan yang sedang diproses');
  return state;
}

function requireParty(value: unknown): ExplanationParty {
  if (!EXPLANATION_PARTIES.includes(value as ExplanationParty))
    throw invalid('INVALID_PARTY', 'Pihak harus PEJABAT_PENILAI atau PEGAWAI', 'from');
  return value as ExplanationParty;
}

const partyIdOf = (result: EvaluationResult, party: ExplanationParty) =>
  party === 'PEGAWAI' ? result.employeeId : result.assessorId;

function requestExplanation(command: RequestExplanation, state: EvaluationState): EvaluationEvent[] {
  const { now, actor: { id: actorId } } = command.metadata;
  const from = requireParty(command.data.from);
  const question = requireText(command.data.question, 'QUESTION_REQUIRED', 'Permintaan penjelasan wajib diisi', 'question');
  const objected = requireOpenObjection(state);
  if (actorId !== objected.objection.atasanId)
    throw forbidden('NOT_ATASAN', 'Hanya atasan pejabat penilai yang menerima keberatan yang dapat meminta penjelasan');
  return [
    {
      type: 'ExplanationRequested',
      data: {
        evaluationId: objected.result.evaluationId,
        from,
        partyId: partyIdOf(objected.result, from),
        question,
        requestedBy: actorId,
        requestedAt: now.toISOString(),
      },
    },
  ];
}

function giveExplanation(command: GiveExplanation, state: EvaluationState): EvaluationEvent[] {
  const { now, actor: { id: actorId } } = command.metadata;
  const from = requireParty(command.data.from);
  const explanation = requireText(command.data.explanation, 'EXPLANATION_REQUIRED', 'Penjelasan wajib diisi', 'explanation');
  const objected = requireOpenObjection(state);
  const partyId = partyIdOf(objected.result, from);
  if (actorId !== partyId && actorId !== objected.objection.atasanId)
    throw forbidden('NOT_THE_PARTY', 'Penjelasan hanya dapat diberikan oleh pihak yang diminta atau dicatat oleh atasan pejabat penilai');
  if (!objected.objection.explanations[from].requested)
    throw conflict('EXPLANATION_NOT_REQUESTED', 'Penjelasan belum diminta oleh atasan pejabat penilai');
  return [
    {
      type: 'ExplanationGiven',
      data: { evaluationId: objected.result.evaluationId, from, partyId, explanation, recordedBy: actorId, givenAt: now.toISOString() },
    },
  ];
}

function decideObjection(command: DecideObjection, state: EvaluationState): EvaluationEvent[] {
  const { now, actor: { id: actorId } } = command.metadata;
  const { data } = command;
  const { ruleSet } = command.lookups;
  if (data.outcome !== 'KEEP' && data.outcome !== 'CHANGE') throw invalid('INVALID_OUTCOME', 'Keputusan harus KEEP atau CHANGE', 'outcome');
  if (data.ratingHasil !== undefined) requireRating(data.ratingHasil, 'ratingHasil');
  if (data.ratingPerilaku !== undefined) requireRating(data.ratingPerilaku, 'ratingPerilaku');
  const reasons = requireText(data.reasons, 'REASONS_REQUIRED', 'Alasan keputusan wajib diisi', 'reasons');
  const objected = requireOpenObjection(state);
  const { result, objection } = objected;
  // PP 30/2019 Pasal 59(4): only the atasan pejabat penilai decides, and the decision is final.
  if (actorId !== objection.atasanId) throw forbidden('NOT_ATASAN', 'Hanya atasan pejabat penilai yang menerima keberatan yang dapat memutuskan');
  if (ruleSet.version !== result.ruleSetVersion)
    throw conflict('RULE_SET_MISMATCH', `Keputusan harus memakai aturan versi ${result.ruleSetVersion} yang dipakai saat penilaian`);
  // PP 30/2019 Pasal 59(3): explanations are asked of both sides before deciding.
  const missing = ruleSet.objection.explanationsRequiredBeforeDecision.filter((p) => !objection.explanations[p].requested);
  if (missing.length > 0)
    throw conflict('EXPLANATIONS_MISSING', `Penjelasan belum diminta dari: ${missing.map((p) => (p === 'PEGAWAI' ? 'pegawai' : 'pejabat penilai')).join(', ')}`);

  let ratingHasil = result.ratingHasil;
  let ratingPerilaku = result.ratingPerilaku;
  if (data.outcome === 'CHANGE') {
    if (data.ratingHasil !== undefined && data.ratingHasil !== result.ratingHasil && result.ratingHasilSource === 'LEADER_RULE')
      throw invalid('RATING_HASIL_SET_BY_LEADER_RULE', 'Pegawai memimpin unit: rating hasil kerja mengikuti capaian kinerja unit', 'ratingHasil');
    ratingHasil = data.ratingHasil ?? ratingHasil;
    ratingPerilaku = data.ratingPerilaku ?? ratingPerilaku;
    if (ratingHasil === result.ratingHasil && ratingPerilaku === result.ratingPerilaku)
      throw invalid('CHANGE_WITHOUT_DIFFERENCE', 'Keputusan mengubah harus mengubah rating hasil kerja atau rating perilaku kerja', 'outcome');
  }
  const predicate = predicateFor(ruleSet, ratingHasil, ratingPerilaku);
  const at = now.toISOString();
  return [
    {
      type: 'ObjectionDecided',
      data: {
        ...subjectOf(result),
        outcome: data.outcome,
        reasons,
        decidedBy: actorId,
        previous: { ratingHasil: result.ratingHasil, ratingPerilaku: result.ratingPerilaku, predicate: result.predicate },
        ratingHasil,
        ratingPerilaku,
        predicate,
        ruleSetVersion: result.ruleSetVersion,
        decidedAt: at,
      },
    },
    finalized({ ...result, ratingHasil, ratingPerilaku, predicate }, 'OBJECTION_DECIDED', at),
  ];
}

function finalized(result: EvaluationResult, via: 'WINDOW_ENDED' | 'OBJECTION_DECIDED', at: string): EvaluationEvent {
  return {
    type: 'PredicateFinalized',
    data: {
      ...assessmentOf(result),
      predicate: result.predicate,
      ruleSetVersion: result.ruleSetVersion,
      finalizedVia: via,
      finalizedAt: at,
    },
  };
}

function finalizePredicate(command: FinalizePredicate, state: EvaluationState): EvaluationEvent[] {
  const { now } = command.metadata;
  switch (state.status) {
    case 'FINALIZED':
      return [];
    case 'NOT_SUBMITTED':
      throw conflict('NO_PREDICATE', 'Belum ada predikat kinerja');
    case 'OBJECTED':
      throw conflict('OBJECTION_PENDING', 'Keberatan sedang diproses; predikat menjadi final setelah keberatan diputuskan');
    case 'PREDICATE_SET':
      if (isWindowOpen(state.result.window, now))
        throw conflict('OBJECTION_WINDOW_OPEN', `Masa keberatan berakhir setelah ${state.result.window.lastDay} (${state.result.window.timeZone})`);
      return [finalized(state.result, 'WINDOW_ENDED', now.toISOString())];
    default: {
      const _exhaustive: never = state;
      throw new Error(`unknown state ${JSON.stringify(_exhaustive)}`);
    }
  }
}

function recordFacts(command: RecordEvaluationFacts): EvaluationEvent[] {
  const { data, lookups } = command;
  if (!administers(lookups.adminScope, lookups.agencyId)) throw forbidden('NOT_AGENCY_ADMIN', 'Hanya admin OPD ini atau BKPSDM yang dapat mencatat data penilaian');
  if (data.evaluationId !== evaluationIdOf(data.periodId, data.employeeId))
    throw invalid('EVALUATION_ID_MISMATCH', 'Penilaian tidak cocok dengan pegawai dan periode', 'evaluationId');
  const { now, actor } = command.metadata;
  return [{ type: 'EvaluationFactsRecorded', data: { ...data, recordedBy: actor.id, recordedAt: now.toISOString() } }];
}

export function decide(command: EvaluationCommand, state: EvaluationState): EvaluationEvent[] {
  switch (command.type) {
    case 'RecordEvaluationFacts':
      return recordFacts(command);
    case 'SubmitEvaluation':
      return submit(command, state);
    case 'FileObjection':
      return fileObjection(command, state);
    case 'RequestExplanation':
      return requestExplanation(command, state);
    case 'GiveExplanation':
      return giveExplanation(command, state);
    case 'DecideObjection':
      return decideObjection(command, state);
    case 'FinalizePredicate':
      return finalizePredicate(command, state);
    default: {
      const _exhaustive: never = command;
      throw new Error(`unknown command ${JSON.stringify(_exhaustive)}`);
    }
  }
}

export const evaluationDecider: Decider<EvaluationCommand, EvaluationEvent, EvaluationState> = { initialState, evolve, decide };
