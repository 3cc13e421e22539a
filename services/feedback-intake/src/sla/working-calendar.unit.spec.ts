import { HOLIDAYS_ID_2026 } from './holidays-id-2026';
import { DEFAULT_CALENDAR_WIB_2026, EXAMPLE_SLA_POLICY, slaPolicyProblems } from './sla-policy.rules';
import {
  computeSlaDeadline,
  isSlaBreached,
  isWorkingDay,
  localDateOf,
  startOfLocalDate,
  WorkingCalendar,
  workingCalendarProblems,
} from './working-calendar.rules';

const WIB = DEFAULT_CALENDAR_WIB_2026;
const WITA: WorkingCalendar = { ...WIB, timeZone: 'Asia/Makassar' };
const WIT: WorkingCalendar = { ...WIB, timeZone: 'Asia/Jayapura' };

describe('working-day calendar', () => {
  describe('2026 holiday data', () => {
    it('holds 17 national holidays and 8 cuti bersama, and validates', () => {
      expect(HOLIDAYS_ID_2026.filter((h) => h.kind === 'LIBUR_NASIONAL')).toHaveLength(17);
      expect(HOLIDAYS_ID_2026.filter((h) => h.kind === 'CUTI_BERSAMA')).toHaveLength(8);
      expect(workingCalendarProblems(WIB)).toEqual([]);
      expect(slaPolicyProblems(EXAMPLE_SLA_POLICY)).toEqual([]);
    });

    it('treats weekends, holidays and cuti bersama as days off', () => {
      expect(isWorkingDay('2026-01-15', WIB)).toBe(true);
      expect(isWorkingDay('2026-01-16', WIB)).toBe(false); // Isra Mikraj, Friday
      expect(isWorkingDay('2026-01-17', WIB)).toBe(false); // Saturday
      expect(isWorkingDay('2026-01-18', WIB)).toBe(false); // Sunday
      expect(isWorkingDay('2026-03-23', WIB)).toBe(false); // cuti bersama Idulfitri
    });
  });

  describe('time zones', () => {
    it('gives the local date of an instant in WIB, WITA and WIT', () => {
      const instant = new Date('2026-01-14T16:30:00Z');
      expect(localDateOf(instant, 'Asia/Jakarta')).toBe('2026-01-14'); // 23:30 WIB
      expect(localDateOf(instant, 'Asia/Makassar')).toBe('2026-01-15'); // 00:30 WITA
      expect(localDateOf(instant, 'Asia/Jayapura')).toBe('2026-01-15'); // 01:30 WIT
    });

    it('finds local midnight as an instant', () => {
      expect(startOfLocalDate('2026-01-20', 'Asia/Jakarta').toISOString()).toBe('2026-01-19T17:00:00.000Z');
      expect(startOfLocalDate('2026-01-20', 'Asia/Makassar').toISOString()).toBe('2026-01-19T16:00:00.000Z');
      expect(startOfLocalDate('2026-01-20', 'Asia/Jayapura').toISOString()).toBe('2026-01-19T15:00:00.000Z');
      expect(startOfLocalDate('2026-03-29', 'Europe/Berlin').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    });
  });

  describe('SLA deadline (receipt day not counted by default)', () => {
    it('a complaint on Friday evening before a Friday holiday skips two weekends and the holiday', () => {
      // Fri 9 Jan 18:00 WIB; 5 working days: Mon 12, 13, 14, Thu 15, (Fri 16 Isra Mikraj), Mon 19
      expect(computeSlaDeadline(new Date('2026-01-09T11:00:00Z'), 5, WIB)).toEqual({
        workingDays: 5,
        dueOn: '2026-01-19',
        dueAt: '2026-01-19T17:00:00.000Z',
        timeZone: 'Asia/Jakarta',
        calendarVersion: WIB.version,
      });
    });

    it('a complaint the evening before the Nyepi and Idulfitri holidays waits them out', () => {
      // Tue 17 Mar: 18, 19, 20, 21, 22, 23, 24 are all off → 25, 26, 27, 30, 31
      expect(computeSlaDeadline(new Date('2026-03-17T13:00:00Z'), 5, WIB)).toMatchObject({ dueOn: '2026-03-31', dueAt: '2026-03-31T17:00:00.000Z' });
    });

    it('a complaint received on a weekend starts on Monday', () => {
      expect(computeSlaDeadline(new Date('2026-01-10T03:00:00Z'), 1, WIB)).toMatchObject({ dueOn: '2026-01-12' });
    });

    it('crosses Christmas and the year-end weekend', () => {
      // Wed 23 Dec 19:00 WIB: 24 cuti bersama, 25 Natal, 26-27 weekend → Mon 28, Tue 29
      expect(computeSlaDeadline(new Date('2026-12-23T12:00:00Z'), 2, WIB)).toMatchObject({ dueOn: '2026-12-29', dueAt: '2026-12-29T17:00:00.000Z' });
    });

    it('depends on the city time zone: the same instant is Wednesday night in WIB and Thursday in WITA and WIT', () => {
      const receivedAt = new Date('2026-01-14T16:30:00Z');
      // WIB: received Wed 14 → Thu 15, (Fri 16 holiday), Mon 19, Tue 20
      expect(computeSlaDeadline(receivedAt, 3, WIB)).toMatchObject({ dueOn: '2026-01-20', dueAt: '2026-01-20T17:00:00.000Z', timeZone: 'Asia/Jakarta' });
      // WITA / WIT: received Thu 15 → Mon 19, Tue 20, Wed 21
      expect(computeSlaDeadline(receivedAt, 3, WITA)).toMatchObject({ dueOn: '2026-01-21', dueAt: '2026-01-21T16:00:00.000Z', timeZone: 'Asia/Makassar' });
      expect(computeSlaDeadline(receivedAt, 3, WIT)).toMatchObject({ dueOn: '2026-01-21', dueAt: '2026-01-21T15:00:00.000Z', timeZone: 'Asia/Jayapura' });
    });

    it('rejects a non-positive or fractional SLA', () => {
      expect(() => computeSlaDeadline(new Date('2026-01-12T01:00:00Z'), 0, WIB)).toThrow();
      expect(() => computeSlaDeadline(new Date('2026-01-12T01:00:00Z'), 1.5, WIB)).toThrow();
    });
  });

  describe('SLA deadline with a same-day cutoff configured', () => {
    const withCutoff: WorkingCalendar = { ...WIB, receiptDayCountsBefore: '12:00' };

    it('counts the receipt day when received on a working day before the cutoff', () => {
      expect(computeSlaDeadline(new Date('2026-01-12T02:00:00Z'), 1, withCutoff)).toMatchObject({ dueOn: '2026-01-12' }); // Mon 09:00 WIB
      expect(computeSlaDeadline(new Date('2026-01-12T04:59:59Z'), 2, withCutoff)).toMatchObject({ dueOn: '2026-01-13' }); // 11:59:59
    });

    it('does not count it from the cutoff on, nor on a day off', () => {
      expect(computeSlaDeadline(new Date('2026-01-12T05:00:00Z'), 1, withCutoff)).toMatchObject({ dueOn: '2026-01-13' }); // 12:00 WIB
      expect(computeSlaDeadline(new Date('2026-01-16T02:00:00Z'), 1, withCutoff)).toMatchObject({ dueOn: '2026-01-19' }); // holiday 09:00
    });
  });

  describe('breach', () => {
    const deadline = computeSlaDeadline(new Date('2026-01-09T11:00:00Z'), 5, WIB);

    it('is not breached until local midnight ending the last working day', () => {
      expect(isSlaBreached(deadline, new Date('2026-01-19T16:59:59.999Z'))).toBe(false); // 23:59:59.999 WIB
    });

    it('is breached from that instant on', () => {
      expect(isSlaBreached(deadline, new Date('2026-01-19T17:00:00.000Z'))).toBe(true);
      expect(isSlaBreached(deadline, new Date('2026-02-01T00:00:00Z'))).toBe(true);
    });
  });

  describe('configuration validation', () => {
    it('reports an unknown zone, bad dates, duplicates, an all-weekend week and a bad cutoff', () => {
      const bad: WorkingCalendar = {
        version: 'x',
        timeZone: 'Asia/Atlantis',
        weekendDays: [1, 2, 3, 4, 5, 6, 7],
        holidays: [
          { date: '2026-02-30', kind: 'LIBUR_NASIONAL', name: 'Tidak ada' },
          { date: '2026-01-01', kind: 'LIBUR_NASIONAL', name: 'A' },
          { date: '2026-01-01', kind: 'CUTI_BERSAMA', name: 'B' },
        ],
        receiptDayCountsBefore: '25:00',
      };
      expect(workingCalendarProblems(bad)).toEqual([
        'unknown time zone "Asia/Atlantis"',
        'every weekday is a weekend day',
        'holiday "Tidak ada" has an invalid date "2026-02-30"',
        'holiday date 2026-01-01 is listed twice',
        'receiptDayCountsBefore "25:00" is not HH:MM',
      ]);
    });

    it('reports a non-positive SLA', () => {
      expect(slaPolicyProblems({ version: 'x', workingDaysByCategory: { PELAYANAN: 0 } })).toEqual([
        'SLA for PELAYANAN must be a positive whole number of working days, got 0',
      ]);
    });
  });
});
