import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { LoadError } from '../components/LoadError';
import { useTitle } from '../hooks';
import { BarList, CurveChart, StackedList } from '../monitoring/charts';
import { dataOf, inBatches, useSection } from '../monitoring/data';
import { ListTable } from '../monitoring/ListTable';
import { ScopeFilters, useScope, type Scope } from '../monitoring/scope';
import { emptyCounts, PREDICATES, type AgencyCurve, type CityDashboard, type ComplaintStatistics, type Counts, type IkmResult, type SkpCompletion } from '../monitoring/types';
import { periodLabel } from '../periods';

const pct = (share: number) => Math.round(share * 1000) / 10;
const add = (a: Counts, b: Counts): Counts => Object.fromEntries(PREDICATES.map((p) => [p, a[p] + b[p]])) as Counts;
const YEARS = 5;

/** Per agency, or the whole city summed over agencies, the annual predicate counts of a year. */
async function predicateCounts(scope: Scope, year: number): Promise<{ byAgency: { agencyId: string; counts: Counts }[]; total: Counts }> {
  if (scope.agencyId === '') {
    const city = await dataOf<CityDashboard>(api.evaluation.GET('/city-dashboard', { params: { query: { year: String(year), code: 'ANNUAL' } as never } }));
    const byAgency = (city?.agencies ?? []).map((a) => ({ agencyId: a.agencyId, counts: a.counts }));
    return { byAgency, total: byAgency.reduce((t, a) => add(t, a.counts), emptyCounts()) };
  }
  const curve = await dataOf<AgencyCurve>(api.evaluation.GET('/periods/{periodId}/curve', { params: { path: { periodId: `${scope.agencyId}:${year}:ANNUAL` } } }));
  const total = curve?.summary.counts ?? emptyCounts();
  return { byAgency: [{ agencyId: scope.agencyId, counts: total }], total };
}

function inAgencyOrder(answer: SkpCompletion[], agencies: { id: string }[], year: number): SkpCompletion[] {
  const byAgency = new Map(answer.map((c) => [c.agencyId, c]));
  const listed = new Set(agencies.map((a) => a.id));
  return [
    ...agencies.map((a): SkpCompletion => byAgency.get(a.id) ?? { agencyId: a.id, year, employees: 0, byStatus: {}, approvedRate: 0, startedRate: 0 }),
    ...answer.filter((c) => !listed.has(c.agencyId)),
  ];
}

/**
 * Dasbor: the city's (BKPSDM, auditors) or one agency's (admin OPD, PPK) figures as charts — SKP
 * completion, predicate distribution, IKM per service unit, complaint SLA, predicates by year —
 * each list exportable as CSV and XLSX.
 */
