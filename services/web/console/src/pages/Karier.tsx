import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { PerformanceRecord, TrainingProgress } from '../api/types';
import { LoadError } from '../components/LoadError';
import { formatDate } from '../format';
import { useLoad, useTitle } from '../hooks';
import { useSession } from '../session';
import { MentoringSection } from './mentoring/MentoringSection';

/** My performance record by year, training hours and mentoring against the 20 JP a year (PP 17/2020), and my mentoring as mentee or mentor. */
export default function Karier() {
  const { t } = useTranslation();
  const { session } = useSession();
  const { nip, agencyId = '' } = session!.user!;
  const year = new Date().getFullYear();
  useTitle(t('karier.title'));
  const record = useLoad<PerformanceRecord>(() => api.careerDecisions.GET('/employees/{nip}/performance-record', { params: { path: { nip } } }), [nip]);
  const training = useLoad<TrainingProgress>(
    () => api.careerDecisions.GET('/agencies/{agencyId}/employees/{nip}/trainings', { params: { path: { agencyId, nip }, query: { year: String(year) } as never } }),
    [agencyId, nip, year],
  );
  const years = Object.values(record.data?.years ?? {}).sort((a, b) => b.year - a.year);
  return (
    <>
      <h1>{t('karier.title')}</h1>
      <section className="card" aria-labelledby="riwayat">
        <h2 id="riwayat">{t('karier.record')}</h2>
        {record.error !== undefined && record.status !== 404 && <LoadError status={record.status} message={record.error} onRetry={record.reload} />}
        {(record.status === 404 || (record.data && years.length === 0)) && <p>{t('karier.noRecord')}</p>}
        {years.length > 0 && (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('karier.year')}</th>
                <th scope="col">{t('karier.predikat')}</th>
              </tr>
            </thead>
            <tbody>
              {years.map((y) => (
                <tr key={y.year}>
                  <td>{y.year}</td>
                  <td>
                    {t(`penilaian.predicates.${y.predicate}`, { defaultValue: y.predicate })} ({y.final === false ? t('karier.provisional') : t('karier.final')})
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="card" aria-labelledby="jp">
        <h2 id="jp">{t('karier.training', { year })}</h2>
        {training.error !== undefined && <LoadError status={training.status} message={training.error} onRetry={training.reload} />}
        {training.data && (
          <>
            <p>
              <progress max={training.data.progress.requiredJp} value={Math.min(training.data.progress.jp, training.data.progress.requiredJp)} aria-label={t('karier.training', { year })} />{' '}
              {t('karier.jp', { jp: training.data.progress.jp, required: training.data.progress.requiredJp })}
            </p>
            <p>{training.data.progress.met ? t('karier.met') : t('karier.short', { count: training.data.progress.shortfallJp })}</p>
            {(training.data.mentoring?.sessions ?? 0) > 0 && <p>{t('mentoring.trainingAndMentoring', { jp: training.data.mentoring!.jp, count: training.data.mentoring!.sessions })}</p>}
            {training.data.trainings.length === 0 && <p>{t('karier.noTraining')}</p>}
            <ul>
              {training.data.trainings.map((tr) => (
                <li key={tr.trainingId}>
                  {formatDate(tr.date)}: {tr.title} ({Math.round((tr.minutes / 45) * 10) / 10} JP)
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <MentoringSection agencyId={agencyId} nip={nip} year={year} me={nip} onChanged={training.reload} />
    </>
  );
}
