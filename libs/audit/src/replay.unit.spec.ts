import { parseAsOf } from './replay';

describe('parseAsOf', () => {
  it('reads a date as the end of that day (UTC) and a date-time with its offset', () => {
    expect(parseAsOf('2025-06-30')?.toISOString()).toBe('2025-06-30T23:59:59.999Z');
    expect(parseAsOf('2025-06-30T08:15:00+07:00')?.toISOString()).toBe('2025-06-30T01:15:00.000Z');
    expect(parseAsOf('2025-06-30T08:15Z')?.toISOString()).toBe('2025-06-30T08:15:00.000Z');
    expect(parseAsOf('2024-02-29T23:59:59.123Z')?.toISOString()).toBe('2024-02-29T23:59:59.123Z');
  });

  it('refuses days that do not exist, times without an offset, and anything else', () => {
    for (const text of ['2025-02-30', '2025-13-01', '2025-00-10', '2025-02-30T10:00:00Z', '2025-06-30T08:15:00', 'yesterday', '1', '', '30-06-2025']) {
      expect(parseAsOf(text)).toBeNull();
    }
  });
});
