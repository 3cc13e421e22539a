import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import type { EmployeeSkpItem, Evaluation, EvaluationHistory, EvaluationTeamBoard, Period, Realisation, SkpDocument } from '../api/types';
import { cityToday, daysBetween, formatDate } from '../format';
import { useLoad } from '../hooks';
import { LoadError } from './LoadError';

type Result = { data?: unknown; error?: unknown; response: Response };

/** One thing due: what, by when (a calendar date, or none when the rules set none), and where to do it. */
export interface DueItem {
  key: string;
  text: string;
  by: string | null;
  /** For the keberatan window: the days left counted as the Penilaian page counts them. */
  window?: { lastDay: string };
  link: { to: string; label: string };
}

/** The periods of the year whose entries are open today: started, batas pengisian not yet passed. */
const openPeriods = (periods: Period[], today: string) => periods.filter((p) => p.startDate <= today && today <= p.fillDeadline);

const periodsOf = (agencyId: string, year: number) =>
  api.evaluation.GET('/agencies/{agencyId}/periods', { params: { path: { agencyId }, query: { year: String(year) } as never } });
const periodsIn = (result: Result): Period[] => (result.data as { periods: Period[] }).periods;

/** Both loaders answer a Result for useLoad: the first failed answer, or the items. */
const failed = (results: Result[]) => results.find((r) => !r.response.ok);

/**
 * The keberatan windows of the ratings just set: the evaluation history and the calendar (for the
 * periods' names) at once, then each rating set. Needs nothing from the SKP list, so it starts with it.
 */
async function keberatanDue(nip: string, agencyId: string, today: string, t: TFunction): Promise<Result> {
  const year = Number(today.slice(0, 4));
  const items: DueItem[] = [];
  const [history, calendar] = await Promise.all([api.evaluation.GET('/employees/{nip}/evaluation-history', { params: { path: { nip } } }), periodsOf(agencyId, year)]);
  if (!history.response.ok) return history;
  if (!calendar.response.ok) return calendar;
  const names = new Map(periodsIn(calendar).map((p) => [p.periodId, p.name]));
  const set = (history.data as unknown as EvaluationHistory).years.flatMap((y) => y.evaluations).filter((e) => e.status === 'PREDICATE_SET');
  const evaluations = await Promise.all(set.map((e) => api.evaluation.GET('/evaluations/{evaluationId}', { params: { path: { evaluationId: e.evaluationId } } })));
  const bad = failed(evaluations);
  if (bad) return bad;
  for (const e of evaluations.map((r) => r.data as unknown as Evaluation)) {
    const w = e.objectionWindow;
    if (w && today <= w.lastDay) items.push({ key: `keberatan-${e.evaluationId}`, text: t('due.keberatan', { period: names.get(e.periodId) ?? e.periodId }), by: w.lastDay, window: { lastDay: w.lastDay }, link: { to: '/penilaian', label: t('due.keberatanLink') } });
  }
  return { data: items, response: history.response };
}

/**
 * The realisations still to enter in each open period of the approved SKP (batas pengisian from the
 * evaluation calendar): the calendar, the SKP's rows and all its realisations in one round.
 */
async function realisasiDue(agencyId: string, skp: EmployeeSkpItem | undefined, today: string, t: TFunction): Promise<Result | undefined> {
  const year = Number(today.slice(0, 4));
  if (!skp || skp.versions === 0 || !skp.periodStart.startsWith(String(year))) return undefined;
  const [calendar, doc, recorded] = await Promise.all([
    periodsOf(agencyId, year),
    api.workPlanning.GET('/skps/{id}', { params: { path: { id: skp.skpId }, query: { version: String(skp.versions) } } }),
    api.workPlanning.GET('/skps/{skpId}/realisations', { params: { path: { skpId: skp.skpId } } }),
  ]);
  const bad = failed([calendar, doc, recorded]);
  if (bad) return bad;
  // Realisations are recorded under the period of the one vocabulary (`2026-S1`) that the agency's evaluation period names.
  const periods = openPeriods(periodsIn(calendar), today).filter((p) => p.kind !== 'ANNUAL' && p.factsPeriodId);
  const total = (doc.data as unknown as SkpDocument).hasilKerja.flatMap((s) => s.rows).length;
  const realisations = (recorded.data as unknown as { realisations: Realisation[] }).realisations;
  const items: DueItem[] = [];
  for (const p of periods) {
    const filled = new Set(realisations.filter((r) => r.periodId === p.factsPeriodId).map((r) => r.ikiId)).size;
    if (filled < total) items.push({ key: `realisasi-${p.periodId}`, text: t('due.realisasi', { period: p.name, filled, total }), by: p.fillDeadline, link: { to: '/realisasi', label: t('due.realisasiLink') } });
  }
  return { data: items, response: calendar.response };
}

