import { addDays, daysInMonth, IsoDate } from '../organisation/dates';

export interface EvaluationPeriod {
  periodId: string;
  start: IsoDate;
  end: IsoDate;
  /** End of the Batas Pengisian, as a timestamp. */
  deadline: string;
  finalized: boolean;
}

/**
 * Evaluation periods until work-planning keeps a copy of the evaluation service's own: the id
 * names the period (`2024` annual, `2024-S1` semester, `2024-Q2` quarter, `2024-03` month, or the
 * evaluation service's `<agencyId>:2024:Q2` form), and
 * the Batas Pengisian is the end of day N after the period (WIB, UTC+7), N configured (the
 * e-Kinerja practice is the 10th of the following month). Never finalized here.
 */
export function evaluationPeriod(periodId: string, deadlineDays: number): EvaluationPeriod | null {
  const period = parse(evaluationServiceCode(periodId) ?? periodId);
  if (!period) return null;
  const deadline = new Date(`${addDays(period.end, deadlineDays)}T23:59:59.999+07:00`).toISOString();
  return { periodId, ...period, deadline, finalized: false };
}

/** The evaluation service's ids, `<agencyId>:<year>:<M01..M12 | Q1..Q4 | S1..S2 | ANNUAL>`, in the short form. */
function evaluationServiceCode(periodId: string): string | null {
  const m = /^[^:]+:(\d{4}):(M(0[1-9]|1[0-2])|Q[1-4]|S[12]|ANNUAL)$/.exec(periodId);
  if (!m) return null;
  if (m[2] === 'ANNUAL') return m[1];
  if (m[2].startsWith('M')) return `${m[1]}-${m[2].slice(1)}`;
  return `${m[1]}-${m[2]}`;
}

function parse(periodId: string): { start: IsoDate; end: IsoDate } | null {
  let m = /^(\d{4})$/.exec(periodId);
  let start: IsoDate;
  let end: IsoDate;
  if (m) {
    start = `${m[1]}-01-01`;
    end = `${m[1]}-12-31`;
  } else if ((m = /^(\d{4})-S([12])$/.exec(periodId))) {
    start = m[2] === '1' ? `${m[1]}-01-01` : `${m[1]}-07-01`;
    end = m[2] === '1' ? `${m[1]}-06-30` : `${m[1]}-12-31`;
  } else if ((m = /^(\d{4})-Q([1-4])$/.exec(periodId))) {
    const first = (Number(m[2]) - 1) * 3 + 1;
    const last = first + 2;
    start = `${m[1]}-${String(first).padStart(2, '0')}-01`;
    end = `${m[1]}-${String(last).padStart(2, '0')}-${daysInMonth(Number(m[1]), last)}`;
  } else if ((m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(periodId))) {
    start = `${m[1]}-${m[2]}-01`;
    end = `${m[1]}-${m[2]}-${daysInMonth(Number(m[1]), Number(m[2]))}`;
  } else {
    return null;
  }
  return { start, end };
}
