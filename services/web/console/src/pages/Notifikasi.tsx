import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import { LoadError } from '../components/LoadError';
import { formatDate, formatDateTime } from '../format';
import { useLoad, useTitle } from '../hooks';
import { NotificationItem, NotificationList, notificationsChanged } from '../notifications';

/** One notification in the person's words (dates as the console shows them). */
export function useNotificationText() {
  const { t } = useTranslation();
  return (n: NotificationItem) => {
    const params = { ...n.params } as Record<string, string | number>;
    if (typeof params.deadline === 'string') params.deadline = formatDate(params.deadline);
    if (typeof params.dueAt === 'string') params.dueAt = formatDateTime(params.dueAt);
    const key = n.kind === 'OBJECTION_DECIDED' ? `OBJECTION_DECIDED_${params.outcome === 'CHANGE' ? 'CHANGE' : 'KEEP'}` : n.kind;
    return t(`notifikasi.kinds.${key}`, params);
  };
}

/** My notifications, the newest first: what happened, when, where it is acted on; marked read one by one or all at once. */
export default function Notifikasi() {
  const { t } = useTranslation();
  useTitle(t('notifikasi.title'));
  const list = useLoad<NotificationList>(() => api.evaluation.GET('/notifications', { params: { query: { limit: 50 } } }), []);
  const text = useNotificationText();
  const [busy, setBusy] = useState(false);
  const after = async (request: Promise<{ response: Response }>) => {
    setBusy(true);
    try {
      await request;
    } finally {
      setBusy(false);
      notificationsChanged();
      await list.reload();
    }
  };
  const unread = list.data?.unreadCount ?? 0;
  return (
    <>
      <h1>{t('notifikasi.title')}</h1>
      <p>
        <Link to="/notifikasi/pengaturan">{t('notifikasi.settings')}</Link>
      </p>
      {list.error !== undefined && <LoadError status={list.status} message={list.error} onRetry={list.reload} />}
      {list.data && (
        <p role="status" data-testid="notifications-unread">
          {t('notifikasi.unread', { count: unread })}{' '}
          {unread > 0 && (
            <button type="button" disabled={busy} onClick={() => void after(api.evaluation.POST('/notifications/read'))}>
              {t('notifikasi.markAllRead')}
            </button>
          )}
        </p>
      )}
      {list.data && list.data.notifications.length === 0 && <p>{t('notifikasi.none')}</p>}
      <ul className="list">
        {list.data?.notifications.map((n) => (
          <li key={n.notificationId} className="card" data-testid="notification" data-kind={n.kind}>
            <p>
              <span className={`badge ${n.readAt ? 'badge-APPROVED' : 'badge-SUBMITTED'}`}>{n.readAt ? t('notifikasi.read') : t('notifikasi.new')}</span>{' '}
              <span className="muted">{formatDateTime(n.createdAt)}</span>
            </p>
            <p>{text(n)}</p>
            <p>
              <Link to={n.link}>{t('notifikasi.open')}</Link>{' '}
              {!n.readAt && (
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => void after(api.evaluation.POST('/notifications/{notificationId}/read', { params: { path: { notificationId: n.notificationId } } }))}
                >
                  {t('notifikasi.markRead')}
                </button>
              )}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
