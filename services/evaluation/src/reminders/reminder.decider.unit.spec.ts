import { actorFor, deciderSpec } from '@kinerja/testing';
import { MarkReminderSent, reminderDecider, RequestReminder } from './reminder.decider';
import { ReminderEvent } from './reminder.events';

const { given } = deciderSpec(reminderDecider);
const NOW = new Date('2026-07-03T02:00:00.000Z');
const ADMIN = '198001012005011001';

const request = (o: Partial<RequestReminder['data']> & { adminScope?: 'ALL' | string[] } = {}): RequestReminder => {
  const { adminScope = ['DINKES'], ...data } = o;
  return {
    type: 'RequestReminder',
    data: { reminderId: 'r-1', periodId: 'DINKES:2026:S1', stage: 'SUBMIT_SKP', recipients: ['199003152015031002', '199204102018012001'], note: null, ...data },
    lookups: { agencyId: 'DINKES', adminScope },
    metadata: { now: NOW, actor: actorFor(ADMIN) },
  };
};
const sent = (): MarkReminderSent => ({ type: 'MarkReminderSent', data: { reminderId: 'r-1', channel: 'EMAIL' }, metadata: { now: NOW, actor: actorFor('system:notifier') } });
const requested = (): ReminderEvent[] => reminderDecider.decide(request(), reminderDecider.initialState());

describe('reminder: none yet', () => {
  it('records who asked whom to be reminded of which stage of the period, recipients once each and sorted', () => {
    given()
      .when(request({ recipients: ['199204102018012001', '199003152015031002', '199204102018012001 '], note: 'Batas 10 Juli' }))
      .then([
        {
          type: 'ReminderRequested',
          data: {
            reminderId: 'r-1',
            agencyId: 'DINKES',
            periodId: 'DINKES:2026:S1',
            stage: 'SUBMIT_SKP',
            recipients: ['199003152015031002', '199204102018012001'],
            note: 'Batas 10 Juli',
            requestedBy: ADMIN,
            requestedAt: NOW.toISOString(),
          },
        },
      ]);
  });

  it('lets BKPSDM remind any agency, an admin OPD only their own', () => {
    expect(given().when(request({ adminScope: 'ALL' })).events()).toHaveLength(1);
    given().when(request({ adminScope: ['DISDIK'] })).thenThrows('forbidden', 'NOT_AGENCY_ADMIN');
    given().when(request({ adminScope: [] })).thenThrows('forbidden', 'NOT_AGENCY_ADMIN');
  });

  it('refuses a reminder to nobody or about an unknown stage (400 naming the field)', () => {
    given().when(request({ recipients: [' ', ''] })).thenThrows('invalid', 'NO_RECIPIENTS');
    given().when(request({ stage: 'DANCE' as never })).thenThrows('invalid', 'INVALID_STAGE');
  });

  it('cannot be marked sent', () => {
    given().when(sent()).thenThrows('not_found', 'REMINDER_NOT_FOUND');
  });
});

describe('reminder: pending', () => {
  it('is not requested twice under one id', () => {
    given(...requested()).when(request()).thenThrows('conflict', 'REMINDER_EXISTS');
  });

  it('is marked sent once; a second receipt changes nothing', () => {
    const [event] = given(...requested()).when(sent()).events();
    expect(event).toEqual({ type: 'ReminderSent', data: { reminderId: 'r-1', sentAt: NOW.toISOString(), channel: 'EMAIL' } });
    given(...requested(), event).when(sent()).thenNothing();
  });
});
