import type { ErrorCode } from '@kinerja/domain';

/**
 * NIP (Nomor Induk Pegawai), 18 digits: `YYYYMMDD YYYYMM G NNN` (Peraturan Kepala BKN 22/2007):
 *   1–8   birth date;
 *   9–14  year and month of the first appointment (TMT CPNS);
 *   15    gender: 1 male, 2 female;
 *   16–18 sequence number, from 001.
 * The Nomor Induk of a PPPK has the same length and layout except that digits 13–14 hold the count
 * of work agreements, not a month: for PPPK only the appointment year is checked.
 *
 * Checked: 18 digits; the birth date is a real calendar date; the appointment month is 01–12 (PNS);
 * the appointment is not after the current month (in WIB) and not before the month of the 18th
 * birthday (PPPK: the year); the gender digit is 1 or 2; the sequence is not 000.
 * Not checked (no source of truth here): the maximum age at appointment and uniqueness of the
 * sequence, which BKN assigns.
 */
export type EmploymentStatus = 'PNS' | 'PPPK';
export type Gender = 'MALE' | 'FEMALE';

export interface ParsedNip {
  nip: string;
  /** ISO date, YYYY-MM-DD. */
  birthDate: string;
  appointmentYear: number;
  /** 1–12; null for PPPK, whose digits 13–14 are not a month. */
  appointmentMonth: number | null;
  gender: Gender;
  sequence: number;
}

export type NipCheck = { ok: true; value: ParsedNip } | { ok: false; code: ErrorCode; message: string };

/** WIB (UTC+7), the reference for "the current month". */
const WIB_OFFSET_MS = 7 * 60 * 60 * 1000;

export function checkNip(nip: string, status: EmploymentStatus, now: Date): NipCheck {
  if (!/^\d{18}$/.test(nip)) return fail('NIP_FORMAT', 'NIP harus terdiri atas 18 digit angka.');

  const birthYear = Number(nip.slice(0, 4));
  const birthMonth = Number(nip.slice(4, 6));
  const birthDay = Number(nip.slice(6, 8));
  if (!isRealDate(birthYear, birthMonth, birthDay)) {
    return fail('NIP_BIRTH_DATE_INVALID', 'Digit 1–8 NIP harus berupa tanggal lahir yang valid (TTTTBBHH).');
  }

  const appointmentYear = Number(nip.slice(8, 12));
  const appointmentMonth = status === 'PNS' ? Number(nip.slice(12, 14)) : null;
  if (appointmentMonth !== null && (appointmentMonth < 1 || appointmentMonth > 12)) {
    return fail('NIP_APPOINTMENT_MONTH_INVALID', 'Digit 13–14 NIP harus berupa bulan TMT CPNS (01–12).');
  }

  const today = new Date(now.getTime() + WIB_OFFSET_MS);
  const current = { year: today.getUTCFullYear(), month: today.getUTCMonth() + 1 };
  const appointment = { year: appointmentYear, month: appointmentMonth ?? 1 };
  const latest = appointmentMonth === null ? { year: current.year, month: 1 } : current;
  if (compareMonths(appointment, latest) > 0) {
    return fail('NIP_APPOINTMENT_IN_FUTURE', 'TMT pengangkatan pada NIP (digit 9–14) tidak boleh di masa depan.');
  }
  const adulthood = { year: birthYear + 18, month: appointmentMonth === null ? 1 : birthMonth };
  if (compareMonths(appointment, adulthood) < 0) {
    return fail('NIP_APPOINTMENT_BEFORE_ADULTHOOD', 'TMT pengangkatan pada NIP harus setelah pegawai berusia 18 tahun.');
  }

  const genderDigit = nip[14];
  if (genderDigit !== '1' && genderDigit !== '2') {
    return fail('NIP_GENDER_INVALID', 'Digit 15 NIP (jenis kelamin) harus 1 (laki-laki) atau 2 (perempuan).');
  }
  const sequence = Number(nip.slice(15, 18));
  if (sequence === 0) return fail('NIP_SEQUENCE_INVALID', 'Nomor urut pada NIP (digit 16–18) dimulai dari 001.');

  return {
    ok: true,
    value: {
      nip,
      birthDate: `${nip.slice(0, 4)}-${nip.slice(4, 6)}-${nip.slice(6, 8)}`,
      appointmentYear,
      appointmentMonth,
      gender: genderDigit === '1' ? 'MALE' : 'FEMALE',
      sequence,
    },
  };
}

function fail(code: ErrorCode, message: string): NipCheck {
  return { ok: false, code, message };
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (year < 1900 || month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function compareMonths(a: { year: number; month: number }, b: { year: number; month: number }): number {
  return a.year !== b.year ? a.year - b.year : a.month - b.month;
}
