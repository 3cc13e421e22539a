import { Command, conflict, Decider, forbidden, ignoreUnknownEvent, invalid } from '@kinerja/domain';
import { Authority, inScope, isBlank } from '../command';
import { isLocalDate, LocalDate } from '../local-date';
import { DISCIPLINARY_LEVELS, DisciplinaryLevel } from '../predikat';

export const talentFactsStream = (nip: string) => `talent-facts-${nip}`;
export const assessmentFactId = (nip: string, assessmentId: string) => `assessment:${nip}:${assessmentId}`;
export const penaltyFactId = (nip: string, penaltyId: string) => `penalty:${nip}:${penaltyId}`;

export type AssessmentRecorded = {
  type: 'AssessmentRecorded';
  data: { nip: string; agencyId: string; assessmentId: string; score: number; assessedOn: LocalDate; factId: string; recordedBy: string; recordedAt: string };
};
export type DisciplinaryPenaltyRecorded = {
  type: 'DisciplinaryPenaltyRecorded';
  data: { nip: string; agencyId: string; penaltyId: string; level: DisciplinaryLevel; from: LocalDate; until: LocalDate | null; factId: string; recordedBy: string; recordedAt: string };
};
export type TalentFactsEvent = AssessmentRecorded | DisciplinaryPenaltyRecorded;

/** An assessment result (potensi dan kompetensi), entered or imported. */
export type RecordAssessment = Command<
  'RecordAssessment',
  { nip: string; agencyId: string; assessmentId: string; score: number; assessedOn: LocalDate },
  { authority: Authority }
>;
/** A disciplinary penalty (PP 94/2021), imported from the sanctions records. */
export type RecordDisciplinaryPenalty = Command<
  'RecordDisciplinaryPenalty',
  { nip: string; agencyId: string; penaltyId: string; level: DisciplinaryLevel; from: LocalDate; until: LocalDate | null },
  { authority: Authority }
>;
export type TalentFactsCommand = RecordAssessment | RecordDisciplinaryPenalty;

export interface TalentFactsState {
  assessments: Readonly<Record<string, { score: number; assessedOn: LocalDate }>>;
  penalties: Readonly<Record<string, { level: DisciplinaryLevel; from: LocalDate; until: LocalDate | null }>>;
}

export const initialState = (): TalentFactsState => ({ assessments: {}, penalties: {} });

export function evolve(state: TalentFactsState, event: TalentFactsEvent): TalentFactsState {
  switch (event.type) {
    case 'AssessmentRecorded':
      return { ...state, assessments: { ...state.assessments, [event.data.assessmentId]: { score: event.data.score, assessedOn: event.data.assessedOn } } };
    case 'DisciplinaryPenaltyRecorded': {
      const { level, from, until } = event.data;
      return { ...state, penalties: { ...state.penalties, [event.data.penaltyId]: { level, from, until } } };
    }
    default:
      return ignoreUnknownEvent(event, state);
  }
}

function requireAdmin(authority: Authority, agencyId: string) {
  if (!inScope(authority.proposes, agencyId)) throw forbidden('NOT_AGENCY_ADMIN', 'Hanya admin kepegawaian instansi ini yang dapat mencatat data talenta');
}

export function decide(command: TalentFactsCommand, state: TalentFactsState): TalentFactsEvent[] {
  const d = command.data;
  const at = command.metadata.now.toISOString();
  switch (command.type) {
    case 'RecordAssessment': {
      const { assessmentId, score, assessedOn } = command.data;
      requireAdmin(command.lookups.authority, d.agencyId);
      if (isBlank(assessmentId)) throw invalid('ASSESSMENT_ID_REQUIRED', 'Kode asesmen wajib diisi', 'assessmentId');
      if (typeof score !== 'number' || !Number.isFinite(score) || score < 0 || score > 100) throw invalid('INVALID_SCORE', 'Nilai asesmen harus 0–100', 'score');
      if (!isLocalDate(assessedOn)) throw invalid('INVALID_DATE', 'Tanggal asesmen harus berformat YYYY-MM-DD', 'assessedOn');
      const existing = state.assessments[assessmentId];
      if (existing) {
        if (existing.score === score && existing.assessedOn === assessedOn) return [];
        throw conflict('ASSESSMENT_EXISTS', `Asesmen ${assessmentId} sudah tercatat dengan nilai lain`);
      }
      return [{ type: 'AssessmentRecorded', data: { nip: d.nip, agencyId: d.agencyId, assessmentId, score, assessedOn, factId: assessmentFactId(d.nip, assessmentId), recordedBy: command.metadata.actor.id, recordedAt: at } }];
    }
    case 'RecordDisciplinaryPenalty': {
      const { penaltyId, level, from, until } = command.data;
      requireAdmin(command.lookups.authority, d.agencyId);
      if (isBlank(penaltyId)) throw invalid('PENALTY_ID_REQUIRED', 'Nomor keputusan hukuman wajib diisi', 'penaltyId');
      if (!DISCIPLINARY_LEVELS.includes(level)) throw invalid('INVALID_LEVEL', 'Tingkat hukuman harus RINGAN, SEDANG atau BERAT', 'level');
      if (!isLocalDate(from) || (until !== null && (!isLocalDate(until) || until < from))) throw invalid('INVALID_PERIOD', 'Masa hukuman tidak valid', 'from');
      const existing = state.penalties[penaltyId];
      if (existing) {
        if (existing.level === level && existing.from === from && existing.until === until) return [];
        throw conflict('PENALTY_EXISTS', `Hukuman ${penaltyId} sudah tercatat dengan data lain`);
      }
      return [
        { type: 'DisciplinaryPenaltyRecorded', data: { nip: d.nip, agencyId: d.agencyId, penaltyId, level, from, until, factId: penaltyFactId(d.nip, penaltyId), recordedBy: command.metadata.actor.id, recordedAt: at } },
      ];
    }
    default: {
      const unreachable: never = command;
      return unreachable;
    }
  }
}

export const talentFactsDecider: Decider<TalentFactsCommand, TalentFactsEvent, TalentFactsState> = { initialState, evolve, decide };
