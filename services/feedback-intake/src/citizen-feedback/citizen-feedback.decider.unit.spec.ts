import { DomainError, fold } from '@kinerja/domain';
import { citizenFeedbackDecider, CitizenFeedbackCommand, SubmitCitizenFeedback } from './citizen-feedback.decider';
import { CitizenFeedbackEvent } from './citizen-feedback.events';

const NOW = new Date('2026-03-02T03:15:00Z');
const UNIT = { unitId: 'u-puskesmas', agencyId: 'a-dinkes', counterIds: ['loket-1', 'loket-2'] };

function submit(overrides: Partial<SubmitCitizenFeedback['data']> = {}): SubmitCitizenFeedback {
  return {
    type: 'SubmitCitizenFeedback',
    data: { feedbackId: 'f-1', unitId: 'u-puskesmas', rating: 4, comment: 'Petugas ramah dan cepat.', channel: 'WEB_FORM', lookups: { unit: UNIT }, config: { commentMaxLength: 280 }, ...overrides },
    metadata: { now: NOW },
  };
}
const erase: CitizenFeedbackCommand = { type: 'EraseCitizenFeedbackContact', data: { feedbackId: 'f-1' }, metadata: { now: new Date('2026-04-01T00:00:00Z') } };

const decide = (given: CitizenFeedbackEvent[], command: CitizenFeedbackCommand) => citizenFeedbackDecider.decide(command, fold(citizenFeedbackDecider, given));
function rejects(given: CitizenFeedbackEvent[], command: CitizenFeedbackCommand): DomainError {
  try {
    decide(given, command);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('citizen feedback decider', () => {
  describe('given no feedback', () => {
    it('receives a rating with a comment about a unit', () => {
      expect(decide([], submit())).toEqual([
        {
          type: 'CitizenFeedbackReceived',
          data: {
            feedbackId: 'f-1',
            agencyId: 'a-dinkes',
            unitId: 'u-puskesmas',
            counterId: null,
            employeeId: null,
            rating: 4,
            comment: 'Petugas ramah dan cepat.',
            channel: 'WEB_FORM',
            forwardedBy: null,
            contactRef: null,
            receivedAt: '2026-03-02T03:15:00.000Z',
          },
        },
      ]);
    });

    it('receives feedback from a counter QR code naming an employee of the unit, with a contact reference', () => {
      const [event] = decide(
        [],
        submit({ channel: 'QR_COUNTER', counterId: 'loket-2', employeeId: 'e-9', contactRef: 'contact-1', lookups: { unit: UNIT, employee: { employeeId: 'e-9', unitId: 'u-puskesmas' } } }),
      );
      expect(event.data).toMatchObject({ channel: 'QR_COUNTER', counterId: 'loket-2', employeeId: 'e-9', contactRef: 'contact-1' });
    });

    it('accepts a kiosk rating without a comment, and a forwarded message with its officer', () => {
      expect(decide([], submit({ channel: 'KIOSK', comment: '  ' }))[0].data).toMatchObject({ channel: 'KIOSK', comment: null });
      expect(decide([], submit({ channel: 'FORWARDED_MESSAGE', forwardedBy: 'e-humas' }))[0].data).toMatchObject({ forwardedBy: 'e-humas' });
    });

    it.each([1, 2, 3, 4])('accepts rating %i', (rating) => {
      expect(decide([], submit({ rating }))[0].data).toMatchObject({ rating });
    });

    it.each([
      ['rating 0', submit({ rating: 0 }), 'RATING_OUT_OF_RANGE', 'rating'],
      ['rating 5', submit({ rating: 5 }), 'RATING_OUT_OF_RANGE', 'rating'],
      ['rating 3.5', submit({ rating: 3.5 }), 'RATING_OUT_OF_RANGE', 'rating'],
      ['an unknown unit', submit({ lookups: { unit: null } }), 'UNKNOWN_UNIT', 'unitId'],
      ['a comment over the configured length', submit({ comment: 'a'.repeat(281) }), 'COMMENT_TOO_LONG', 'comment'],
      ['a QR code without its counter', submit({ channel: 'QR_COUNTER' }), 'COUNTER_REQUIRED', 'counterId'],
      ['a counter of another unit', submit({ counterId: 'loket-9' }), 'UNKNOWN_COUNTER', 'counterId'],
      ['a forwarded message without its officer', submit({ channel: 'FORWARDED_MESSAGE' }), 'FORWARDER_REQUIRED', 'forwardedBy'],
      ['a kiosk naming a forwarder', submit({ channel: 'KIOSK', forwardedBy: 'e-humas' }), 'FORWARDER_NOT_ALLOWED', 'forwardedBy'],
      ['an unknown channel', submit({ channel: 'SMS' as never }), 'UNKNOWN_CHANNEL', 'channel'],
      ['an unknown employee', submit({ employeeId: 'e-ghost', lookups: { unit: UNIT, employee: null } }), 'UNKNOWN_EMPLOYEE', 'employeeId'],
      ['an employee of another unit', submit({ employeeId: 'e-9', lookups: { unit: UNIT, employee: { employeeId: 'e-9', unitId: 'u-other' } } }), 'EMPLOYEE_NOT_IN_UNIT', 'employeeId'],
    ])('rejects %s', (_label, command, code, field) => {
      expect(rejects([], command)).toMatchObject({ kind: 'invalid', code, field });
    });

    it('counts characters, not UTF-16 units, against the comment limit', () => {
      expect(decide([], submit({ comment: '👍'.repeat(280) }))).toHaveLength(1);
    });

    it('cannot erase the contact of unknown feedback', () => {
      expect(rejects([], erase)).toMatchObject({ kind: 'not_found', code: 'FEEDBACK_NOT_FOUND' });
    });
  });

  describe('given received feedback', () => {
    const withContact = decide([], submit({ contactRef: 'contact-1' }));
    const withoutContact = decide([], submit());

    it('is not received twice', () => {
      expect(rejects(withContact, submit())).toMatchObject({ kind: 'conflict', code: 'FEEDBACK_ALREADY_RECEIVED' });
    });

    it('records the erasure of its contact once', () => {
      const first = decide(withContact, erase);
      expect(first).toEqual([{ type: 'CitizenFeedbackContactErased', data: { feedbackId: 'f-1', contactRef: 'contact-1', erasedAt: '2026-04-01T00:00:00.000Z' } }]);
      expect(decide([...withContact, ...first], erase)).toEqual([]);
    });

    it('has nothing to erase without contact details', () => {
      expect(decide(withoutContact, erase)).toEqual([]);
    });
  });
});
