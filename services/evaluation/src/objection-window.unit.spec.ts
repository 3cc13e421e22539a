import { addDays, daysBetween, endOfLocalDay, lastDayOfMonth, localDateOf, startOfLocalDay } from './local-date';
import { dayOfWindow, isWindowOpen, objectionWindow } from './objection-window.rules';
import { RULE_SET_2022_1 } from './rule-sets/default-rule-set';
import { RuleSet } from './rule-sets/rule-set';

const WIB = 'Asia/Jakarta';
const WITA = 'Asia/Makassar';
const WIT = 'Asia/Jayapura';

describe('local calendar dates', () => {
  it('reads the calendar date of an instant in each Indonesian zone', () => {
    const lateEveningWib = new Date('2024-03-01T22:30:00+07:00');
    expect(localDateOf(lateEveningWib, WIB)).toBe('2024-03-01');
    expect(localDateOf(lateEveningWib, WITA)).toBe('2024-03-01');
    expect(localDateOf(lateEveningWib, WIT)).toBe('2024-03-02');
  });

  it('finds the start and end of a local day', () => {
    expect(startOfLocalDay('2024-03-15', WIB).toISOString()).toBe('2024-03-14T17:00:00.000Z');
    expect(endOfLocalDay('2024-03-15', WIT).toISOString()).toBe('2024-03-15T14:59:59.999Z');
    expect(endOfLocalDay('2024-03-15', WITA).toISOString()).toBe('2024-03-15T15:59:59.999Z');
  });

  it('adds and counts calendar days across months and leap years', () => {
    expect(addDays('2024-02-20', 14)).toBe('2024-03-05');
    expect(addDays('2023-12-25', 14)).toBe('2024-01-08');
    expect(daysBetween('2024-02-20', '2024-03-05')).toBe(14);
    expect(lastDayOfMonth(2024, 2)).toBe('2024-02-29');
    expect(lastDayOfMonth(2023, 2)).toBe('2023-02-28');
  });
});

describe('keberatan window (PP 30/2019 Pasal 59: 14 days in the city time zone)', () => {
  // Received late in the evening WIB: still 1 March in Jakarta, already 2 March in Jayapura.
  const receivedAt = new Date('2024-03-01T22:30:00+07:00');

  it('closes at the end of day 14 in a WIB city', () => {
    expect(objectionWindow(RULE_SET_2022_1, receivedAt, WIB)).toEqual({
      days: 14,
      timeZone: WIB,
      receivedOn: '2024-03-01',
      lastDay: '2024-03-15',
      closesAt: '2024-03-15T16:59:59.999Z',
    });
  });

  it('closes one calendar day later in a WIT city for the same instant', () => {
    expect(objectionWindow(RULE_SET_2022_1, receivedAt, WIT)).toEqual({
      days: 14,
      timeZone: WIT,
      receivedOn: '2024-03-02',
      lastDay: '2024-03-16',
      closesAt: '2024-03-16T14:59:59.999Z',
    });
  });

  describe.each([
    // zone, last moment of day 14, first moment of day 15
    [WIB, '2024-03-15T23:59:59.999+07:00', '2024-03-16T00:00:00.000+07:00'],
    [WITA, '2024-03-15T23:59:59.999+08:00', '2024-03-16T00:00:00.000+08:00'],
    [WIT, '2024-03-16T23:59:59.999+09:00', '2024-03-17T00:00:00.000+09:00'],
  ])('in %s', (zone, lastMoment, firstLateMoment) => {
    const window = objectionWindow(RULE_SET_2022_1, receivedAt, zone);

    it('is open on day 14, to its last millisecond', () => {
      expect(dayOfWindow(window, new Date(lastMoment))).toBe(14);
      expect(isWindowOpen(window, new Date(lastMoment))).toBe(true);
    });

    it('is closed on day 15', () => {
      expect(dayOfWindow(window, new Date(firstLateMoment))).toBe(15);
      expect(isWindowOpen(window, new Date(firstLateMoment))).toBe(false);
    });
  });

  it('the same instant is day 15 in Jakarta and day 14 in Jayapura', () => {
    const at = new Date('2024-03-16T08:00:00+09:00');
    expect(isWindowOpen(objectionWindow(RULE_SET_2022_1, receivedAt, WIB), at)).toBe(false);
    expect(isWindowOpen(objectionWindow(RULE_SET_2022_1, receivedAt, WIT), at)).toBe(true);
  });

  it('takes the window length from the rule set', () => {
    const sevenDays: RuleSet = { ...RULE_SET_2022_1, version: 'x', objection: { ...RULE_SET_2022_1.objection, windowDays: 7 } };
    expect(objectionWindow(sevenDays, receivedAt, WIB).lastDay).toBe('2024-03-08');
  });

  it('refuses a time zone the rule set does not allow', () => {
    expect(() => objectionWindow(RULE_SET_2022_1, receivedAt, 'Asia/Singapore')).toThrow(
      expect.objectContaining({ kind: 'invalid', code: 'TIME_ZONE_NOT_ALLOWED' }),
    );
  });
});