/** What the pejabat penilai has to do and by when: the ratings of each open period (the SKP waiting for approval are counted beside). */
async function supervisorDue(agencyId: string, today: string, t: TFunction): Promise<Result> {
  const year = Number(today.slice(0, 4));
  const items: DueItem[] = [];
  const calendar = await periodsOf(agencyId, year);
  if (!calendar.response.ok) return calendar;
  const periods = openPeriods(periodsIn(calendar), today);
  const boards = await Promise.all(periods.map((p) => api.evaluation.GET('/periods/{periodId}/team-board', { params: { path: { periodId: p.periodId } } })));
  const bad = failed(boards);
  if (bad) return bad;
  periods.forEach((p, i) => {
    const count = (boards[i].data as unknown as EvaluationTeamBoard).team.filter((m) => m.status === 'NOT_SUBMITTED').length;
    if (count > 0) items.push({ key: `penilaian-${p.periodId}`, text: t('due.penilaian', { period: p.name, count }), by: p.fillDeadline, link: { to: '/penilaian', label: t('due.penilaianLink') } });
  });
  return { data: items, response: calendar.response };
}

/**
 * "Yang perlu dikerjakan": only what the services say is open, soonest first; nothing invented.
 * `skp` is the current SKP once the SKP list has answered (`null` when there is none), `undefined`
 * while it loads: what needs no SKP is asked meanwhile, so the page waits two rounds of requests.
 */
export function DueList({ nip, agencyId, supervisor, skp }: { nip: string; agencyId: string; supervisor: boolean; skp: EmployeeSkpItem | null | undefined }) {
  const { t } = useTranslation();
  const today = cityToday();
  const independent = useLoad<DueItem[]>(
    async () => {
      // A pejabat penilai is a pegawai too: their own deadlines come with their team's.
      const results = await Promise.all([keberatanDue(nip, agencyId, today, t), ...(supervisor ? [supervisorDue(agencyId, today, t)] : [])]);
      return failed(results) ?? { data: results.flatMap((r) => r.data as DueItem[]), response: results[0].response };
    },
    [nip, agencyId, supervisor, today],
  );
  const ofSkp = useLoad<DueItem[] | null>(
    async () => (skp === undefined ? { data: null, response: new Response(null, { status: 204 }) } : ((await realisasiDue(agencyId, skp ?? undefined, today, t)) ?? { data: [], response: new Response(null, { status: 204 }) })),
    [agencyId, skp === undefined, skp?.skpId, skp?.versions, today],
  );
  const error = independent.error !== undefined ? independent : ofSkp.error !== undefined ? ofSkp : undefined;
  const due = {
    data: independent.data && ofSkp.data ? [...independent.data, ...ofSkp.data] : undefined,
    loading: independent.loading || ofSkp.loading || !ofSkp.data,
  };
  const items = [...(due.data ?? [])].sort((a, b) => (a.by ?? '').localeCompare(b.by ?? ''));
  return (
    <section className="card" aria-labelledby="tenggat">
      <h2 id="tenggat">{t('due.title')}</h2>
      {due.loading && !due.data && !error && <p>{t('app.loading')}</p>}
      {error && <LoadError status={error.status} message={error.error} onRetry={error.reload} />}
      {due.data && items.length === 0 && <p className="none-due">{t('due.none')}</p>}
      {items.length > 0 && (
        <ul className="due">
          {items.map((item) => (
            <li key={item.key}>
              <strong>{item.text}</strong>
              {item.window ? (
                <> — {t('penilaian.daysLeft', { count: daysBetween(today, item.window.lastDay) + 1, date: formatDate(item.window.lastDay) })}</>
              ) : (
                item.by && (
                  <>
                    {' '}
                    — {t('due.by', { date: formatDate(item.by) })} ({daysBetween(today, item.by) === 0 ? t('due.today') : t('due.daysLeft', { count: daysBetween(today, item.by) })})
                  </>
                )
              )}{' '}
              <Link to={item.link.to}>{item.link.label}</Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
