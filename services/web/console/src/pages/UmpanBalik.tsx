import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { CitizenFeedback, FeedbackItem } from '../api/types';
import { FeedbackCard } from '../components/FeedbackCard';
import { LoadError } from '../components/LoadError';
import { formatDateTime } from '../format';
import { useLoad, useTitle } from '../hooks';
import { useOwnNip } from '../session';

/**
 * Feedback about me: continuous feedback (PermenPANRB 6/2022 umpan balik berkelanjutan) and the
 * ratings and comments of citizens who named me (never who they are).
 */
export default function UmpanBalik() {
  const { t } = useTranslation();
  const nip = useOwnNip();
  useTitle(t('umpanBalik.title'));
  const timeline = useLoad<FeedbackItem[]>(() => api.feedbackIntake.GET('/employees/{nip}/feedback-timeline', { params: { path: { nip } } }), [nip]);
  const citizens = useLoad<CitizenFeedback>(() => api.feedbackIntake.GET('/employees/{nip}/citizen-feedback', { params: { path: { nip } } }), [nip]);
  return (
    <>
      <h1>{t('umpanBalik.title')}</h1>
      <h2>{t('umpanBalik.fromLeaders')}</h2>
      {timeline.error !== undefined && <LoadError status={timeline.status} message={timeline.error} onRetry={timeline.reload} />}
      {timeline.data && timeline.data.length === 0 && <p>{t('umpanBalik.none')}</p>}
      <ul className="list">
        {timeline.data?.map((f) => (
          <FeedbackCard key={f.feedbackId} feedback={f} responseKey="umpanBalik.response" />
        ))}
      </ul>
      <h2>{t('umpanBalik.citizens')}</h2>
      {citizens.error !== undefined && <LoadError status={citizens.status} message={citizens.error} onRetry={citizens.reload} />}
      {citizens.data && citizens.data.summary.count === 0 && <p>{t('umpanBalik.citizensNone')}</p>}
      {citizens.data && citizens.data.summary.count > 0 && (
        <p data-testid="citizen-summary">{t('umpanBalik.citizensSummary', { count: citizens.data.summary.count, mean: citizens.data.summary.meanRating?.toLocaleString('id-ID') })}</p>
      )}
      <ul className="list">
        {citizens.data?.items.map((f) => (
          <li key={f.feedbackId} className="card">
            <strong>
              {t('umpanBalik.rating', { rating: f.rating })} · {t(`umpanBalik.ratings.${f.rating}`)}
            </strong>{' '}
            <span className="muted">{t('umpanBalik.citizenVia', { channel: t(`umpanBalik.channels.${f.channel}`, { defaultValue: f.channel }), date: formatDateTime(f.receivedAt) })}</span>
            <p>{f.comment ?? t('umpanBalik.noComment')}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
