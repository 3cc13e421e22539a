import { checkNip } from './nip.rules';

const now = new Date('2026-11-22T10:00:00Z');

describe('checkNip', () => {
  it('reads a valid PNS NIP', () => {
    expect(checkNip('199003152015031002', 'PNS', now)).toEqual({
      ok: true,
      value: {
        nip: '199003152015031002',
        birthDate: '1990-03-15',
        appointmentYear: 2015,
        appointmentMonth: 3,
        gender: 'MALE',
        sequence: 2,
      },
    });
  });

  it('reads a female employee and a leap day birth date', () => {
    const check = checkNip('199602292020122001', 'PNS', now);
    expect(check.ok && check.value).toMatchObject({ birthDate: '1996-02-29', gender: 'FEMALE', appointmentMonth: 12 });
  });

  it('reads a PPPK Nomor Induk whose digits 13–14 are not a month', () => {
    const check = checkNip('198807122021212003', 'PPPK', now);
    expect(check).toEqual({
      ok: true,
      value: { nip: '198807122021212003', birthDate: '1988-07-12', appointmentYear: 2021, appointmentMonth: null, gender: 'FEMALE', sequence: 3 },
    });
  });

  it.each([
    ['too short', '19900315201503100', 'NIP_FORMAT'],
    ['too long', '1990031520150310021', 'NIP_FORMAT'],
    ['letters', '19900315201503100A', 'NIP_FORMAT'],
    ['spaces', '19900315 201503 1 002', 'NIP_FORMAT'],
    ['31 February', '199002312015031002', 'NIP_BIRTH_DATE_INVALID'],
    ['29 February of a common year', '199102292015031002', 'NIP_BIRTH_DATE_INVALID'],
    ['month 13 in the birth date', '199013012015031002', 'NIP_BIRTH_DATE_INVALID'],
    ['appointment month 00', '199003152015001002', 'NIP_APPOINTMENT_MONTH_INVALID'],
    ['appointment month 13', '199003152015131002', 'NIP_APPOINTMENT_MONTH_INVALID'],
    ['appointment next month', '199003152026121002', 'NIP_APPOINTMENT_IN_FUTURE'],
    ['appointment before the 18th birthday', '199003152008021002', 'NIP_APPOINTMENT_BEFORE_ADULTHOOD'],
    ['gender digit 3', '199003152015033002', 'NIP_GENDER_INVALID'],
    ['gender digit 0', '199003152015030002', 'NIP_GENDER_INVALID'],
    ['sequence 000', '199003152015031000', 'NIP_SEQUENCE_INVALID'],
  ])('refuses a PNS NIP with %s', (_case, nip, code) => {
    const check = checkNip(nip, 'PNS', now);
    expect(check).toEqual({ ok: false, code, message: expect.any(String) });
  });

  it('accepts an appointment in the current month and in the month of the 18th birthday', () => {
    expect(checkNip('199003152026111002', 'PNS', now).ok).toBe(true);
    expect(checkNip('199003152008031002', 'PNS', now).ok).toBe(true);
  });

  it('takes the current month in WIB (UTC+7)', () => {
    const lateOnThe30thUtc = new Date('2026-11-30T18:00:00Z'); // already 1 December in WIB
    expect(checkNip('199003152026121002', 'PNS', lateOnThe30thUtc).ok).toBe(true);
  });

  it('checks only the appointment year of a PPPK', () => {
    expect(checkNip('198807122027212003', 'PPPK', now)).toMatchObject({ ok: false, code: 'NIP_APPOINTMENT_IN_FUTURE' });
    expect(checkNip('198807122005212003', 'PPPK', now)).toMatchObject({ ok: false, code: 'NIP_APPOINTMENT_BEFORE_ADULTHOOD' });
    expect(checkNip('198807122026992003', 'PPPK', now).ok).toBe(true);
  });
});
