import {
  computeIkm,
  DEFAULT_IKM_RULE_SET,
  formatScaled,
  gradeIkm,
  IkmRuleSet,
  ikmRuleSetProblems,
  roundHalfUp,
  SkmAnswers,
  SkmScore,
  skmAnswersProblem,
  UNSUR,
} from './ikm.rules';

const ROUNDED_WEIGHT: IkmRuleSet = { ...DEFAULT_IKM_RULE_SET, version: 'rounded', weighting: { kind: 'DECIMAL', perUnsur: '0.111' } };

/** `count` respondents answering all nine unsur, whose answers add up to `total`. */
function respondents(count: number, total: number): SkmAnswers[] {
  let extra = total - 9 * count;
  if (extra < 0 || extra > 27 * count) throw new Error('total out of reach');
  return Array.from({ length: count }, () => {
    const answers: SkmAnswers = {};
    for (const unsur of UNSUR) {
      const add = Math.min(3, extra);
      extra -= add;
      answers[unsur] = (1 + add) as SkmScore;
    }
    return answers;
  });
}

const all = (score: SkmScore): SkmAnswers => Object.fromEntries(UNSUR.map((u) => [u, score])) as SkmAnswers;

function computed(responses: SkmAnswers[], ruleSet = DEFAULT_IKM_RULE_SET) {
  const result = computeIkm(responses, ruleSet);
  if (result.kind !== 'COMPUTED') throw new Error(`not computed: ${result.reason}`);
  return result;
}

