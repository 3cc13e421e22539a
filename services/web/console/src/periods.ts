import type { TFunction } from 'i18next';
import { api } from './api/client';
import type { Period } from './api/types';
import { useLoad } from './hooks';

const ROMAN = ['I', 'II', 'III', 'IV'];

/** The name of a period of the one vocabulary (`2026`, `2026-S1`, `2026-Q2`, `2026-M04`) in Bahasa Indonesia. */
export function periodLabel(t: TFunction, periodId: string): string {
  const m = /^(\d{4})(?:-([SQM])(\d{1,2}))?$/.exec(periodId);
  if (!m) return periodId;
  const [, year, kind, n] = m;
  if (!kind) return t('period.annual', { year });
  if (kind === 'M') return t('period.month', { year, month: t(`period.months.${Number(n)}`) });
  return t(kind === 'S' ? 'period.semester' : 'period.quarter', { year, n: ROMAN[Number(n) - 1] });
}

/**
 * An agency's evaluation period (`DINKES:2026:S1`, `DINKES:2026:ANNUAL`, `DINKES:2026:M04`) by the
 * name of its period in the one vocabulary; an id of another shape as it is.
 */
export function agencyPeriodLabel(t: TFunction, periodId: string): string {
  const m = /^[^:]+:(\d{4}):(ANNUAL|[SQ]\d|M\d{2})$/.exec(periodId);
  return m ? periodLabel(t, m[2] === 'ANNUAL' ? m[1] : `${m[1]}-${m[2]}`) : periodId;
}

/** The agency's evaluation periods of a year (evaluation's calendar): their names and ids in the vocabulary. */
export function useAgencyPeriods(agencyId: string, year: string) {
  return useLoad<{ periods: Period[] }>(
    () => api.evaluation.GET('/agencies/{agencyId}/periods', { params: { path: { agencyId }, query: { year } as never } }),
    [agencyId, year],
  );
}

/** The periodic periods of a year in the vocabulary: the agency's calendar, else its two semesters. */
export function periodicIds(periods: Period[] | undefined, year: string): string[] {
  const set = (periods ?? []).filter((p) => p.kind !== 'ANNUAL' && p.factsPeriodId).map((p) => p.factsPeriodId as string);
  return set.length > 0 ? set : [`${year}-S1`, `${year}-S2`];
}
