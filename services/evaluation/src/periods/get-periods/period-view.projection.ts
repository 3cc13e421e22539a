import { Projection } from '@kinerja/domain';
import { EvaluationCalendarEvent } from '../evaluation-calendar.events';

export interface PeriodViewRow {
  periodId: string;
  agencyId: string;
  year: number;
  code: string;
  kind: string;
  name: string;
  startDate: string;
  endDate: string;
  fillDeadline: string;
  cadence: string;
  ruleSetVersion: string;
}

export const periodViewProjection: Projection<PeriodViewRow, EvaluationCalendarEvent> = {
  name: 'evaluation.get-periods',
  handles: ['EvaluationCalendarSetUp', 'FillDeadlineChanged'],
  keys: (event) => (event.type === 'EvaluationCalendarSetUp' ? event.data.periods.map((p) => p.periodId) : [event.data.periodId]),
  evolve(row, event, key) {
    switch (event.type) {
      case 'EvaluationCalendarSetUp': {
        const { agencyId, year, cadence, ruleSetVersion, periods } = event.data;
        const p = periods.find((candidate) => candidate.periodId === key);
        if (!p) return row;
        return {
          periodId: p.periodId,
          agencyId,
          year,
          code: p.code,
          kind: p.kind,
          name: p.name,
          startDate: p.startDate,
          endDate: p.endDate,
          fillDeadline: p.fillDeadline,
          cadence,
          ruleSetVersion,
        };
      }
      case 'FillDeadlineChanged':
        return row === null ? null : { ...row, fillDeadline: event.data.fillDeadline };
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  },
};
