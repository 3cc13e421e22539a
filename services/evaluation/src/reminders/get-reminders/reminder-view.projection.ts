import { Projection } from '@kinerja/domain';
import { ReminderEvent } from '../reminder.events';

export interface ReminderViewRow {
  reminderId: string;
  agencyId: string;
  periodId: string;
  stage: string;
  recipients: string[];
  note: string | null;
  requestedBy: string;
  requestedAt: string;
  /** PENDING until the notifier records it sent. */
  status: 'PENDING' | 'SENT';
  sentAt: string | null;
  channel: string | null;
}

export const reminderViewProjection: Projection<ReminderViewRow, ReminderEvent> = {
  name: 'evaluation.get-reminders',
  handles: ['ReminderRequested', 'ReminderSent'],
  keys: (event) => [event.data.reminderId],
  evolve(row, event) {
    switch (event.type) {
      case 'ReminderRequested': {
        const { reminderId, agencyId, periodId, stage, recipients, note, requestedBy, requestedAt } = event.data;
        return { reminderId, agencyId, periodId, stage, recipients, note, requestedBy, requestedAt, status: 'PENDING', sentAt: null, channel: null };
      }
      case 'ReminderSent':
        return row === null ? null : { ...row, status: 'SENT', sentAt: event.data.sentAt, channel: event.data.channel };
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  },
};
