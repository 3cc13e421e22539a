import { parsePeriod } from '@kinerja/contracts';
import { addDays, IsoDate } from '../organisation/dates';

export interface EvaluationPeriod {
  periodId: string;
  start: IsoDate;
  end: IsoDate;
  /** End of the Batas Pengisian, as a timestamp. */
  deadline: string;
  finalized: boolean;
}

/**
 * The period a realisation is recorded for, in the one vocabulary (`2026`, `2026-S1`, `2026-Q2`,
 * `2026-M04`; libs/contracts/src/period.ts), until work-planning keeps a copy of the evaluation
 * service's calendars: the Batas Pengisian is the end of day N after the period (WIB, UTC+7), N
 * configured (the e-Kinerja practice is the 10th of the following month). Never finalized here.
 */
export function evaluationPeriod(periodId: string, deadlineDays: number): EvaluationPeriod | null {
  const period = parsePeriod(periodId);
  if (!period) return null;
  const deadline = new Date(`${addDays(period.end, deadlineDays)}T23:59:59.999+07:00`).toISOString();
  return { periodId, start: period.start, end: period.end, deadline, finalized: false };
}
