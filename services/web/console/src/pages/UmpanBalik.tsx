import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { FeedbackItem } from '../api/types';
import { FeedbackCard } from '../components/FeedbackCard';
import { LoadError } from '../components/LoadError';
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
          <FeedbackCard key={f.feedbackId} feedback={f} responseKey="umpanBalik.response" />
        ))}
      </ul>
    </>
  );
}
