import { addDays, computeSlaDeadline, isWorkingDay, localDateOf, startOfLocalDate, WorkingCalendar } from '../sla/working-calendar.rules';
import { ServiceTime } from './service-delivery.events';

const HOUR_MS = 3_600_000;

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Working hours between two instants: the time that falls on working days of the city's calendar
 * (a weekend or a holiday in between does not count against the officer). Pure.
 */
export function workingHoursBetween(from: Date, to: Date, calendar: WorkingCalendar): number {
  if (to.getTime() <= from.getTime()) return 0;
  let total = 0;
  let day = localDateOf(from, calendar.timeZone);
  const lastDay = localDateOf(to, calendar.timeZone);
  // An application open for more than ten years is a data error the validation refuses first.
  for (let guard = 0; guard < 3700; guard++) {
    if (isWorkingDay(day, calendar)) {
      const start = Math.max(startOfLocalDate(day, calendar.timeZone).getTime(), from.getTime());
      const end = Math.min(startOfLocalDate(addDays(day, 1), calendar.timeZone).getTime(), to.getTime());
      if (end > start) total += end - start;
    }
    if (day === lastDay) break;
    day = addDays(day, 1);
  }
  return total / HOUR_MS;
}

/** Working days from the day of receipt (not counted) to the day of completion (counted). */
export function workingDaysBetween(from: Date, to: Date, calendar: WorkingCalendar): number {
  let day = localDateOf(from, calendar.timeZone);
  const lastDay = localDateOf(to, calendar.timeZone);
  let count = 0;
  for (let guard = 0; guard < 3700 && day < lastDay; guard++) {
    day = addDays(day, 1);
    if (isWorkingDay(day, calendar)) count++;
  }
  return count;
}

/**
 * How long an application took, in the standard's unit, and whether it met the standard. A
 * standard in working days is met when the application completed before the end of the last
 * working day it allows, counted as a complaint's SLA is (the same calendar, the same receipt-day
 * convention); one in hours when the working hours taken do not exceed it.
 */
export function judge(receivedAt: Date, completedAt: Date, standard: ServiceTime, calendar: WorkingCalendar): { elapsed: number; withinStandard: boolean } {
  switch (standard.unit) {
    case 'HOURS': {
      const hours = workingHoursBetween(receivedAt, completedAt, calendar);
      return { elapsed: round2(hours), withinStandard: hours <= standard.amount };
    }
    case 'WORKING_DAYS': {
      const due = computeSlaDeadline(receivedAt, standard.amount, calendar);
      return { elapsed: workingDaysBetween(receivedAt, completedAt, calendar), withinStandard: completedAt.getTime() < Date.parse(due.dueAt) };
    }
    default: {
      const _exhaustive: never = standard.unit;
      throw new Error(`Unknown service time unit ${String(_exhaustive)}`);
    }
  }
}
