import { tanggalPanjang } from './local-date';

describe('a calendar date written in Bahasa Indonesia', () => {
  it.each([
    ['2023-04-01', '1 April 2023'],
    ['2026-12-31', '31 Desember 2026'],
    ['2024-02-29', '29 Februari 2024'],
  ])('%s is "%s", whatever the process’s time zone', (date, text) => {
    expect(tanggalPanjang(date)).toBe(text);
  });
});
