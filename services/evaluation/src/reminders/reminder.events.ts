import { DomainEvent } from '@kinerja/domain';

/** What a reminder is about: the stage of the period the recipients have not done yet. */
export const REMINDER_STAGES = ['SUBMIT_SKP', 'APPROVE_SKP', 'REALISE', 'RATE'] as const;
export type ReminderStage = (typeof REMINDER_STAGES)[number];

export const reminderStream = (reminderId: string) => `reminder-${reminderId}`;

/**
 * An admin asked that people be reminded of a stage of a period (issue 17 §2). Stored as asked;
 * the notifier (issue 18) delivers it and records `ReminderSent`.
 */
export type ReminderRequested = DomainEvent<
  'ReminderRequested',
  {
    reminderId: string;
    agencyId: string;
    /** `<agencyId>:<year>:<code>`, the agency's evaluation period. */
    periodId: string;
    stage: ReminderStage;
    /** NIPs (or a city official's id for RATE/APPROVE_SKP) to remind. */
    recipients: string[];
    note: string | null;
    requestedBy: string;
    requestedAt: string;
  }
>;

export type ReminderSent = DomainEvent<'ReminderSent', { reminderId: string; sentAt: string; channel: string }>;

export type ReminderEvent = ReminderRequested | ReminderSent;
