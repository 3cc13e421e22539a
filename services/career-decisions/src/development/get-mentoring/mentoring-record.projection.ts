import { Projection } from '@kinerja/domain';
import { LocalDate } from '../../local-date';
import { CoreValue } from '../../predikat';
import { MentoringEvent, MentoringTerms } from '../mentoring.decider';

export type MentoringRole = 'MENTEE' | 'MENTOR';

/** One relation as one of its two people sees it: the sessions with the minutes credited to that person. */
export type MentoringRelationView = MentoringTerms & {
  role: MentoringRole;
  sessions: { sessionId: string; factId: string; date: LocalDate; minutes: number; topic: string; coreValues: CoreValue[]; creditMinutes: number; ruleSetVersion: string }[];
};

/** A person's mentoring record: every relation where they are the mentee or the mentor. */
export interface MentoringRecordRow {
  nip: string;
  relations: MentoringRelationView[];
}

/** Each event touches both people's rows (the mentee's and the mentor's record). */
export const mentoringRecordProjection: Projection<MentoringRecordRow, MentoringEvent> = {
  name: 'mentoring_record_view',
  handles: ['MentoringRelationStarted', 'MentoringSessionRecorded'],
  keys: (event) => [event.data.menteeNip, event.data.mentorNip],
  evolve(row, event, nip) {
    const current: MentoringRecordRow = row ?? { nip, relations: [] };
    const d = event.data;
    const role: MentoringRole = nip === d.menteeNip ? 'MENTEE' : 'MENTOR';
    const same = (r: MentoringRelationView) => r.relationId === d.relationId && r.menteeNip === d.menteeNip;
    switch (event.type) {
      case 'MentoringRelationStarted': {
        if (current.relations.some(same)) return current;
        const e = event.data;
        const relation: MentoringRelationView = {
          relationId: e.relationId,
          role,
          menteeNip: e.menteeNip,
          menteeAgencyId: e.menteeAgencyId,
          mentorNip: e.mentorNip,
          mentorAgencyId: e.mentorAgencyId,
          startDate: e.startDate,
          endDate: e.endDate,
          goals: e.goals,
          sessions: [],
        };
        return { ...current, relations: [...current.relations, relation].sort((a, b) => b.startDate.localeCompare(a.startDate) || a.relationId.localeCompare(b.relationId)) };
      }
      case 'MentoringSessionRecorded': {
        const e = event.data;
        const session = {
          sessionId: e.sessionId,
          factId: e.factId,
          date: e.date,
          minutes: e.minutes,
          topic: e.topic,
          coreValues: e.coreValues,
          creditMinutes: role === 'MENTEE' ? e.menteeCreditMinutes : e.mentorCreditMinutes,
          ruleSetVersion: e.ruleSetVersion,
        };
        return {
          ...current,
          relations: current.relations.map((r) =>
            same(r) && !r.sessions.some((s) => s.sessionId === e.sessionId) ? { ...r, sessions: [...r.sessions, session].sort((a, b) => a.date.localeCompare(b.date)) } : r,
          ),
        };
      }
      default:
        return current;
    }
  },
};
