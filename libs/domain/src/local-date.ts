/**
 * Calendar dates as people in a city read them (`YYYY-MM-DD`) and the instants they start and end
 * in a time zone. Time-zone conversion uses Intl.DateTimeFormat only.
 */

/** A calendar date as people in a city read it, `YYYY-MM-DD`. */
export type LocalDate = string;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string') return false;
  const m = LOCAL_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

export function isValidTimeZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || zone === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function wallClock(instant: Date, timeZone: string) {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return parts as { year: number; month: number; day: number; hour: number; minute: number; second: number };
}

export const padNumber = (n: number, width = 2) => String(n).padStart(width, '0');
const toUtcMs = (date: LocalDate) => Date.parse(`${date}T00:00:00Z`);
const fromUtcMs = (ms: number): LocalDate => new Date(ms).toISOString().slice(0, 10);

/** The calendar date of an instant in a time zone. */
export function localDateOf(instant: Date, timeZone: string): LocalDate {
  const w = wallClock(instant, timeZone);
  return `${padNumber(w.year, 4)}-${padNumber(w.month)}-${padNumber(w.day)}`;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromUtcMs(toUtcMs(date) + days * DAY_MS);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS);
}

/** Offset of the zone from UTC at an instant, in milliseconds (WIB = +7 h). */
function offsetMs(instant: Date, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant at which a local calendar date starts (local midnight) in a time zone. */
export function startOfLocalDay(date: LocalDate, timeZone: string): Date {
  const guess = toUtcMs(date);
  let instant = guess - offsetMs(new Date(guess), timeZone);
  // A second pass settles zones whose offset differs at the guess (DST); Indonesian zones have none.
  instant = guess - offsetMs(new Date(instant), timeZone);
  return new Date(instant);
}

/** The last millisecond of a local calendar date in a time zone. */
export function endOfLocalDay(date: LocalDate, timeZone: string): Date {
  return new Date(startOfLocalDay(addDays(date, 1), timeZone).getTime() - 1);
}

export function lastDayOfMonth(year: number, month: number): LocalDate {
  return fromUtcMs(Date.UTC(year, month, 0));
}

export function localDate(year: number, month: number, day: number): LocalDate {
  return `${padNumber(year, 4)}-${padNumber(month)}-${padNumber(day)}`;
}

const LONG_DATE = new Intl.DateTimeFormat('id-ID', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** A calendar date as written in Bahasa Indonesia: `2023-04-01` → "1 April 2023" (for text people read: reasons, documents). */
export function tanggalPanjang(date: LocalDate): string {
  return LONG_DATE.format(new Date(toUtcMs(date)));
}
