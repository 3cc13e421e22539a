import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { FeedbackItem } from '../api/types';
import { LoadError } from '../components/LoadError';
import { formatDateTime } from '../format';
import { useLoad, useTitle } from '../hooks';
import { useSession } from '../session';

/** Continuous feedback about me (PermenPANRB 6/2022 umpan balik berkelanjutan). */
export default function UmpanBalik() {
  const { t } = useTranslation();
  const { session } = useSession();
  const nip = session!.user!.nip;
  useTitle(t('umpanBalik.title'));
  const timeline = useLoad<FeedbackItem[]>(() => api.feedbackIntake.GET('/employees/{nip}/feedback-timeline', { params: { path: { nip } } }), [nip]);
  return (
    <>
      <h1>{t('umpanBalik.title')}</h1>
      {timeline.error !== undefined && <LoadError status={timeline.status} message={timeline.error} onRetry={timeline.reload} />}
      {timeline.data && timeline.data.length === 0 && <p>{t('umpanBalik.none')}</p>}
      <ul className="list">
        {timeline.data?.map((f) => (
          <li key={f.feedbackId} className="card">
            <strong>{f.topic.kind === 'RHK' ? t('umpanBalik.topicRhk', { id: f.topic.rhkId }) : t('umpanBalik.topicValue', { value: t(`berakhlak.${f.topic.value}`, { defaultValue: f.topic.value }) })}</strong>{' '}
            <span className="muted">{t('umpanBalik.from', { source: t(`umpanBalik.sources.${f.source}`, { defaultValue: f.source }), date: formatDateTime(f.givenAt) })}</span>
            <p>{f.content}</p>
            {f.response && <p>{t('umpanBalik.response', { text: f.response })}</p>}
            {f.markedAsEvidence && <span className="badge badge-APPROVED">{t('umpanBalik.evidence')}</span>}
          </li>
        ))}
      </ul>
    </>
  );
}
