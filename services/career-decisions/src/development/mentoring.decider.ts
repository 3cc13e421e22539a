import { Command, conflict, Decider, ignoreUnknownEvent, invalid, notFound } from '@kinerja/domain';
import { isBlank } from '../command';
import { addMonths, isLocalDate, LocalDate } from '../local-date';
import { CoreValue, isCoreValue } from '../predikat';
import { RuleSet } from '../rule-sets/rule-set';

/** Every mentoring relation of one mentee and its sessions: the overlap check and the JP credit live in one stream. */
export const mentoringStream = (menteeNip: string) => `mentoring-${menteeNip}`;
/** The fact a session is cited by (the mentor's BerAKHLAK evidence in evaluation). */
export const mentoringSessionFactId = (menteeNip: string, relationId: string, sessionId: string) => `mentoring:${menteeNip}:${relationId}:${sessionId}`;

/** The relation and its two people, with their agencies. */
export interface MentoringPair {
  relationId: string;
  menteeNip: string;
  menteeAgencyId: string;
  mentorNip: string;
  mentorAgencyId: string;
}

/** A relation as it was started: the pair, the period and the goals. */
export type MentoringTerms = MentoringPair & {
  startDate: LocalDate;
  endDate: LocalDate;
  goals: string[];
};

/** A session of a relation, with the minutes it credits to each of the two people. */
export interface MentoringSession {
  sessionId: string;
  factId: string;
  date: LocalDate;
  minutes: number;
  topic: string;
  /** BerAKHLAK core values the mentor practised in the session (evidence for the mentor's perilaku kerja). */
  coreValues: CoreValue[];
  /** Minutes credited toward the yearly JP minimum, as the rule set in force said when recorded. */
  menteeCreditMinutes: number;
  mentorCreditMinutes: number;
  ruleSetVersion: string;
}

export type MentoringRelationStarted = {
  type: 'MentoringRelationStarted';
  data: MentoringTerms & {
    startedBy: string;
    startedAt: string;
  };
};
export type MentoringSessionRecorded = {
  type: 'MentoringSessionRecorded';
  data: MentoringPair & MentoringSession & { recordedBy: string; recordedAt: string };
};
export type MentoringEvent = MentoringRelationStarted | MentoringSessionRecorded;

/** HR registers a relation: the mentor known to the directory (its agency), never the mentee themself, a valid period. */
export type StartMentoringRelation = Command<
  'StartMentoringRelation',
  { relationId: string; menteeNip: string; menteeAgencyId: string; mentorNip: string; startDate: LocalDate; endDate: LocalDate; goals: string[] },
  { ruleSet: RuleSet; /** The mentor's agency per the directory; null when the directory does not know the NIP. */ mentorAgencyId: string | null }
>;
/** The mentor or the mentee records a session held within the relation's period. */
export type RecordMentoringSession = Command<
  'RecordMentoringSession',
  { relationId: string; sessionId: string; date: LocalDate; minutes: number; topic: string; coreValues: CoreValue[] },
  { ruleSet: RuleSet }
>;
export type MentoringCommand = StartMentoringRelation | RecordMentoringSession;

export interface MentoringRelation extends MentoringTerms {
  sessions: MentoringSession[];
}

export interface MentoringState {
  relations: readonly MentoringRelation[];
}

export const initialState = (): MentoringState => ({ relations: [] });

export function evolve(state: MentoringState, event: MentoringEvent): MentoringState {
  switch (event.type) {
    case 'MentoringRelationStarted': {
      const { startedBy: _by, startedAt: _at, ...relation } = event.data;
      return { relations: [...state.relations, { ...relation, sessions: [] }] };
    }
    case 'MentoringSessionRecorded': {
      const { relationId, sessionId, factId, date, minutes, topic, coreValues, menteeCreditMinutes, mentorCreditMinutes, ruleSetVersion } = event.data;
      const session = { sessionId, factId, date, minutes, topic, coreValues, menteeCreditMinutes, mentorCreditMinutes, ruleSetVersion };
      return {
        relations: state.relations.map((r) => (r.relationId === relationId ? { ...r, sessions: [...r.sessions, session] } : r)),
      };
    }
    default:
      return ignoreUnknownEvent(event, state);
  }
}

/** Minutes of a session credited toward the yearly JP minimum at `percent` (rule set, [U]). */
export const creditedMinutes = (minutes: number, percent: number) => Math.round((minutes * percent) / 100);

const sameGoals = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((g, i) => g === b[i]);
const sameValues = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().every((v, i) => v === [...b].sort()[i]);