describe('IKM (PermenPANRB 14/2017)', () => {
  describe('formula', () => {
    it('all 4 gives 100.00 (A) and all 1 gives 25.00 (D) with the exact 1/9 weight', () => {
      expect(computed([all(4), all(4)])).toMatchObject({ ikm: '100.00', grade: 'A', label: 'Sangat Baik', respondentCount: 2, weight: '1/9' });
      expect(computed([all(1)])).toMatchObject({ ikm: '25.00', grade: 'D', label: 'Tidak Baik' });
    });

    it('averages each unsur over its filled answers only', () => {
      // U1: (4 + 2) / 2 = 3; U2..U9: 3 from the first respondent only → every NRR is 3 → 75.00
      const first: SkmAnswers = { ...all(3), U1: 4 };
      const second: SkmAnswers = { U1: 2 };
      const result = computed([first, second]);
      expect(result.perUnsur[0]).toEqual({ unsur: 'U1', answered: 2, sum: 6, nrr: '3.0000' });
      expect(result.perUnsur[1]).toEqual({ unsur: 'U2', answered: 1, sum: 3, nrr: '3.0000' });
      expect(result).toMatchObject({ ikm: '75.00', grade: 'C', respondentCount: 2 });
    });

    it('reports the NRR per unsur to four decimals', () => {
      const result = computed([all(3), all(4), all(4)]);
      expect(result.perUnsur.every((u) => u.nrr === '3.6667')).toBe(true);
      expect(result.ikm).toBe('91.67');
    });

    it('with the rounded 0.111 weight caps at 99.90 and puts all-1 at 24.98, graded D', () => {
      expect(computed([all(4)], ROUNDED_WEIGHT)).toMatchObject({ ikm: '99.90', grade: 'A', weight: '0.111' });
      expect(computed([all(1)], ROUNDED_WEIGHT)).toMatchObject({ ikm: '24.98', grade: 'D' });
    });

    it('is not computable without responses, or when an unsur has no answer at all', () => {
      expect(computeIkm([], DEFAULT_IKM_RULE_SET)).toMatchObject({ kind: 'NOT_COMPUTABLE', reason: 'NO_RESPONSES', respondentCount: 0 });
      const { U9: _omitted, ...eight } = all(3);
      expect(computeIkm([eight], DEFAULT_IKM_RULE_SET)).toMatchObject({
        kind: 'NOT_COMPUTABLE',
        reason: 'UNSUR_WITHOUT_ANSWERS',
        unsurWithoutAnswers: ['U9'],
        respondentCount: 1,
      });
    });
  });

  describe('grade boundaries, exact 1/9 weight (rounded to two decimals before grading)', () => {
    it.each([
      // respondents, total of all answers, unrounded, IKM, grade
      [38, 889, '64.985380', '64.99', 'D'],
      [5, 117, '65.000000', '65.00', 'C'],
      [26, 717, '76.602564', '76.60', 'C'],
      [19, 524, '76.608187', '76.61', 'B'],
      [19, 604, '88.304094', '88.30', 'B'],
      [24, 763, '88.310185', '88.31', 'A'],
    ])('%i respondents totalling %i → %s → %s (%s)', (count, total, unrounded, ikm, grade) => {
      expect(computed(respondents(count, total))).toMatchObject({ unrounded, ikm, grade, respondentCount: count });
    });
  });

  describe('grade boundaries, rounded 0.111 weight', () => {
    it.each([
      [19, 445, '64.99', 'D'],
      [26, 609, '65.00', 'C'],
      [38, 1049, '76.60', 'C'],
      [23, 635, '76.61', 'B'],
      [11, 350, '88.30', 'B'],
      [17, 541, '88.31', 'A'],
    ])('%i respondents totalling %i → %s (%s)', (count, total, ikm, grade) => {
      expect(computed(respondents(count, total), ROUNDED_WEIGHT)).toMatchObject({ ikm, grade, weight: '0.111' });
    });

    it('rounds an exact 76.605 half-up to 76.61 (B), where binary floats give 76.60499… (C)', () => {
      const result = computed(respondents(185, 5107), ROUNDED_WEIGHT);
      expect(result).toMatchObject({ unrounded: '76.605000', ikm: '76.61', grade: 'B' });
      expect(((0.111 * 5107) / 185) * 25).toBeLessThan(76.605);
    });

    it('rounds exact 88.305 to 88.31 (A) and 64.995 to 65.00 (C)', () => {
      expect(computed(respondents(185, 5887), ROUNDED_WEIGHT)).toMatchObject({ unrounded: '88.305000', ikm: '88.31', grade: 'A' });
      expect(computed(respondents(185, 4333), ROUNDED_WEIGHT)).toMatchObject({ unrounded: '64.995000', ikm: '65.00', grade: 'C' });
    });
  });

  describe('rounding and grading helpers', () => {
    it('rounds half-up on the decimal value', () => {
      expect(formatScaled(roundHalfUp({ num: 76605n, den: 1000n }, 2), 2)).toBe('76.61');
      expect(formatScaled(roundHalfUp({ num: 76604n, den: 1000n }, 2), 2)).toBe('76.60');
      expect(formatScaled(roundHalfUp({ num: 1n, den: 3n }, 4), 4)).toBe('0.3333');
      expect(formatScaled(roundHalfUp({ num: 2n, den: 3n }, 4), 4)).toBe('0.6667');
    });

    it.each([
      [6499, 'D'],
      [6500, 'C'],
      [7660, 'C'],
      [7661, 'B'],
      [8830, 'B'],
      [8831, 'A'],
      [10000, 'A'],
      [2500, 'D'],
    ])('grades %i hundredths as %s', (hundredths, grade) => {
      expect(gradeIkm(hundredths, DEFAULT_IKM_RULE_SET.bands).grade).toBe(grade);
    });

    it('accepts the default rule set and rejects gaps and bad weights', () => {
      expect(ikmRuleSetProblems(DEFAULT_IKM_RULE_SET)).toEqual([]);
      expect(ikmRuleSetProblems(ROUNDED_WEIGHT)).toEqual([]);
      const gap: IkmRuleSet = {
        ...DEFAULT_IKM_RULE_SET,
        weighting: { kind: 'DECIMAL', perUnsur: 'sebelas' },
        bands: DEFAULT_IKM_RULE_SET.bands.map((b) => (b.grade === 'B' ? { ...b, fromHundredths: 7662 } : b)),
      };
      expect(ikmRuleSetProblems(gap)).toEqual(['weight "sebelas" is not a positive decimal', 'bands C and B are not contiguous']);
      expect(ikmRuleSetProblems({ ...DEFAULT_IKM_RULE_SET, weighting: { kind: 'DECIMAL', perUnsur: '0.112' } })).toEqual(['weights add up to more than 1 (9 × 0.112)']);
    });
  });

  describe('answer validation', () => {
    it('accepts a partial response on the 1–4 scale', () => {
      expect(skmAnswersProblem({ U1: 4, U5: 1 })).toBeNull();
    });

    it.each([
      [{ U1: 5 }, 'SCORE_OUT_OF_RANGE', 'answers.U1'],
      [{ U2: 0 }, 'SCORE_OUT_OF_RANGE', 'answers.U2'],
      [{ U3: 2.5 }, 'SCORE_OUT_OF_RANGE', 'answers.U3'],
      [{ U3: '3' }, 'SCORE_OUT_OF_RANGE', 'answers.U3'],
      [{ U10: 3 }, 'UNKNOWN_UNSUR', 'answers.U10'],
      [{}, 'NO_ANSWERS', 'answers'],
    ])('rejects %j with %s', (answers, code, field) => {
      expect(skmAnswersProblem(answers)).toMatchObject({ code, field });
    });
  });
});
