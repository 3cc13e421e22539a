import { Command, conflict, Decider, forbidden, ignoreUnknownEvent, invalid, notFound } from '@kinerja/domain';
import { AdminScope, administers } from '../command';
import { REMINDER_STAGES, ReminderEvent, ReminderStage } from './reminder.events';

export const MAX_RECIPIENTS = 1000;

export type RequestReminder = Command<
  'RequestReminder',
  { reminderId: string; periodId: string; stage: ReminderStage; recipients: readonly string[]; note: string | null },
  /** agencyId: of the period (from its calendar); adminScope: the actor's administered agencies. */
  { agencyId: string; adminScope: AdminScope }
>;

/** The notifier's receipt: the reminder went out on a channel. */
export type MarkReminderSent = Command<'MarkReminderSent', { reminderId: string; channel: string }>;

export type ReminderCommand = RequestReminder | MarkReminderSent;

export type ReminderState =
  | { status: 'NONE' }
  | { status: 'PENDING'; reminderId: string }
  | { status: 'SENT'; reminderId: string };

export const initialState = (): ReminderState => ({ status: 'NONE' });

export function evolve(state: ReminderState, event: ReminderEvent): ReminderState {
  switch (event.type) {
    case 'ReminderRequested':
      return { status: 'PENDING', reminderId: event.data.reminderId };
    case 'ReminderSent':
      return state.status === 'NONE' ? state : { status: 'SENT', reminderId: state.reminderId };
    default:
      return ignoreUnknownEvent(event, state);
  }
}

export function decide(command: ReminderCommand, state: ReminderState): ReminderEvent[] {
  const { now, actor } = command.metadata;
  switch (command.type) {
    case 'RequestReminder': {
      const { reminderId, periodId, stage, recipients, note } = command.data;
      const { agencyId, adminScope } = command.lookups;
      if (!administers(adminScope, agencyId)) throw forbidden('NOT_AGENCY_ADMIN', 'Hanya admin OPD ini atau BKPSDM yang dapat mengirim pengingat');
      if (state.status !== 'NONE') throw conflict('REMINDER_EXISTS', `Pengingat ${reminderId} sudah dicatat`);
      if (!REMINDER_STAGES.includes(stage)) throw invalid('INVALID_STAGE', `Tahap harus salah satu dari ${REMINDER_STAGES.join(', ')}`, 'stage');
      const unique = [...new Set(recipients.map((r) => r.trim()).filter((r) => r !== ''))].sort();
      if (unique.length === 0) throw invalid('NO_RECIPIENTS', 'Pilih paling sedikit satu penerima pengingat', 'recipients');
      if (unique.length > MAX_RECIPIENTS) throw invalid('TOO_MANY_RECIPIENTS', `Paling banyak ${MAX_RECIPIENTS} penerima sekali kirim`, 'recipients');
      return [
        {
          type: 'ReminderRequested',
          data: { reminderId, agencyId, periodId, stage, recipients: unique, note, requestedBy: actor.id, requestedAt: now.toISOString() },
        },
      ];
    }
    case 'MarkReminderSent': {
      if (state.status === 'NONE') throw notFound('REMINDER_NOT_FOUND', `Pengingat ${command.data.reminderId} tidak ditemukan`);
      if (state.status === 'SENT') return [];
      return [{ type: 'ReminderSent', data: { reminderId: state.reminderId, sentAt: now.toISOString(), channel: command.data.channel } }];
    }
    default: {
      const _exhaustive: never = command;
      throw new Error(`unknown command ${JSON.stringify(_exhaustive)}`);
    }
  }
}

export const reminderDecider: Decider<ReminderCommand, ReminderEvent, ReminderState> = { initialState, evolve, decide };
