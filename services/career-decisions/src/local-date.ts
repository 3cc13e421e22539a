import { isLocalDate, LocalDate, padNumber as pad } from '@kinerja/domain';

export { isLocalDate };
export type { LocalDate };

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
