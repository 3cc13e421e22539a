import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, outcomeOf, type Outcome } from '../api/client';
import type { Calendar, CalendarPeriod, RatingProgress, Reminder, ReminderStage, SkpProgress } from '../api/hr-types';
import { AgencyPicker, useAgencyChoice } from '../components/AgencyPicker';
import { LoadError } from '../components/LoadError';
import { OutcomeNote } from '../components/Outcome';
import { cityToday, formatDate, formatDateTime } from '../format';
import { useLoad, useTitle } from '../hooks';
import { DataTable } from '../components/TableRegion';
import { SelectField } from '../components/SelectField';

const CADENCES = ['SEMESTER', 'QUARTERLY', 'MONTHLY'] as const;
const STAGES: ReminderStage[] = ['SUBMIT_SKP', 'APPROVE_SKP', 'REALISE', 'RATE'];

/** HR's page of evaluation periods (issue 17 §2): the calendar per agency, who has not yet done each stage, reminders. */
export default function Periode() {
  const { t } = useTranslation();
  useTitle(t('periode.title'));
  const { agencyId, setAgencyId, fixed } = useAgencyChoice();
  const thisYear = Number(cityToday().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  return (
    <>
      <h1>{t('periode.title')}</h1>
      <AgencyPicker agencyId={agencyId} onChange={setAgencyId} fixed={fixed} />
      <SelectField id="tahun" label={t('periode.year')} value={year} onChange={(value) => setYear(Number(value))} options={[thisYear - 1, thisYear, thisYear + 1].map((y) => [y, y] as const)} narrow />
      {agencyId && <CalendarSection key={`${agencyId}-${year}`} agencyId={agencyId} year={year} />}
    </>
  );
}

function CalendarSection({ agencyId, year }: { agencyId: string; year: number }) {
  const { t } = useTranslation();
  const calendar = useLoad<Calendar>(() => api.evaluation.GET('/agencies/{agencyId}/periods', { params: { path: { agencyId }, query: { year } as never } }), [agencyId, year]);
  const [chosen, setChosen] = useState('');
  const periods = calendar.data?.periods ?? [];
  useEffect(() => {
    if (periods.length === 0 || periods.some((p) => p.periodId === chosen)) return;
    const today = cityToday();
    // The period running today, else the last one that has ended, else the first.
    const running = periods.find((p) => p.kind !== 'ANNUAL' && p.startDate <= today && today <= p.endDate);
    const ended = [...periods].filter((p) => p.kind !== 'ANNUAL' && p.endDate < today).pop();
    setChosen((running ?? ended ?? periods[0]).periodId);
  }, [periods, chosen]);
  const period = periods.find((p) => p.periodId === chosen);
  return (
    <>
      <section className="card" aria-labelledby="kalender">
        <h2 id="kalender">{t('periode.calendar', { year })}</h2>
        {calendar.error !== undefined && <LoadError status={calendar.status} message={calendar.error} onRetry={calendar.reload} />}
        {calendar.data && periods.length === 0 && <SetUp agencyId={agencyId} year={year} onDone={calendar.reload} />}
        {calendar.data && periods.length > 0 && (
          <>
            <p className="muted">
              {t('periode.cadence')}: {t(`periode.cadences.${calendar.data.cadence}`, { defaultValue: calendar.data.cadence ?? '' })} ·{' '}
              {t('periode.ruleSet', { version: calendar.data.ruleSetVersion })}
            </p>
            <PeriodTable agencyId={agencyId} year={year} periods={periods} onChanged={calendar.reload} />
          </>
        )}
      </section>
      {periods.length > 0 && (
        <section className="card" aria-labelledby="kemajuan">
          <h2 id="kemajuan">{period ? t('periode.progressOf', { period: period.name }) : t('periode.progress')}</h2>
          <SelectField id="periode-dilihat" label={t('periode.choosePeriod')} value={chosen} onChange={setChosen} options={periods.map((p) => [p.periodId, p.name] as const)} narrow />
          {period && <Progress key={period.periodId} agencyId={agencyId} period={period} />}
        </section>
      )}
    </>
  );
}

function SetUp({ agencyId, year, onDone }: { agencyId: string; year: number; onDone(): void }) {
  const { t } = useTranslation();
  const [cadence, setCadence] = useState<string>('SEMESTER');
  const [outcome, setOutcome] = useState<Outcome<unknown> | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const result = outcomeOf(await api.evaluation.POST('/agencies/{agencyId}/evaluation-calendars', { params: { path: { agencyId } }, body: { year, cadence } as never }));
    setOutcome(result);
    if (result.kind === 'done') onDone();
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="narrow">
      <p>{t('periode.noCalendar', { year })}</p>
      <SelectField id="jenis-periode" label={t('periode.cadence')} value={cadence} onChange={setCadence} options={CADENCES.map((c) => [c, t(`periode.cadences.${c}`)] as const)} />
      <OutcomeNote outcome={outcome} done={t('periode.setUpDone')} />
      <button type="submit">{t('periode.setUp', { year })}</button>
    </form>
  );
}

