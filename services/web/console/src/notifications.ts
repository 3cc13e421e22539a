import { useEffect, useState } from 'react';
import { api } from './api/client';
import type { EvaluationAnswer } from './api/answers';

export const NOTIFICATION_KINDS = ['SKP_SUBMITTED', 'SKP_RETURNED', 'REALISATION_DUE', 'RATINGS_DUE', 'OBJECTION_FILED', 'OBJECTION_DECIDED', 'COMPLAINT_SLA_NEAR', 'CURVE_UNMET'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export type Delivery = 'EMAIL' | 'DIGEST' | 'CONSOLE';

export interface NotificationItem {
  notificationId: string;
  kind: NotificationKind;
  params: Record<string, string | number>;
  link: string;
  createdAt: string;
  readAt: string | null;
}

export type NotificationList = EvaluationAnswer<'/notifications', 'get'>;

export type NotificationPreferences = EvaluationAnswer<'/notifications/preferences', 'get'>;

const CHANGED = 'kinerja:notifications-changed';

/** Tells the header's count that notifications were read. */
export function notificationsChanged(): void {
  window.dispatchEvent(new Event(CHANGED));
}

/** The unread count for the header: on load, every minute, on a change made on the page, and when `key` changes (navigation). */
export function useUnreadCount(key: unknown): number | null {
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    const load = async () => {
      try {
        const { data, response } = await api.evaluation.GET('/notifications', { params: { query: { limit: 1 } } });
        if (live && response.ok) setCount((data as unknown as NotificationList).unreadCount);
      } catch {
        // the count stays as it was; the list page shows its own error
      }
    };
    void load();
    const timer = window.setInterval(() => void load(), 60_000);
    window.addEventListener(CHANGED, load);
    return () => {
      live = false;
      window.clearInterval(timer);
      window.removeEventListener(CHANGED, load);
    };
  }, [key]);
  return count;
}
