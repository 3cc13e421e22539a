/**
 * Working-day calendar for complaint SLAs: weekends, national holidays and cuti bersama as data,
 * in the city's time zone. Local dates are 'YYYY-MM-DD' strings; instants are `Date`s.
 * Time-zone conversion uses Intl.DateTimeFormat only.
 */
import { localDateOf, startOfLocalDay } from '@kinerja/domain';

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export type LocalDate = string;

export interface Holiday {
  date: LocalDate;
  name: string;
  kind: 'LIBUR_NASIONAL' | 'CUTI_BERSAMA' | 'LIBUR_DAERAH';
}

export interface WorkingCalendar {
  /** Reported on every deadline so a later audit knows which calendar was applied. */
  version: string;
  /** IANA zone of the city: Asia/Jakarta (WIB), Asia/Makassar (WITA) or Asia/Jayapura (WIT). */
  timeZone: string;
  weekendDays: readonly IsoWeekday[];
  holidays: readonly Holiday[];
  /**
   * When set ('HH:MM', local), a complaint received on a working day before this time counts that
   * day as its first working day. When absent the receipt day never counts. The counting
   * convention is not in any source read (docs/regulations.md marks such values [U]): configuration.
   */
  receiptDayCountsBefore?: string;
}

export const INDONESIAN_TIME_ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;

export interface SlaDeadline {
  workingDays: number;
  /** Local date of the last working day of the SLA. */
  dueOn: LocalDate;
  /** The first instant after the SLA: local midnight ending `dueOn`, ISO UTC. */
  dueAt: string;
  timeZone: string;
  calendarVersion: string;
}

const DAY_MS = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

function parseDate(date: LocalDate): { y: number; m: number; d: number } {
  const match = DATE_PATTERN.exec(date);
  if (!match) throw new Error(`Not a local date: "${date}"`);
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

const epochDay = (date: LocalDate): number => {
  const { y, m, d } = parseDate(date);
  return Date.UTC(y, m - 1, d) / DAY_MS;
};
const fromEpochDay = (day: number): LocalDate => new Date(day * DAY_MS).toISOString().slice(0, 10);

export const addDays = (date: LocalDate, days: number): LocalDate => fromEpochDay(epochDay(date) + days);

export function isoWeekday(date: LocalDate): IsoWeekday {
  const sundayZero = new Date(epochDay(date) * DAY_MS).getUTCDay();
  return (sundayZero === 0 ? 7 : sundayZero) as IsoWeekday;
}

export { localDateOf };

/** The instant at which the local date starts (local midnight) in the zone. */
export function startOfLocalDate(date: LocalDate, timeZone: string): Date {
  parseDate(date);
  return startOfLocalDay(date, timeZone);
}

export function holidayOn(date: LocalDate, calendar: WorkingCalendar): Holiday | undefined {
  return calendar.holidays.find((h) => h.date === date);
}

export function isWorkingDay(date: LocalDate, calendar: WorkingCalendar): boolean {
  return !calendar.weekendDays.includes(isoWeekday(date)) && holidayOn(date, calendar) === undefined;
}

/** The `count`-th working day strictly after `date` (count ≥ 1). */
export function nthWorkingDayAfter(date: LocalDate, count: number, calendar: WorkingCalendar): LocalDate {
  let current = date;
  let remaining = count;
  // A calendar with every day off would loop forever; ten years of searching is a config error.
  for (let guard = 0; guard < 3660; guard++) {
    current = addDays(current, 1);
    if (isWorkingDay(current, calendar) && --remaining === 0) return current;
  }
  throw new Error('The working calendar has no working days');
}

export function computeSlaDeadline(receivedAt: Date, workingDays: number, calendar: WorkingCalendar): SlaDeadline {
  if (!Number.isInteger(workingDays) || workingDays < 1) throw new Error(`SLA must be a positive whole number of working days, got ${workingDays}`);
  const receivedOn = localDateOf(receivedAt, calendar.timeZone);
  const dueOn = nthWorkingDayAfter(receiptDayCounts(receivedAt, receivedOn, calendar) ? addDays(receivedOn, -1) : receivedOn, workingDays, calendar);
  return {
    workingDays,
    dueOn,
    dueAt: startOfLocalDate(addDays(dueOn, 1), calendar.timeZone).toISOString(),
    timeZone: calendar.timeZone,
    calendarVersion: calendar.version,
  };
}

function receiptDayCounts(receivedAt: Date, receivedOn: LocalDate, calendar: WorkingCalendar): boolean {
  if (!calendar.receiptDayCountsBefore || !isWorkingDay(receivedOn, calendar)) return false;
  const [hour, minute] = calendar.receiptDayCountsBefore.split(':').map(Number);
  const cutoff = startOfLocalDate(receivedOn, calendar.timeZone).getTime() + (hour * 60 + minute) * 60_000;
  return receivedAt.getTime() < cutoff;
}

/** True from the deadline instant on. */
export function isSlaBreached(deadline: Pick<SlaDeadline, 'dueAt'>, at: Date): boolean {
  return at.getTime() >= Date.parse(deadline.dueAt);
}

/** Problems with a calendar, for validation at boot; empty when it is usable. */
export function workingCalendarProblems(calendar: WorkingCalendar): string[] {
  const problems: string[] = [];
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: calendar.timeZone });
  } catch {
    problems.push(`unknown time zone "${calendar.timeZone}"`);
  }
  for (const day of calendar.weekendDays) {
    if (!Number.isInteger(day) || day < 1 || day > 7) problems.push(`weekend day ${day} is not an ISO weekday 1–7`);
  }
  if (new Set(calendar.weekendDays).size >= 7) problems.push('every weekday is a weekend day');
  const seen = new Set<string>();
  for (const holiday of calendar.holidays) {
    const valid = DATE_PATTERN.test(holiday.date) && fromEpochDay(epochDay(holiday.date)) === holiday.date;
    if (!valid) problems.push(`holiday "${holiday.name}" has an invalid date "${holiday.date}"`);
    if (seen.has(holiday.date)) problems.push(`holiday date ${holiday.date} is listed twice`);
    seen.add(holiday.date);
  }
  if (calendar.receiptDayCountsBefore !== undefined && !TIME_PATTERN.test(calendar.receiptDayCountsBefore)) {
    problems.push(`receiptDayCountsBefore "${calendar.receiptDayCountsBefore}" is not HH:MM`);
  }
  return problems;
}
