import { invalid } from '@kinerja/domain';
import { daysBetween, addDays, endOfLocalDay, localDateOf, LocalDate } from './local-date';
import { RuleSet } from './rule-sets/rule-set';

/** When the keberatan window of one result closes, fixed when the result is received. */
export interface ObjectionWindow {
  days: number;
  timeZone: string;
  receivedOn: LocalDate;
  /** The last local calendar day on which an objection is accepted. */
  lastDay: LocalDate;
  /** The end of `lastDay` in the city's time zone, as an ISO instant. */
  closesAt: string;
}

/**
 * PP 30/2019 Pasal 59: "paling lama 14 (empat belas) hari" after the result is received, counted in
 * calendar days of the city's time zone. Day 0 is the day of receipt; the last day is day `windowDays`.
 */
export function objectionWindow(ruleSet: RuleSet, receivedAt: Date, timeZone: string): ObjectionWindow {
  if (!ruleSet.objection.allowedTimeZones.includes(timeZone))
    throw invalid(
      'TIME_ZONE_NOT_ALLOWED',
      `Zona waktu ${timeZone} tidak diizinkan; gunakan salah satu dari ${ruleSet.objection.allowedTimeZones.join(', ')}`,
      'timeZone',
    );
  const receivedOn = localDateOf(receivedAt, timeZone);
  const lastDay = addDays(receivedOn, ruleSet.objection.windowDays);
  return {
    days: ruleSet.objection.windowDays,
    timeZone,
    receivedOn,
    lastDay,
    closesAt: endOfLocalDay(lastDay, timeZone).toISOString(),
  };
}

/** Which day of the window an instant falls on, in the window's time zone (0 = day of receipt). */
export function dayOfWindow(window: ObjectionWindow, at: Date): number {
  return daysBetween(window.receivedOn, localDateOf(at, window.timeZone));
}

export function isWindowOpen(window: ObjectionWindow, at: Date): boolean {
  return at.getTime() <= Date.parse(window.closesAt);
}