function PeriodTable({ agencyId, year, periods, onChanged }: { agencyId: string; year: number; periods: CalendarPeriod[]; onChanged(): void }) {
  const { t } = useTranslation();
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<Outcome<unknown> | null>(null);
  const save = async (p: CalendarPeriod) => {
    const fillDeadline = drafts[p.periodId] ?? p.fillDeadline;
    const result = outcomeOf(
      await api.evaluation.PUT('/agencies/{agencyId}/evaluation-calendars/{year}/periods/{code}/fill-deadline', {
        params: { path: { agencyId, year: String(year), code: p.code } },
        body: { fillDeadline } as never,
      }),
    );
    setOutcome(result);
    if (result.kind === 'done') onChanged();
  };
  return (
    <>
      <DataTable label={t('periode.calendar', { year })} caption="none" columns={[t('periode.columns.name'), t('periode.columns.start'), t('periode.columns.end'), t('periode.columns.deadline'), t('periode.columns.action')]}>
        {periods.map((p) => (
          <tr key={p.periodId}>
            <th scope="row">{p.name}</th>
            <td>{formatDate(p.startDate)}</td>
            <td>{formatDate(p.endDate)}</td>
            <td>{formatDate(p.fillDeadline)}</td>
            <td>
              <div className="row">
                <label htmlFor={`batas-${p.code}`} className="visually-hidden">
                  {t('periode.changeDeadline', { period: p.name })}
                </label>
                <input
                  id={`batas-${p.code}`}
                  type="date"
                  value={drafts[p.periodId] ?? p.fillDeadline}
                  onChange={(e) => setDrafts({ ...drafts, [p.periodId]: e.target.value })}
                />
                <button type="button" className="link" onClick={() => void save(p)}>
                  {t('periode.saveDeadline', { period: p.name })}
                </button>
              </div>
            </td>
          </tr>
        ))}
      </DataTable>
      <OutcomeNote outcome={outcome} done={t('periode.deadlineSaved')} />
    </>
  );
}

interface Pending {
  nip: string;
  name: string;
  /** Who the reminder goes to: the person, or their pejabat penilai. */
  recipient: string | null;
  penilai: string | null;
}

function Progress({ agencyId, period }: { agencyId: string; period: CalendarPeriod }) {
  const { t } = useTranslation();
  const factsPeriodId = period.factsPeriodId ?? String(period.startDate.slice(0, 4));
  const skp = useLoad<SkpProgress>(
    () => api.workPlanning.GET('/agencies/{agencyId}/skp-progress', { params: { path: { agencyId }, query: { periodId: factsPeriodId } as never } }),
    [agencyId, factsPeriodId],
  );
  const ratings = useLoad<RatingProgress>(() => api.evaluation.GET('/periods/{periodId}/rating-progress', { params: { path: { periodId: period.periodId } } }), [period.periodId]);
  const reminders = useLoad<{ reminders: Reminder[] }>(() => api.evaluation.GET('/periods/{periodId}/reminders', { params: { path: { periodId: period.periodId } } }), [period.periodId]);
  if (skp.error !== undefined) return <LoadError status={skp.status} message={skp.error} onRetry={skp.reload} />;
  if (ratings.error !== undefined) return <LoadError status={ratings.status} message={ratings.error} onRetry={ratings.reload} />;
  if (!skp.data || !ratings.data) return <p role="status">{t('app.loading')}</p>;
  // Names of the agency's people and of their pejabat penilai (the Sekda's is the kepala daerah, an official outside the agency).
  const names = new Map<string, string>();
  for (const p of skp.data.people) if (p.pejabatPenilai?.name) names.set(p.pejabatPenilai.id, p.pejabatPenilai.name);
  for (const p of skp.data.people) names.set(p.nip, p.name ?? p.nip);
  const pending: Record<ReminderStage, Pending[]> = { SUBMIT_SKP: [], APPROVE_SKP: [], REALISE: [], RATE: [] };
  for (const p of skp.data.people) {
    const penilai = p.pejabatPenilai ? (p.pejabatPenilai.name ?? p.pejabatPenilai.id) : null;
    const person = { nip: p.nip, name: p.name ?? p.nip, penilai };
    if (['NONE', 'DRAFT', 'RETURNED', 'REVISED'].includes(p.skpStatus)) pending.SUBMIT_SKP.push({ ...person, recipient: p.nip });
    if (p.skpStatus === 'SUBMITTED') pending.APPROVE_SKP.push({ ...person, recipient: p.pejabatPenilai?.id ?? null });
    if (p.realisations === 0) pending.REALISE.push({ ...person, recipient: p.nip });
  }
  for (const r of ratings.data.people.filter((x) => x.status === 'NOT_SUBMITTED' && x.pejabatPenilaiId !== null)) {
    const penilai = r.pejabatPenilaiId ? (names.get(r.pejabatPenilaiId) ?? r.pejabatPenilaiId) : null;
    pending.RATE.push({ nip: r.nip, name: names.get(r.nip) ?? r.nip, recipient: r.pejabatPenilaiId, penilai });
  }
  return (
    <>
      <p>{t('periode.people', { count: skp.data.people.length })}</p>
      <div className="stages">
        {STAGES.map((stage) => (
          <StageList key={stage} stage={stage} people={pending[stage]} periodId={period.periodId} onSent={reminders.reload} />
        ))}
      </div>
      <Reminders data={reminders.data?.reminders} names={names} />
    </>
  );
}

