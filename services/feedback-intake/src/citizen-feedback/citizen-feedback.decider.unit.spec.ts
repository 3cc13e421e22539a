import { deciderSpec } from '@kinerja/testing';
import { CITIZEN } from '../citizen/citizen-actor';
import { citizenFeedbackDecider, CitizenFeedbackCommand, SubmitCitizenFeedback } from './citizen-feedback.decider';

const NOW = new Date('2026-03-02T03:15:00Z');
const UNIT = { unitId: 'u-puskesmas', agencyId: 'a-dinkes', counterIds: ['loket-1', 'loket-2'] };

function submit(overrides: Partial<SubmitCitizenFeedback['data']> & { lookups?: Partial<SubmitCitizenFeedback['lookups']> } = {}): SubmitCitizenFeedback {
  const { lookups, ...data } = overrides;
  return {
    type: 'SubmitCitizenFeedback',
    data: { feedbackId: 'f-1', unitId: 'u-puskesmas', rating: 4, comment: 'Petugas ramah dan cepat.', channel: 'WEB_FORM', ...data },
    lookups: { unit: UNIT, commentMaxLength: 280, ...lookups },
    metadata: { now: NOW, actor: CITIZEN },
  };
}
const erase: CitizenFeedbackCommand = { type: 'EraseCitizenFeedbackContact', data: { feedbackId: 'f-1' }, metadata: { now: new Date('2026-04-01T00:00:00Z'), actor: CITIZEN } };

const { given } = deciderSpec(citizenFeedbackDecider);

describe('citizen feedback decider', () => {
  describe('given no feedback', () => {
    it('receives a rating with a comment about a unit', () => {
      expect(given().when(submit()).events()).toEqual([
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
      const [event] = given().when(submit({ channel: 'QR_COUNTER', counterId: 'loket-2', employeeId: 'e-9', contactRef: 'contact-1', lookups: { unit: UNIT, employee: { employeeId: 'e-9', unitId: 'u-puskesmas' } } })).events();
      expect(event.data).toMatchObject({ channel: 'QR_COUNTER', counterId: 'loket-2', employeeId: 'e-9', contactRef: 'contact-1' });
    });

    it('accepts a kiosk rating without a comment, and a forwarded message with its officer', () => {
      expect(given().when(submit({ channel: 'KIOSK', comment: '  ' })).events()[0].data).toMatchObject({ channel: 'KIOSK', comment: null });
      expect(given().when(submit({ channel: 'FORWARDED_MESSAGE', forwardedBy: 'e-humas' })).events()[0].data).toMatchObject({ forwardedBy: 'e-humas' });
    });

    it.each([1, 2, 3, 4])('accepts rating %i', (rating) => {
      expect(given().when(submit({ rating })).events()[0].data).toMatchObject({ rating });
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
      expect(given().when(command).error()).toMatchObject({ kind: 'invalid', code, field });
    });

    it('counts characters, not UTF-16 units, against the comment limit', () => {
      expect(given().when(submit({ comment: '👍'.repeat(280) })).events()).toHaveLength(1);
    });

    it('cannot erase the contact of unknown feedback', () => {
      expect(given().when(erase).error()).toMatchObject({ kind: 'not_found', code: 'FEEDBACK_NOT_FOUND' });
    });
  });

  describe('given received feedback', () => {
    const withContact = given().when(submit({ contactRef: 'contact-1' })).events();
    const withoutContact = given().when(submit()).events();

    it('is not received twice', () => {
      expect(given(...withContact).when(submit()).error()).toMatchObject({ kind: 'conflict', code: 'FEEDBACK_ALREADY_RECEIVED' });
    });

    it('records the erasure of its contact once', () => {
      const first = given(...withContact).when(erase).events();
      expect(first).toEqual([{ type: 'CitizenFeedbackContactErased', data: { feedbackId: 'f-1', contactRef: 'contact-1', erasedAt: '2026-04-01T00:00:00.000Z' } }]);
      expect(given(...withContact, ...first).when(erase).events()).toEqual([]);
    });

    it('has nothing to erase without contact details', () => {
      expect(given(...withoutContact).when(erase).events()).toEqual([]);
    });
  });
});
