import { leaderRatingHasil, predicateFor, ratingDifference, suggestRatings } from './predicate.rules';
import { RULE_SET_2022_1 } from './rule-sets/default-rule-set';
import { RuleSet } from './rule-sets/rule-set';

describe('predicate matrix (docs/regulations.md §4.2)', () => {
  it.each([
    ['DI_ATAS', 'DI_ATAS', 'SANGAT_BAIK'],
    ['DI_ATAS', 'SESUAI', 'BAIK'],
    ['DI_ATAS', 'DI_BAWAH', 'KURANG_MISCONDUCT'],
    ['SESUAI', 'DI_ATAS', 'BAIK'],
    ['SESUAI', 'SESUAI', 'BAIK'],
    ['SESUAI', 'DI_BAWAH', 'KURANG_MISCONDUCT'],
    ['DI_BAWAH', 'DI_ATAS', 'BUTUH_PERBAIKAN'],
    ['DI_BAWAH', 'SESUAI', 'BUTUH_PERBAIKAN'],
    ['DI_BAWAH', 'DI_BAWAH', 'SANGAT_KURANG'],
  ] as const)('hasil %s × perilaku %s → %s', (hasil, perilaku, predicate) => {
    expect(predicateFor(RULE_SET_2022_1, hasil, perilaku)).toBe(predicate);
  });

  it('reads the cell from the rule set, not from code', () => {
    const corrected: RuleSet = {
      ...RULE_SET_2022_1,
      version: '2026.1',
      predicateMatrix: { ...RULE_SET_2022_1.predicateMatrix, SESUAI: { ...RULE_SET_2022_1.predicateMatrix.SESUAI, DI_ATAS: 'SANGAT_BAIK' } },
    };
    expect(predicateFor(corrected, 'SESUAI', 'DI_ATAS')).toBe('SANGAT_BAIK');
  });
});

describe('leader rule: the unit achievement is the rating hasil', () => {
  it.each([
    ['ISTIMEWA', 'DI_ATAS'],
    ['BAIK', 'SESUAI'],
    ['BUTUH_PERBAIKAN', 'DI_BAWAH'],
    ['KURANG', 'DI_BAWAH'],
    ['SANGAT_KURANG', 'DI_BAWAH'],
  ] as const)('organisation %s → rating hasil %s', (org, rating) => {
    expect(leaderRatingHasil(RULE_SET_2022_1, org)).toBe(rating);
  });
});

describe('suggested rating (a suggestion only)', () => {
  const facts = (achievements: number[], positive = 0, negative = 0) => ({
    indicators: achievements.map((achievement, i) => ({ indicatorId: `iki-${i}`, achievement })),
    feedback: { positive, negative },
  });

  it.each([
    [[1.1], 'DI_ATAS'],
    [[1.0999], 'SESUAI'],
    [[0.9], 'SESUAI'],
    [[0.8999], 'DI_BAWAH'],
    [[1.0, 1.2], 'DI_ATAS'],
    [[0.6, 3.0], 'SESUAI'],
    [[0.5, 3.0], 'DI_BAWAH'],
  ] as const)('mean achievement of %p → hasil %s', (achievements, rating) => {
    expect(suggestRatings(RULE_SET_2022_1, facts([...achievements])).ratingHasil).toBe(rating);
  });

  it('caps each indicator before the mean, and floors negatives at zero', () => {
    expect(suggestRatings(RULE_SET_2022_1, facts([3.0, -1])).basis.meanAchievement).toBe(0.6);
  });

  it('suggests nothing without facts', () => {
    expect(suggestRatings(RULE_SET_2022_1, facts([]))).toEqual({
      ratingHasil: null,
      ratingPerilaku: null,
      basis: {
        indicatorCount: 0,
        meanAchievement: null,
        indicators: [],
        thresholds: { perIndicatorCap: 1.2, diAtasFromMean: 1.1, sesuaiFromMean: 0.9 },
        positiveFeedback: 0,
        negativeFeedback: 0,
      },
    });
  });

  it.each([
    [4, 1, 'DI_ATAS'],
    [3, 1, 'SESUAI'],
    [3, 2, 'SESUAI'],
    [1, 1, 'DI_BAWAH'],
    [0, 1, 'DI_BAWAH'],
  ] as const)('%i positive, %i negative feedback → perilaku %s', (positive, negative, rating) => {
    expect(suggestRatings(RULE_SET_2022_1, facts([], positive, negative)).ratingPerilaku).toBe(rating);
  });

  it('needs the rule set minimum of feedback for a perilaku suggestion', () => {
    const strict: RuleSet = { ...RULE_SET_2022_1, suggestion: { ...RULE_SET_2022_1.suggestion, perilaku: { ...RULE_SET_2022_1.suggestion.perilaku, minFeedback: 3 } } };
    expect(suggestRatings(strict, facts([], 2, 0)).ratingPerilaku).toBeNull();
    expect(suggestRatings(strict, facts([], 3, 0)).ratingPerilaku).toBe('DI_ATAS');
  });

  it('records the difference between the human and the suggestion in steps', () => {
    expect(ratingDifference('DI_ATAS', 'DI_BAWAH')).toBe(2);
    expect(ratingDifference('SESUAI', 'DI_ATAS')).toBe(-1);
    expect(ratingDifference('SESUAI', 'SESUAI')).toBe(0);
    expect(ratingDifference('SESUAI', null)).toBeNull();
  });
});
