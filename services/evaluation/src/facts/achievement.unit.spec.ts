import { parsePeriod } from '@kinerja/contracts';
import { RULE_SET_2022_1 } from '../rule-sets/default-rule-set';
import { suggestRatings } from '../predicate.rules';
import { achievementOf, annualValueOf, IndicatorPlan, targetFor } from './achievement.rules';
import { ConsumedFacts, suggestionFacts } from './evaluation-facts';

const period = (id: string) => parsePeriod(id)!;
const waktu: IndicatorPlan = {
  ikiId: 'W1',
  aspect: 'WAKTU',
  indicator: 'Rata-rata waktu penerbitan akta',
  target: { kind: 'QUANTITATIVE', value: 3, unit: 'hari' },
  periodTargets: [{ periodId: '2026-S2', target: { kind: 'QUANTITATIVE', value: 2, unit: 'hari' } }],
};
const laporan: IndicatorPlan = { ikiId: 'K1', aspect: 'KUANTITAS', indicator: 'Jumlah laporan', target: { kind: 'QUANTITATIVE', value: 24, unit: 'laporan' } };

describe('achievement follows the direction of the indicator', () => {
  it('higher is better: realised ÷ target', () => {
    expect(achievementOf('HIGHER_IS_BETTER', 24, 30)).toBe(1.25);
    expect(achievementOf('HIGHER_IS_BETTER', 0, 3)).toBeNull();
    expect(achievementOf('HIGHER_IS_BETTER', 10, null)).toBeNull();
  });
  it('lower is better: a WAKTU target of 1 hari realised in 3 hari is worse, not three times better', () => {
    expect(achievementOf('LOWER_IS_BETTER', 1, 3)).toBe(0);
    expect(achievementOf('LOWER_IS_BETTER', 2, 2)).toBe(1);
    expect(achievementOf('LOWER_IS_BETTER', 2, 1)).toBe(1.5);
    expect(achievementOf('LOWER_IS_BETTER', 0, 0)).toBe(1);
    expect(achievementOf('LOWER_IS_BETTER', 0, 1)).toBe(0);
  });
});

describe('the target a realisation is compared with', () => {
  it("a semester realisation meets the IKI's semester target, not the annual one", () => {
    expect(targetFor(waktu, period('2026-S2'))).toEqual({ target: { kind: 'QUANTITATIVE', value: 2, unit: 'hari' }, basis: 'PERIOD' });
  });
  it('without a target for the period: a rate keeps the annual target, a count is prorated', () => {
    expect(targetFor(waktu, period('2026-S1'))).toEqual({ target: waktu.target, basis: 'ANNUAL' });
    expect(targetFor(laporan, period('2026-Q1'))).toEqual({ target: { kind: 'QUANTITATIVE', value: 6, unit: 'laporan' }, basis: 'PRORATED' });
    expect(targetFor(laporan, period('2026'))).toEqual({ target: laporan.target, basis: 'ANNUAL' });
  });
  it('the annual value from periodic realisations: counts add up, rates average, the coarsest kind only', () => {
    const recorded = [
      { periodId: '2026-S1', value: 10 },
      { periodId: '2026-S2', value: 14 },
      { periodId: '2026-Q1', value: 99 },
    ];
    expect(annualValueOf(laporan, recorded)).toBe(24);
    expect(annualValueOf(waktu, recorded)).toBe(12);
    expect(annualValueOf(laporan, [{ periodId: '2026-S1', value: null }])).toBeNull();
  });
});

describe('the suggestion shows its basis', () => {
  it('a WAKTU indicator realised better than its semester target suggests DI_ATAS, with target, direction and value', () => {
    const target = targetFor(waktu, period('2026-S2'));
    const consumed: ConsumedFacts = {
      periodId: '2026-S2',
      realisations: [
        {
          ikiId: 'W1',
          indicator: waktu.indicator,
          aspect: 'WAKTU',
          direction: 'LOWER_IS_BETTER',
          periodId: '2026-S2',
          target: target.target,
          targetBasis: target.basis,
          value: 1,
          narrative: null,
          evidenceCount: 1,
          late: false,
          achievement: achievementOf('LOWER_IS_BETTER', target.target.value, 1),
        },
      ],
      feedback: {},
      unitIkm: null,
      citizenRatings: { count: 0, meanRating: null, byRating: { '1': 0, '2': 0, '3': 0, '4': 0 } },
      mentoring: { sessions: 0, minutes: 0, mentees: 0, byCoreValue: {}, items: [] },
    };
    const suggestion = suggestRatings(RULE_SET_2022_1, suggestionFacts(null, consumed, RULE_SET_2022_1)!);
    expect(suggestion.ratingHasil).toBe('DI_ATAS');
    expect(suggestion.basis.indicators).toEqual([
      {
        indicatorId: 'W1',
        achievement: 1.5,
        counted: 1.2,
        basis: { periodId: '2026-S2', direction: 'LOWER_IS_BETTER', target: 2, unit: 'hari', targetBasis: 'PERIOD', value: 1 },
      },
    ]);
  });
});
