import { Holiday } from './working-calendar.rules';

/**
 * CONFIGURATION DATA, not a rule: Indonesian national holidays (17) and cuti bersama (8) for 2026,
 * per SKB Menteri Agama, Menteri Ketenagakerjaan and Menteri PANRB Nomor 1497 Tahun 2025, 2 Tahun
 * 2025, 5 Tahun 2025 (as published by Kemenko PMK, 19 September 2025). Verify against the signed SKB
 * and add regional holidays (LIBUR_DAERAH) per city before use; the government may amend it.
 */
export const HOLIDAYS_ID_2026: readonly Holiday[] = [
  { date: '2026-01-01', kind: 'LIBUR_NASIONAL', name: 'Tahun Baru 2026 Masehi' },
  { date: '2026-01-16', kind: 'LIBUR_NASIONAL', name: 'Isra Mikraj Nabi Muhammad SAW' },
  { date: '2026-02-16', kind: 'CUTI_BERSAMA', name: 'Cuti bersama Tahun Baru Imlek 2577 Kongzili' },
  { date: '2026-02-17', kind: 'LIBUR_NASIONAL', name: 'Tahun Baru Imlek 2577 Kongzili' },
  { date: '2026-03-18', kind: 'CUTI_BERSAMA', name: 'Cuti bersama Hari Suci Nyepi' },
  { date: '2026-03-19', kind: 'LIBUR_NASIONAL', name: 'Hari Suci Nyepi (Tahun Baru Saka 1948)' },
  { date: '2026-03-20', kind: 'CUTI_BERSAMA', name: 'Cuti bersama Idulfitri 1447 H' },
  { date: '2026-03-21', kind: 'LIBUR_NASIONAL', name: 'Idulfitri 1447 H' },
  { date: '2026-03-22', kind: 'LIBUR_NASIONAL', name: 'Idulfitri 1447 H' },
  { date: '2026-03-23', kind: 'CUTI_BERSAMA', name: 'Cuti bersama Idulfitri 1447 H' },
  { date: '2026-03-24', kind: 'CUTI_BERSAMA', name: 'Cuti bersama Idulfitri 1447 H' },
  { date: '2026-04-03', kind: 'LIBUR_NASIONAL', name: 'Wafat Yesus Kristus' },
  { date: '2026-04-05', kind: 'LIBUR_NASIONAL', name: 'Kebangkitan Yesus Kristus (Paskah)' },
  { date: '2026-05-01', kind: 'LIBUR_NASIONAL', name: 'Hari Buruh Internasional' },
  { date: '2026-05-14', kind: 'LIBUR_NASIONAL', name: 'Kenaikan Yesus Kristus' },
  { date: '2026-05-15', kind: 'CUTI_BERSAMA', name: 'Cuti bersama Kenaikan Yesus Kristus' },
  { date: '2026-05-27', kind: 'LIBUR_NASIONAL', name: 'Iduladha 1447 H' },
  { date: '2026-05-28', kind: 'CUTI_BERSAMA', name: 'Cuti bersama Iduladha 1447 H' },
  { date: '2026-05-31', kind: 'LIBUR_NASIONAL', name: 'Hari Raya Waisak 2570 BE' },
  { date: '2026-06-01', kind: 'LIBUR_NASIONAL', name: 'Hari Lahir Pancasila' },
  { date: '2026-06-16', kind: 'LIBUR_NASIONAL', name: '1 Muharam Tahun Baru Islam 1448 H' },
  { date: '2026-08-17', kind: 'LIBUR_NASIONAL', name: 'Proklamasi Kemerdekaan Republik Indonesia' },
  { date: '2026-08-25', kind: 'LIBUR_NASIONAL', name: 'Maulid Nabi Muhammad SAW' },
  { date: '2026-12-24', kind: 'CUTI_BERSAMA', name: 'Cuti bersama Kelahiran Yesus Kristus' },
  { date: '2026-12-25', kind: 'LIBUR_NASIONAL', name: 'Kelahiran Yesus Kristus' },
];
