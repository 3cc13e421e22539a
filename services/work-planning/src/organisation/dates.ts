/**
 * Calendar dates as ISO strings (`YYYY-MM-DD`): they compare correctly as strings and carry no
 * time zone. Intervals are inclusive on both ends; an open end is `null`.
 */
export type IsoDate = string;

export interface DateRange {
  from: IsoDate;
  to: IsoDate | null;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const END_OF_TIME = '9999-12-31';

export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  return isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export function overlaps(a: DateRange, b: DateRange): boolean {
  return a.from <= (b.to ?? END_OF_TIME) && b.from <= (a.to ?? END_OF_TIME);
}

export function contains(range: DateRange, date: IsoDate): boolean {
  return range.from <= date && date <= (range.to ?? END_OF_TIME);
}

/** The calendar date of an ISO timestamp (UTC). */
export function dateOf(timestamp: string): IsoDate {
  return timestamp.slice(0, 10);
}
