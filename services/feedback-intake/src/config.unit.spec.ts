import { ConfigError } from '@kinerja/platform';
import { loadFeedbackIntakeConfig } from './config';

const BASE = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x' };

function problems(env: Record<string, string>): string[] {
  try {
    loadFeedbackIntakeConfig({ ...BASE, ...env });
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('feedback-intake configuration (validated at boot)', () => {
  it('defaults to a WIB city, the 2026 national calendar, the example SLA policy and the exact 1/9 IKM weight', () => {
    const config = loadFeedbackIntakeConfig(BASE);
    expect(config.PORT).toBe(3002);
    expect(config.calendar).toMatchObject({ timeZone: 'Asia/Jakarta', weekendDays: [6, 7] });
    expect(config.calendar.holidays.length).toBeGreaterThan(20);
    expect(config.slaPolicy.workingDaysByCategory.PELAYANAN).toBe(5);
    expect(config.ikmRuleSet.weighting).toEqual({ kind: 'EXACT_EQUAL' });
  });

  it.each([
    ['WIB', 'Asia/Jakarta'],
    ['WITA', 'Asia/Makassar'],
    ['WIT', 'Asia/Jayapura'],
    ['Asia/Makassar', 'Asia/Makassar'],
  ])('takes the city zone %s as %s', (zone, iana) => {
    expect(loadFeedbackIntakeConfig({ ...BASE, CITY_TIME_ZONE: zone }).calendar.timeZone).toBe(iana);
  });

  it('takes a decimal IKM weight, an SLA policy and holidays as JSON', () => {
    const config = loadFeedbackIntakeConfig({
      ...BASE,
      IKM_WEIGHT: '0.111',
      SLA_POLICY_JSON: JSON.stringify({ version: 'perwal-7-2026', workingDaysByCategory: { UMUM: 7 } }),
      HOLIDAYS_JSON: JSON.stringify([{ date: '2026-08-17', name: 'HUT RI', kind: 'LIBUR_NASIONAL' }]),
    });
    expect(config.ikmRuleSet).toMatchObject({ weighting: { kind: 'DECIMAL', perUnsur: '0.111' }, version: 'skm-permenpanrb-14-2017/decimal-0.111' });
    expect(config.slaPolicy).toEqual({ version: 'perwal-7-2026', workingDaysByCategory: { UMUM: 7 } });
    expect(config.calendar.holidays).toHaveLength(1);
  });

  it('lists every bad setting at once', () => {
    const found = problems({
      CITY_TIME_ZONE: 'PST',
      IKM_WEIGHT: 'lots',
      SLA_POLICY_JSON: JSON.stringify({ version: 'x', workingDaysByCategory: { UMUM: 0 } }),
      RATE_LIMIT_PER_ADDRESS: '-1',
      TRANSPORT: 'kafka',
    });
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^CITY_TIME_ZONE: must be WIB, WITA or WIT/),
        expect.stringMatching(/^IKM_WEIGHT: /),
        expect.stringMatching(/^SLA_POLICY_JSON: SLA for UMUM must be a positive whole number/),
        expect.stringMatching(/^RATE_LIMIT_PER_ADDRESS: /),
        expect.stringMatching(/^KAFKA_BROKERS: missing/),
      ]),
    );
  });

  it('refuses weights that add up to more than 1 and holidays that are not dates', () => {
    expect(problems({ IKM_WEIGHT: '0.2' })).toEqual([expect.stringMatching(/^IKM_WEIGHT: weights add up to more than 1/)]);
    expect(problems({ HOLIDAYS_JSON: JSON.stringify([{ date: '2026-02-30', name: 'X', kind: 'LIBUR_DAERAH' }]) })).toEqual([expect.stringMatching(/^HOLIDAYS_JSON: holiday "X" has an invalid date/)]);
  });
});
