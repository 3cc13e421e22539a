import { useTranslation } from 'react-i18next';
import type { FeedbackItem } from '../api/types';
import { formatDateTime } from '../format';

/** One continuous feedback: its topic (an RHK or a BerAKHLAK value), who gave it when, the text, the response. */
export function FeedbackCard({ feedback: f, responseKey }: { feedback: FeedbackItem; responseKey: 'umpanBalik.response' | 'anggota.response' }) {
  const { t } = useTranslation();
  return (
    <li className="card">
      <strong>{f.topic.kind === 'RHK' ? t('umpanBalik.topicRhk', { id: f.topic.rhkId }) : t('umpanBalik.topicValue', { value: t(`berakhlak.${f.topic.value}`, { defaultValue: f.topic.value }) })}</strong>{' '}
      <span className="muted">{t('umpanBalik.from', { source: t(`umpanBalik.sources.${f.source}`, { defaultValue: f.source }), date: formatDateTime(f.givenAt) })}</span>
      <p>{f.content}</p>
      {f.response && <p>{t(responseKey, { text: f.response })}</p>}
      {f.markedAsEvidence && <span className="badge badge-APPROVED">{t('umpanBalik.evidence')}</span>}
    </li>
  );
}
