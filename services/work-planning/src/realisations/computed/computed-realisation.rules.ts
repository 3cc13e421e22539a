import { parsePeriod } from '@kinerja/contracts';
import type { IkiSource } from '../../skps/skp.events';

/** A service record as an IKI's computation reads it. */
export interface ServiceFact {
  withinStandard: boolean;
  elapsed: number;
}

/** A complaint the officer resolved, as an IKI's computation reads it. */
export interface ComplaintFact {
  withinSla: boolean;
}

const round = (n: number, decimals: number) => Math.round(n * 10 ** decimals) / 10 ** decimals;

/**
 * The realised value of an IKI bound to service records or complaints, from the facts of one
 * period: the share within the standard (or SLA) as a percentage with one decimal, the mean time
 * in the standard's unit with two, or the count. Null without any fact: nothing is realised yet.
 * Pure.
 */
export function computedValue(source: IkiSource, facts: readonly ServiceFact[] | readonly ComplaintFact[]): { value: number; recordCount: number } | null {
  if (facts.length === 0) return null;
  switch (source.measure) {
    case 'PERCENT_WITHIN_STANDARD': {
      const rows = facts as readonly ServiceFact[];
      return { value: round((rows.filter((f) => f.withinStandard).length / rows.length) * 100, 1), recordCount: rows.length };
    }
    case 'AVERAGE_TIME': {
      const rows = facts as readonly ServiceFact[];
      return { value: round(rows.reduce((sum, f) => sum + f.elapsed, 0) / rows.length, 2), recordCount: rows.length };
    }
    case 'PERCENT_WITHIN_SLA': {
      const rows = facts as readonly ComplaintFact[];
      return { value: round((rows.filter((f) => f.withinSla).length / rows.length) * 100, 1), recordCount: rows.length };
    }
    case 'COUNT':
      return { value: facts.length, recordCount: facts.length };
    default: {
      const _exhaustive: never = source;
      throw new Error(`Unknown measure ${String((_exhaustive as { measure?: unknown }).measure)}`);
    }
  }
}

/**
 * The periods a bound IKI is computed for: those it has targets for, the two semesters and the
 * year of the SKP — each only where it overlaps the SKP and has begun by `today` — cut to the SKP.
 */
export function computedPeriods(skp: { periodStart: string; periodEnd: string }, periodTargetIds: readonly string[], today: string): { periodId: string; from: string; to: string }[] {
  const year = skp.periodStart.slice(0, 4);
  const ids = [...new Set([...periodTargetIds, `${year}-S1`, `${year}-S2`, year])];
  const out: { periodId: string; from: string; to: string }[] = [];
  for (const id of ids) {
    const p = parsePeriod(id);
    if (!p || p.end < skp.periodStart || p.start > skp.periodEnd || p.start > today) continue;
    out.push({ periodId: id, from: p.start > skp.periodStart ? p.start : skp.periodStart, to: p.end < skp.periodEnd ? p.end : skp.periodEnd });
  }
  return out.sort((a, b) => a.periodId.localeCompare(b.periodId));
}
