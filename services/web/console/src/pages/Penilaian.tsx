import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, fieldErrors, outcomeOf, type Outcome } from '../api/client';
import type { Evaluation, EvaluationHistory, EvaluationTeamBoard, Period, TeamBoard } from '../api/types';
import { LoadError } from '../components/LoadError';
import { OutcomeNote, TextAreaField } from '../components/Outcome';
import { PrintLink } from '../components/PrintLink';
import { cityToday, daysBetween, formatDate } from '../format';
import { useLoad, useTitle } from '../hooks';
import { useOwnNip, useSession } from '../session';
import { DataTable } from '../components/TableRegion';
import { SelectField } from '../components/SelectField';
import { agencyPeriodLabel } from '../periods';


export default function Penilaian() {
  const { t } = useTranslation();
  const { session } = useSession();
  useTitle(t('penilaian.title'));
  const supervisor = session!.active?.role === 'SUPERVISOR';
  return (
    <>
      <h1>{supervisor ? t('penilaian.team') : t('penilaian.mine')}</h1>
      {supervisor ? <TeamRatings /> : <MyEvaluations nip={session!.user!.nip} />}
    </>
  );
}

function MyEvaluations({ nip }: { nip: string }) {
  const { t } = useTranslation();
  const history = useLoad<EvaluationHistory>(() => api.evaluation.GET('/employees/{nip}/evaluation-history', { params: { path: { nip } } }), [nip]);
  if (history.error !== undefined) return <LoadError status={history.status} message={history.error} onRetry={history.reload} />;
  if (!history.data) return <p>{t('app.loading')}</p>;
  const evaluations = history.data.years.flatMap((y) => y.evaluations);
  if (evaluations.length === 0) return <p>{t('penilaian.none')}</p>;
  return (
    <>
      {evaluations.map((e) => (
        <MyEvaluation key={e.evaluationId} evaluationId={e.evaluationId} />
      ))}
    </>
  );
}

export function RatingFacts({ evaluation }: { evaluation: Pick<Evaluation, 'ratingHasil' | 'ratingPerilaku' | 'predicate'> }) {
  const { t } = useTranslation();
  return (
    <dl className="facts">
      <dt>{t('penilaian.ratingHasil')}</dt>
      <dd>{t(`penilaian.ratings.${evaluation.ratingHasil}`, { defaultValue: evaluation.ratingHasil })}</dd>
      <dt>{t('penilaian.ratingPerilaku')}</dt>
      <dd>{t(`penilaian.ratings.${evaluation.ratingPerilaku}`, { defaultValue: evaluation.ratingPerilaku })}</dd>
      <dt>{t('penilaian.predikat')}</dt>
      <dd>
        <strong>{t(`penilaian.predicates.${evaluation.predicate}`, { defaultValue: evaluation.predicate })}</strong>
      </dd>
    </dl>
  );
}

function MyEvaluation({ evaluationId }: { evaluationId: string }) {
  const { t } = useTranslation();
  const ids = useId();
  const evaluation = useLoad<Evaluation>(() => api.evaluation.GET('/evaluations/{evaluationId}', { params: { path: { evaluationId } } }), [evaluationId]);
  const [reasons, setReasons] = useState('');
  const [outcome, setOutcome] = useState<Outcome<Evaluation> | null>(null);
  const errors = fieldErrors(outcome);
  if (!evaluation.data) return evaluation.error !== undefined ? <LoadError status={evaluation.status} message={evaluation.error} /> : null;
  const e = evaluation.data;
  const window = e.objectionWindow;
  const today = cityToday();
  const open = e.status === 'PREDICATE_SET' && window !== null && today <= window.lastDay;
  const file = async (event: FormEvent) => {
    event.preventDefault();
    const result = outcomeOf<Evaluation>(await api.evaluation.POST('/evaluations/{evaluationId}/objection', { params: { path: { evaluationId } }, body: { reasons } as never }));
    setOutcome(result);
    if (result.kind === 'done') void evaluation.reload();
  };
  return (
    <section className="card" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>
        {t('penilaian.period')} {agencyPeriodLabel(t, e.periodId)}{' '}
        <span className={`badge badge-${e.status}`}>{t(`penilaian.statuses.${e.status}`, { defaultValue: e.status })}</span>
      </h2>
      <RatingFacts evaluation={e} />
      {e.justification && (
        <p>
          <em>{t('penilaian.justification')}:</em> {e.justification}
        </p>
      )}
      <PrintLink path={`evaluasi/${encodeURIComponent(evaluationId)}`} label={t('dokumen.printEvaluation')} />
      <OutcomeNote outcome={outcome} done={t('penilaian.filed')} />
      {e.status === 'OBJECTED' && <p className="note note-pending">{t('penilaian.pending')}</p>}
      {e.objection?.decision && (
        <p className="note note-ok">
          {t('penilaian.decided', { outcome: t(`penilaian.outcome.${e.objection.decision.outcome}`), reasons: e.objection.decision.reasons })}
        </p>
      )}
      {window && e.status === 'PREDICATE_SET' && (
        <p>
          {open
            ? t('penilaian.daysLeft', { count: daysBetween(today, window.lastDay) + 1, date: formatDate(window.lastDay) })
            : t('penilaian.windowClosed', { date: formatDate(window.lastDay) })}
        </p>
      )}
      {open && (
        <form onSubmit={(ev) => void file(ev)} noValidate>
          <fieldset>
            <legend>{t('penilaian.objectionLegend')}</legend>
            <TextAreaField id={`${ids}-reasons`} label={t('penilaian.reasons')} value={reasons} onChange={setReasons} error={errors.reasons} />
          </fieldset>
          <button type="submit">{t('penilaian.file')}</button>
        </form>
      )}
    </section>
  );
}