/** A stage's list longer than this starts folded, one line per pejabat penilai. */
const FOLD_ABOVE = 10;

/** The people grouped by their pejabat penilai (who acts, or is asked to chase), the largest group first. */
function byPenilai(people: Pending[]): [string | null, Pending[]][] {
  const groups = new Map<string | null, Pending[]>();
  for (const p of people) {
    const group = groups.get(p.penilai);
    if (group) group.push(p);
    else groups.set(p.penilai, [p]);
  }
  return [...groups].sort(([a, x], [b, y]) => y.length - x.length || (a ?? '').localeCompare(b ?? '', 'id'));
}

function StageList({ stage, people, periodId, onSent }: { stage: ReminderStage; people: Pending[]; periodId: string; onSent(): void }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<Outcome<Reminder> | null>(null);
  const recipients = [...new Set(people.map((p) => p.recipient).filter((r): r is string => r !== null))];
  const send = async () => {
    const result = outcomeOf<Reminder>(await api.evaluation.POST('/periods/{periodId}/reminders', { params: { path: { periodId } }, body: { stage, recipients } as never }));
    setOutcome(result);
    if (result.kind === 'done') onSent();
  };
  const id = `tahap-${stage}`;
  return (
    <section className="card" aria-labelledby={id}>
      <h3 id={id}>
        {t(`periode.stages.${stage}`)} <span className="count">({people.length})</span>
      </h3>
      {people.length === 0 ? (
        <p className="muted">{t('periode.allDone')}</p>
      ) : (
        <>
          {byPenilai(people).map(([penilai, group]) => (
            <details key={penilai ?? ''} className="due-group" open={people.length <= FOLD_ABOVE}>
              <summary>
                {penilai ? t('periode.penilai', { name: penilai }) : t('periode.noPenilai')} <span className="muted">· {t('periode.groupCount', { count: group.length })}</span>
              </summary>
              <ul className="due">
                {group.map((p) => (
                  <li key={p.nip}>
                    {p.name} <span className="muted">NIP {p.nip}</span>
                  </li>
                ))}
              </ul>
            </details>
          ))}
          <p className="muted">{t(`periode.stageHint.${stage}`)}</p>
          {recipients.length > 0 && (
            <button type="button" onClick={() => void send()} aria-label={t('periode.remind', { stage: t(`periode.stages.${stage}`) })}>
              {t('periode.remindCount', { count: recipients.length })}
            </button>
          )}
          <OutcomeNote outcome={outcome} done={outcome?.kind === 'done' ? t('periode.reminded', { count: outcome.data.recipients.length }) : undefined} />
        </>
      )}
    </section>
  );
}

function Reminders({ data, names }: { data?: Reminder[]; names: Map<string, string> }) {
  const { t } = useTranslation();
  if (!data) return null;
  return (
    <>
      <h3>{t('periode.reminders')}</h3>
      <p className="muted">{t('periode.pendingHint')}</p>
      {data.length === 0 ? (
        <p>{t('periode.remindersEmpty')}</p>
      ) : (
        <DataTable label={t('periode.reminders')} caption="hidden" columns={[t('periode.reminderColumns.at'), t('periode.reminderColumns.stage'), t('periode.reminderColumns.recipients'), t('periode.reminderColumns.by'), t('periode.reminderColumns.status')]}>
          {data.map((r) => (
            <tr key={r.reminderId}>
              <td>{formatDateTime(r.requestedAt)}</td>
              <td>{t(`periode.stages.${r.stage}`)}</td>
              <td>{r.recipients.map((nip) => names.get(nip) ?? nip).join(', ')}</td>
              <td>{names.get(r.requestedBy) ?? r.requestedBy}</td>
              <td>
                <span className={`badge badge-reminder-${r.status}`}>{t(`periode.reminderStatus.${r.status}`)}</span>
                {r.sentAt ? ` ${formatDateTime(r.sentAt)}` : ''}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
