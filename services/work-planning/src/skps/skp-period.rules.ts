import { IsoDate } from '../organisation/dates';

export interface SkpPeriod {
  start: IsoDate;
  end: IsoDate;
}

/** The annual SKP: 1 January – 31 December. */
export const annualPeriod = (year: number): SkpPeriod => ({ start: `${year}-01-01`, end: `${year}-12-31` });

/** A new SKP when the assignment changes mid-year: from the new assignment's first day to year end. */
export function periodFromAssignment(assignmentFrom: IsoDate): SkpPeriod {
  return { start: assignmentFrom, end: `${assignmentFrom.slice(0, 4)}-12-31` };
}