export function decide(command: MentoringCommand, state: MentoringState): MentoringEvent[] {
  const today = command.metadata.now.toISOString().slice(0, 10);
  switch (command.type) {
    case 'StartMentoringRelation': {
      const d = command.data;
      if (isBlank(d.relationId)) throw invalid('RELATION_ID_REQUIRED', 'Kode relasi mentoring wajib diisi', 'relationId');
      if (d.mentorNip === d.menteeNip) throw invalid('MENTOR_IS_MENTEE', 'Mentor dan mentee harus orang yang berbeda', 'mentorNip');
      if (command.lookups.mentorAgencyId === null) throw invalid('MENTOR_UNKNOWN', `Mentor dengan NIP ${d.mentorNip} tidak dikenal`, 'mentorNip');
      if (!isLocalDate(d.startDate)) throw invalid('INVALID_DATE', 'Tanggal mulai harus berformat YYYY-MM-DD', 'startDate');
      if (!isLocalDate(d.endDate)) throw invalid('INVALID_DATE', 'Tanggal selesai harus berformat YYYY-MM-DD', 'endDate');
      if (d.endDate < d.startDate) throw invalid('INVALID_PERIOD', 'Tanggal selesai tidak boleh sebelum tanggal mulai', 'endDate');
      const maxMonths = command.lookups.ruleSet.development.mentoring.maxRelationMonths;
      if (d.endDate > addMonths(d.startDate, maxMonths)) throw invalid('PERIOD_TOO_LONG', `Masa mentoring paling lama ${maxMonths} bulan`, 'endDate');
      const goals = d.goals.map((g) => g.trim());
      if (goals.length === 0 || goals.some((g) => g === '')) throw invalid('GOALS_REQUIRED', 'Tuliskan sedikitnya satu tujuan mentoring', 'goals');
      const existing = state.relations.find((r) => r.relationId === d.relationId);
      if (existing !== undefined) {
        if (existing.mentorNip === d.mentorNip && existing.startDate === d.startDate && existing.endDate === d.endDate && sameGoals(existing.goals, goals)) return [];
        throw conflict('RELATION_EXISTS', `Relasi mentoring ${d.relationId} sudah tercatat dengan data lain`);
      }
      const overlapping = state.relations.find((r) => r.mentorNip === d.mentorNip && r.startDate <= d.endDate && d.startDate <= r.endDate);
      if (overlapping !== undefined)
        throw conflict('MENTORING_OVERLAPS', `Mentor ini sudah membimbing pegawai ini pada ${overlapping.startDate} s.d. ${overlapping.endDate} (${overlapping.relationId})`);
      return [
        {
          type: 'MentoringRelationStarted',
          data: {
            relationId: d.relationId,
            menteeNip: d.menteeNip,
            menteeAgencyId: d.menteeAgencyId,
            mentorNip: d.mentorNip,
            mentorAgencyId: command.lookups.mentorAgencyId,
            startDate: d.startDate,
            endDate: d.endDate,
            goals,
            startedBy: command.metadata.actor.id,
            startedAt: command.metadata.now.toISOString(),
          },
        },
      ];
    }
    case 'RecordMentoringSession': {
      const d = command.data;
      const relation = state.relations.find((r) => r.relationId === d.relationId);
      if (relation === undefined) throw notFound('RELATION_NOT_FOUND', `Relasi mentoring ${d.relationId} tidak ditemukan`);
      if (isBlank(d.sessionId)) throw invalid('SESSION_ID_REQUIRED', 'Kode sesi wajib diisi', 'sessionId');
      if (isBlank(d.topic)) throw invalid('TOPIC_REQUIRED', 'Topik sesi wajib diisi', 'topic');
      if (!isLocalDate(d.date)) throw invalid('INVALID_DATE', 'Tanggal harus berformat YYYY-MM-DD', 'date');
      if (d.date > today) throw invalid('FUTURE_SESSION', 'Sesi yang belum terlaksana tidak dapat dicatat', 'date');
      if (d.date < relation.startDate || d.date > relation.endDate)
        throw invalid('SESSION_OUTSIDE_PERIOD', `Tanggal sesi harus di dalam masa mentoring ${relation.startDate} s.d. ${relation.endDate}`, 'date');
      if (!(Number.isInteger(d.minutes) && d.minutes > 0)) throw invalid('INVALID_MINUTES', 'Durasi sesi harus bilangan menit lebih dari 0', 'minutes');
      if (!d.coreValues.every(isCoreValue)) throw invalid('INVALID_CORE_VALUE', 'Nilai BerAKHLAK tidak dikenal', 'coreValues');
      const coreValues = [...new Set(d.coreValues)];
      const topic = d.topic.trim();
      const existing = relation.sessions.find((s) => s.sessionId === d.sessionId);
      if (existing !== undefined) {
        if (existing.date === d.date && existing.minutes === d.minutes && existing.topic === topic && sameValues(existing.coreValues, coreValues)) return [];
        throw conflict('SESSION_EXISTS', `Sesi ${d.sessionId} sudah tercatat dengan data lain`);
      }
      const { ruleSet } = command.lookups;
      return [
        {
          type: 'MentoringSessionRecorded',
          data: {
            relationId: relation.relationId,
            sessionId: d.sessionId,
            factId: mentoringSessionFactId(relation.menteeNip, relation.relationId, d.sessionId),
            menteeNip: relation.menteeNip,
            menteeAgencyId: relation.menteeAgencyId,
            mentorNip: relation.mentorNip,
            mentorAgencyId: relation.mentorAgencyId,
            date: d.date,
            minutes: d.minutes,
            topic,
            coreValues,
            menteeCreditMinutes: creditedMinutes(d.minutes, ruleSet.development.mentoring.menteeCreditPercent),
            mentorCreditMinutes: creditedMinutes(d.minutes, ruleSet.development.mentoring.mentorCreditPercent),
            ruleSetVersion: ruleSet.version,
            recordedBy: command.metadata.actor.id,
            recordedAt: command.metadata.now.toISOString(),
          },
        },
      ];
    }
    default: {
      const unreachable: never = command;
      return unreachable;
    }
  }
}

export const mentoringDecider: Decider<MentoringCommand, MentoringEvent, MentoringState> = { initialState, evolve, decide };
