import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { LoadError } from '../../components/LoadError';
import { cityToday, formatDate } from '../../format';
import { useLoad } from '../../hooks';
import { CareerHrPage, useAgency } from './shared';
import type { AgencyCases, ImprovementCaseState } from './types';

/** Under-performance (PP 30/2019 Pasal 56–58): each Kurang / Sangat Kurang predicate and its case on a six-month timeline. */
export default function Perbaikan() {
  const { t } = useTranslation();
  const agency = useAgency();
  const { agencyId } = agency;
  const data = useLoad<AgencyCases>(() => api.careerDecisions.GET('/agencies/{agencyId}/improvement-cases', { params: { path: { agencyId } } }), [agencyId]);
  return (
    <CareerHrPage title={t('karierSdm.improvement.title')} agency={agency}>
      <p>{t('karierSdm.improvement.intro', { months: data.data?.improvementWindowMonths ?? 6 })}</p>
      {data.error !== undefined && <LoadError status={data.status} message={data.error} onRetry={data.reload} />}
      {data.data && data.data.cases.length === 0 && <p>{t('karierSdm.improvement.empty')}</p>}
      {data.data?.cases.map((c) => (
        <article key={c.caseId} className="card" aria-labelledby={`kasus-${c.caseId}`}>
          <h2 id={`kasus-${c.caseId}`}>
            {t('karierSdm.improvement.heading', { name: c.name ?? c.nip, year: c.year, predicate: t(`penilaian.predicates.${c.predicate}`, { defaultValue: c.predicate }) })}
          </h2>
          <p className="muted">
            NIP {c.nip} · {t(`karierSdm.improvement.status.${c.case.status}`)}
            {c.pendingStep && ` · ${t('karierSdm.improvement.pending', { step: t(`karierSdm.improvement.steps.${c.pendingStep}`) })}`}
          </p>
          <Timeline state={c.case} />
        </article>
      ))}
    </CareerHrPage>
  );
}

function Timeline({ state }: { state: ImprovementCaseState }) {
  const { t } = useTranslation();
  const today = cityToday();
  if (!state.plan) return <p>{t('karierSdm.improvement.noPlan')}</p>;
  const { plan, achieved = {} } = state;
  const elapsed = Math.max(0, Math.min(100, Math.round(((Date.parse(today) - Date.parse(plan.startDate)) / (Date.parse(plan.endsOn) - Date.parse(plan.startDate))) * 100)));
  return (
    <>
      <p>
        <progress max={100} value={elapsed} aria-label={t('karierSdm.improvement.elapsed')} /> {t('karierSdm.improvement.window', { from: formatDate(plan.startDate), to: formatDate(plan.endsOn), percent: elapsed })}
      </p>
      <ol className="timeline" aria-label={t('karierSdm.improvement.timeline')}>
        <li className="done">{t('karierSdm.improvement.start', { date: formatDate(plan.startDate) })}</li>
        {plan.milestones.map((m) => {
          const done = achieved[m.milestoneId];
          const cls = done === true ? 'done' : done === false || m.dueDate < today ? 'missed' : undefined;
          const state = done === true ? 'achieved' : done === false ? 'notAchieved' : m.dueDate < today ? 'overdue' : 'upcoming';
          return (
            <li key={m.milestoneId} className={cls}>
              {t('karierSdm.improvement.milestone', { date: formatDate(m.dueDate), title: m.title, state: t(`karierSdm.improvement.milestoneState.${state}`) })}
            </li>
          );
        })}
        <li className={today >= plan.endsOn ? 'done' : undefined}>{t('karierSdm.improvement.end', { date: formatDate(plan.endsOn) })}</li>
        {state.test && (
          <li className={state.test.result === 'MEMENUHI' ? 'done' : 'missed'}>
            {t('karierSdm.improvement.test', { date: formatDate(state.test.testedOn), result: t(`karierSdm.improvement.results.${state.test.result}`) })}
          </li>
        )}
        {state.outcome && (
          <li className={state.status === 'CLOSED' ? 'done' : undefined}>
            {t('karierSdm.improvement.outcome', { outcome: t(`karierSdm.improvement.outcomes.${state.outcome.outcome}`, { defaultValue: state.outcome.outcome }), date: formatDate(state.outcome.effectiveDate) })}
          </li>
        )}
      </ol>
    </>
  );
}
