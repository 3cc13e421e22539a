/**
 * The period vocabulary every service speaks (issue 14 §2, docs/design.md §10): a period is named by
 * its year and, inside the year, a semester, a quarter or a month.
 *
 * | id          | period                      |
 * |-------------|-----------------------------|
 * | `2026`      | the year (annual)           |
 * | `2026-S1`   | semester 1 (January – June) |
 * | `2026-Q3`   | quarter 3 (July – September)|
 * | `2026-M04`  | April                       |
 *
 * Anything else is refused with a 400 naming the field. The evaluation service's own period ids are
 * an agency's calendar, `<agencyId>:<year>:<code>` (code `ANNUAL`, `S1`, `Q3`, `M04`); they name the
 * same periods (`periodOfEvaluationCode`).
 */
export type PeriodKind = 'ANNUAL' | 'SEMESTER' | 'QUARTER' | 'MONTH';

export interface Period {
  /** The vocabulary id, e.g. `2026-S1`. */
  id: string;
  year: number;
  kind: PeriodKind;
  /** 1 for the year; 1–2 semester, 1–4 quarter, 1–12 month. */
  index: number;
  /** First and last day (YYYY-MM-DD). */
  start: string;
  end: string;
}

export const PERIOD_ID_PATTERN = '^[0-9]{4}(-(S[12]|Q[1-4]|M(0[1-9]|1[0-2])))?$';
const PATTERN = new RegExp(PERIOD_ID_PATTERN);

/** What every service's documentation says of a period id (OpenAPI descriptions, error messages). */
export const PERIOD_ID_DESCRIPTION =
  'Period: `2026` (year), `2026-S1`/`2026-S2` (semester), `2026-Q1`..`2026-Q4` (quarter), `2026-M01`..`2026-M12` (month)';

/** The Indonesian error message of an id outside the vocabulary. */
export const PERIOD_ID_MESSAGE = 'Periode harus berbentuk 2026, 2026-S1..S2, 2026-Q1..Q4 atau 2026-M01..M12.';

const pad2 = (n: number) => String(n).padStart(2, '0');
const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

function span(year: number, firstMonth: number, months: number): { start: string; end: string } {
  const lastMonth = firstMonth + months - 1;
  return { start: `${year}-${pad2(firstMonth)}-01`, end: `${year}-${pad2(lastMonth)}-${pad2(daysInMonth(year, lastMonth))}` };
}

export const isPeriodId = (value: unknown): value is string => typeof value === 'string' && PATTERN.test(value);

/** The period an id names, or null when the id is outside the vocabulary. */
export function parsePeriod(id: unknown): Period | null {
  if (!isPeriodId(id)) return null;
  const year = Number(id.slice(0, 4));
  if (id.length === 4) return { id, year, kind: 'ANNUAL', index: 1, ...span(year, 1, 12) };
  const letter = id[5];
  const index = Number(id.slice(6));
  switch (letter) {
    case 'S':
      return { id, year, kind: 'SEMESTER', index, ...span(year, (index - 1) * 6 + 1, 6) };
    case 'Q':
      return { id, year, kind: 'QUARTER', index, ...span(year, (index - 1) * 3 + 1, 3) };
    default:
      return { id, year, kind: 'MONTH', index, ...span(year, index, 1) };
  }
}

/** The id of the period an evaluation calendar code names (`ANNUAL` → `2026`, `S1` → `2026-S1`), or null. */
export function periodOfEvaluationCode(year: number, code: string): string | null {
  const id = code === 'ANNUAL' ? String(year) : `${year}-${code}`;
  return isPeriodId(id) ? id : null;
}

/** Whether period `inner` lies within `outer` (a period lies within itself). */
export function periodWithin(inner: Period, outer: { start: string; end: string }): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

/** The period containing a day (YYYY-MM-DD) of a given kind, e.g. (`2026-05-02`, SEMESTER) → `2026-S1`. */
export function periodContaining(day: string, kind: PeriodKind): string {
  const year = day.slice(0, 4);
  const month = Number(day.slice(5, 7));
  switch (kind) {
    case 'ANNUAL':
      return year;
    case 'SEMESTER':
      return `${year}-S${month <= 6 ? 1 : 2}`;
    case 'QUARTER':
      return `${year}-Q${Math.ceil(month / 3)}`;
    case 'MONTH':
      return `${year}-M${pad2(month)}`;
  }
}
