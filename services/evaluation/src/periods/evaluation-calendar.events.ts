import { DomainEvent } from '@kinerja/domain';
import { LocalDate } from '../local-date';
import { Cadence } from '../rule-sets/rule-set';

export type PeriodKind = 'PERIODIC' | 'ANNUAL';

export interface EvaluationPeriod {
  /** `<agencyId>:<year>:<code>` */
  periodId: string;
  /** M01..M12, Q1..Q4, S1..S2 or ANNUAL */
  code: string;
  kind: PeriodKind;
  name: string;
  startDate: LocalDate;
  endDate: LocalDate;
  /** Batas pengisian: the last local day to submit evaluations of the period. */
  fillDeadline: LocalDate;
}

export type EvaluationCalendarSetUp = DomainEvent<
  'EvaluationCalendarSetUp',
  {
    calendarId: string;
    agencyId: string;
    year: number;
    cadence: Cadence;
    periods: EvaluationPeriod[];
    ruleSetVersion: string;
    setUpBy: string;
    setUpAt: string;
  }
>;

export type FillDeadlineChanged = DomainEvent<
  'FillDeadlineChanged',
  {
    calendarId: string;
    periodId: string;
    fillDeadline: LocalDate;
    previousFillDeadline: LocalDate;
    changedBy: string;
    changedAt: string;
  }
>;

export type EvaluationCalendarEvent = EvaluationCalendarSetUp | FillDeadlineChanged;