function TeamRatings() {
  const { t } = useTranslation();
  const { session } = useSession();
  const agencyId = session!.active?.agencyId ?? session!.user!.agencyId ?? '';
  const year = new Date().getFullYear();
  const periodSelect = useId();
  const periods = useLoad<{ periods: Period[] }>(
    () => api.evaluation.GET('/agencies/{agencyId}/periods', { params: { path: { agencyId }, query: { year: String(year) } as never } }),
    [agencyId, year],
  );
  const [chosen, setChosen] = useState<string>();
  const periodId = chosen ?? periods.data?.periods[0]?.periodId;
  if (periods.error !== undefined) return <LoadError status={periods.status} message={periods.error} onRetry={periods.reload} />;
  if (!periods.data) return <p>{t('app.loading')}</p>;
  return (
    <>
      <SelectField id={periodSelect} label={t('penilaian.period')} value={periodId} onChange={setChosen} options={periods.data.periods.map((p) => [p.periodId, p.name] as const)} narrow />
      {periodId && <TeamOf periodId={periodId} />}
    </>
  );
}

function TeamOf({ periodId }: { periodId: string }) {
  const { t } = useTranslation();
  const nip = useOwnNip();
  const board = useLoad<EvaluationTeamBoard>(() => api.evaluation.GET('/periods/{periodId}/team-board', { params: { path: { periodId } } }), [periodId]);
  // Evaluation names the team by NIP; their names are work-planning's (the pejabat penilai's own team board).
  const names = useLoad<TeamBoard>(() => api.workPlanning.GET('/supervisors/{nip}/team', { params: { path: { nip }, query: {} } }), [nip]);
  const nameOf = new Map((names.data?.team ?? []).map((m) => [m.nip, m.nama]));
  if (board.error !== undefined) return <LoadError status={board.status} message={board.error} onRetry={board.reload} />;
  if (!board.data) return <p>{t('app.loading')}</p>;
  if (board.data.team.length === 0) return <p>{t('penilaian.teamEmpty')}</p>;
  return (
    <DataTable label={t('penilaian.team')} caption="none" columns={[t('penilaian.col.pegawai'), t('penilaian.col.status'), t('penilaian.predikat'), t('penilaian.form')]}>
      {board.data.team.map((m) => {
        const name = nameOf.get(m.employeeId);
        return (
          <tr key={m.employeeId}>
            <td>
              {name ?? m.employeeId}
              {name && <span className="muted"> ({m.employeeId})</span>}
            </td>
            <td>{t(`penilaian.statuses.${m.status}`, { defaultValue: m.status })}</td>
            <td>{m.predicate ? t(`penilaian.predicates.${m.predicate}`, { defaultValue: m.predicate }) : '—'}</td>
            <td>
              <Link to={`/penilaian/${encodeURIComponent(periodId)}/${m.employeeId}`}>{t('penilaian.rate', { name: name ?? m.employeeId })}</Link>
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
