/** A calendar date as people in a city read it, `YYYY-MM-DD`. */
export type LocalDate = string;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string') return false;
  const m = LOCAL_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export const yearOf = (date: LocalDate) => Number(date.slice(0, 4));

/** `MM-DD` of a date. */
export const monthDayOf = (date: LocalDate) => date.slice(5);

/** The date `months` calendar months later; a day missing in the target month becomes its last day (31 Aug + 6 months = 28/29 Feb). */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const [y, m, d] = date.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d, lastDay))}`;
}

export const addYears = (date: LocalDate, years: number) => addMonths(date, years * 12);

export function addDays(date: LocalDate, days: number): LocalDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The UTC calendar date of an instant; the edge passes dates already in the city's calendar. */
export const utcDateOf = (instant: Date): LocalDate => instant.toISOString().slice(0, 10);