export default function Dasbor() {
  const { t } = useTranslation();
  const scope = useScope({ allowCity: true });
  const year = Number(scope.year);
  const city = scope.agencyId === '';
  const where = city ? t('monitoring.dasbor.city') : scope.agencies.find((a) => a.id === scope.agencyId)?.name ?? scope.agencyId;
  useTitle(t('monitoring.dasbor.title'));
  const agencyName = (id: string) => scope.agencies.find((a) => a.id === id)?.name ?? id;

  // Every section asks at once: none waits for the agency list, which only names and orders what they show.
  const completionAnswer = useSection(
    async () =>
      city
        ? ((await dataOf<SkpCompletion[]>(api.workPlanning.GET('/skp-completion', { params: { query: { year: scope.year } as never } }))) ?? [])
        : [await dataOf<SkpCompletion>(api.workPlanning.GET('/agencies/{agencyId}/skp-completion', { params: { path: { agencyId: scope.agencyId }, query: { year: scope.year } as never } }))].filter((c): c is SkpCompletion => c !== null),
    [scope.agencyId, scope.year],
  );
  // The whole city in the order of the agency list (once known), an agency without employees among them.
  const completion = { ...completionAnswer, data: city && completionAnswer.data && scope.agencies.length > 0 ? inAgencyOrder(completionAnswer.data, scope.agencies, year) : completionAnswer.data };
  const trend = useSection(
    async () => inBatches(Array.from({ length: YEARS }, (_, i) => year - (YEARS - 1) + i), YEARS, async (y) => ({ year: y, ...(await predicateCounts(scope, y)) })),
    [scope.agencyId, scope.year],
  );
  const ikm = useSection(
    async () => (await dataOf<IkmResult[]>(api.feedbackIntake.GET('/skm/ikm', { params: { query: { year: scope.year, ...(city ? {} : { agencyId: scope.agencyId }) } as never } }))) ?? [],
    [scope.agencyId, scope.year],
  );
  const complaints = useSection(
    async () => (await dataOf<ComplaintStatistics[]>(api.feedbackIntake.GET('/complaints/statistics', { params: { query: (city ? {} : { agencyId: scope.agencyId }) as never } }))) ?? [],
    [scope.agencyId],
  );
  const thisYear = trend.data?.find((r) => r.year === year);

  // Complaints: by agency for the city, by category for an agency.
  const slaRows = new Map<string, { received: number; breached: number; resolved: number; open: number }>();
  for (const c of complaints.data ?? []) {
    const key = city ? c.agencyId : c.category;
    const row = slaRows.get(key) ?? { received: 0, breached: 0, resolved: 0, open: 0 };
    row.received += c.received;
    row.breached += c.slaBreached;
    row.resolved += c.resolved + c.confirmed;
    row.open += c.open;
    slaRows.set(key, row);
  }
  const sla = [...slaRows.entries()].map(([key, r]) => ({ key, ...r, withinSla: r.received ? (r.received - r.breached) / r.received : 1 }));
  const computedIkm = (ikm.data ?? []).filter((r) => r.ikm !== null);

  return (
    <>
      <h1>{t('monitoring.dasbor.title')}</h1>
      <p className="muted">{t('monitoring.dasbor.intro', { where, year })}</p>
      <ScopeFilters scope={scope} allowCity />

      <section className="card" aria-labelledby="skp">
        <h2 id="skp">{t('monitoring.dasbor.skp', { year })}</h2>
        {completion.error !== undefined && <LoadError status={completion.status} message={completion.error} onRetry={completion.reload} />}
        {completion.loading && !completion.data && <p role="status">{t('app.loading')}</p>}
        {completion.data && completion.data.length === 0 && <p>{t('monitoring.dasbor.noData')}</p>}
        {completion.data && completion.data.length > 0 && (
          <>
            {city ? (
              <BarList title={t('monitoring.dasbor.skpChart')} max={100} format={(v) => `${v}%`} items={completion.data.map((c) => ({ key: c.agencyId, label: agencyName(c.agencyId), value: pct(c.approvedRate), note: t('monitoring.dasbor.ofEmployees', { count: c.employees }) }))} />
            ) : (
              <BarList
                title={t('monitoring.dasbor.skpStatusChart')}
                items={Object.entries(completion.data[0].byStatus).map(([status, n]) => ({ key: status, label: t(`status.${status}`, { defaultValue: status }), value: n }))}
              />
            )}
            <ListTable
              caption={t('monitoring.dasbor.skpTable', { year })}
              fileName={`penyelesaian-skp-${year}`}
              columns={[t('monitoring.agency'), t('monitoring.dasbor.employees'), t('monitoring.dasbor.approved'), t('monitoring.dasbor.approvedRate'), t('monitoring.dasbor.startedRate')]}
              rows={completion.data.map((c) => [agencyName(c.agencyId), c.employees, c.byStatus.APPROVED ?? 0, pct(c.approvedRate), pct(c.startedRate)])}
            />
          </>
        )}
      </section>

      <section className="card" aria-labelledby="predikat">
        <h2 id="predikat">{t('monitoring.dasbor.predicates', { year })}</h2>
        {trend.error !== undefined && <LoadError status={trend.status} message={trend.error} onRetry={trend.reload} />}
        {trend.loading && !trend.data && <p role="status">{t('app.loading')}</p>}
        {thisYear && (
          <>
            <CurveChart counts={thisYear.total} title={t('monitoring.dasbor.predicatesChart', { where, year })} />
            {city && thisYear.byAgency.length > 0 && <StackedList title={t('monitoring.dasbor.predicatesByAgency')} rows={thisYear.byAgency.map((a) => ({ key: a.agencyId, label: agencyName(a.agencyId), counts: a.counts }))} />}
            <ListTable
              caption={t('monitoring.dasbor.predicatesTable', { year })}
              fileName={`distribusi-predikat-${year}`}
              columns={[t('monitoring.agency'), ...PREDICATES.map((p) => t(`penilaian.predicates.${p}`)), t('monitoring.dasbor.total')]}
              rows={thisYear.byAgency.map((a) => [agencyName(a.agencyId), ...PREDICATES.map((p) => a.counts[p]), PREDICATES.reduce((n, p) => n + a.counts[p], 0)])}
            />
          </>
        )}
      </section>

      <section className="card" aria-labelledby="ikm">
        <h2 id="ikm">{t('monitoring.dasbor.ikm', { year })}</h2>
        {ikm.error !== undefined && <LoadError status={ikm.status} message={ikm.error} onRetry={ikm.reload} />}
        {ikm.data && ikm.data.length === 0 && <p>{t('monitoring.dasbor.noIkm')}</p>}
        {computedIkm.length > 0 && (
          <BarList title={t('monitoring.dasbor.ikmChart')} max={100} format={(v) => v.toFixed(2)} items={computedIkm.map((r) => ({ key: `${r.unitId}/${r.periodId}`, label: `${r.unitName ?? r.unitId}, ${periodLabel(t, r.periodId)}`, value: Number(r.ikm), note: `${r.grade} ${r.label ?? ''}`.trim() }))} />
        )}
        {ikm.data && ikm.data.length > 0 && (
          <ListTable
            caption={t('monitoring.dasbor.ikmTable', { year })}
            fileName={`ikm-${year}`}
            columns={[t('monitoring.dasbor.unit'), t('monitoring.agency'), t('monitoring.period'), t('monitoring.dasbor.ikmValue'), t('monitoring.dasbor.grade'), t('monitoring.dasbor.respondents')]}
            rows={ikm.data.map((r) => [r.unitName ? `${r.unitName} (${r.unitId})` : r.unitId, agencyName(r.agencyId), periodLabel(t, r.periodId), r.ikm, r.grade ? `${r.grade} (${r.label})` : t(`monitoring.dasbor.ikmStatus.${r.status}`), r.respondentCount ?? r.responseCount])}
          />
        )}
      </section>

      <section className="card" aria-labelledby="sla">
        <h2 id="sla">{t('monitoring.dasbor.sla')}</h2>
        {complaints.error !== undefined && <LoadError status={complaints.status} message={complaints.error} onRetry={complaints.reload} />}
        {complaints.data && sla.length === 0 && <p>{t('monitoring.dasbor.noComplaints')}</p>}
        {sla.length > 0 && (
          <>
            <BarList title={t('monitoring.dasbor.slaChart')} max={100} format={(v) => `${v}%`} items={sla.map((r) => ({ key: r.key, label: city ? agencyName(r.key) : r.key, value: pct(r.withinSla), note: t('monitoring.dasbor.ofComplaints', { count: r.received }) }))} />
            <ListTable
              caption={t('monitoring.dasbor.slaTable')}
              fileName="sla-pengaduan"
              columns={[city ? t('monitoring.agency') : t('monitoring.dasbor.category'), t('monitoring.dasbor.received'), t('monitoring.dasbor.open'), t('monitoring.dasbor.resolved'), t('monitoring.dasbor.breached'), t('monitoring.dasbor.withinSla')]}
              rows={sla.map((r) => [city ? agencyName(r.key) : r.key, r.received, r.open, r.resolved, r.breached, pct(r.withinSla)])}
            />
          </>
        )}
      </section>

      <section className="card" aria-labelledby="tren">
        <h2 id="tren">{t('monitoring.dasbor.trend', { from: year - YEARS + 1, to: year })}</h2>
        {trend.data && (
          <>
            <StackedList title={t('monitoring.dasbor.trendChart', { where })} rows={trend.data.map((r) => ({ key: String(r.year), label: String(r.year), counts: r.total }))} />
            <ListTable
              caption={t('monitoring.dasbor.trendTable', { where })}
              fileName={`tren-predikat-${year - YEARS + 1}-${year}`}
              columns={[t('monitoring.year'), ...PREDICATES.map((p) => t(`penilaian.predicates.${p}`)), t('monitoring.dasbor.total')]}
              rows={trend.data.map((r) => [r.year, ...PREDICATES.map((p) => r.total[p]), PREDICATES.reduce((n, p) => n + r.total[p], 0)])}
            />
          </>
        )}
      </section>
    </>
  );
}
