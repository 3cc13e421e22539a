import { RULE_SET_2022_1 } from '../rule-sets/default-rule-set';
import { RuleSet, validateRuleSet } from '../rule-sets/rule-set';
import { suggestRatings } from '../predicate.rules';
import { CitizenRatings, citizenRatingFeedback, NO_CITIZEN_RATINGS } from './citizen-ratings.rules';
import { ConsumedFacts, suggestionFacts } from './evaluation-facts';

const counting: RuleSet = {
  ...RULE_SET_2022_1,
  version: '2026.1-citizens',
  effectiveFrom: '2026-01-01',
  suggestion: { ...RULE_SET_2022_1.suggestion, perilaku: { ...RULE_SET_2022_1.suggestion.perilaku, citizenRatings: { positiveFromRating: 4, negativeUpToRating: 2 } } },
};
const ratings: CitizenRatings = { count: 5, meanRating: 3.2, byRating: { '1': 0, '2': 1, '3': 1, '4': 3 } };
const consumed = (citizenRatings = ratings): ConsumedFacts => ({ periodId: '2026', realisations: [], feedback: {}, unitIkm: null, citizenRatings, mentoring: { sessions: 0, minutes: 0, mentees: 0, byCoreValue: {}, items: [] } });

describe("citizens' ratings in the evaluation context, as the rule set says", () => {
  it('2022.1 shows them and counts nothing: no suggestion rests on them', () => {
    expect(citizenRatingFeedback(RULE_SET_2022_1, ratings)).toEqual({ positive: 0, negative: 0 });
    expect(suggestionFacts(null, consumed(), RULE_SET_2022_1)).toBeNull();
  });

  it('a version that counts them: 4 positive, up to 2 negative, 3 neither; the perilaku suggestion follows', () => {
    expect(citizenRatingFeedback(counting, ratings)).toEqual({ positive: 3, negative: 1 });
    const facts = suggestionFacts(null, consumed(), counting)!;
    expect(facts).toEqual({ indicators: [], feedback: { positive: 3, negative: 1 } });
    expect(suggestRatings(counting, facts)).toMatchObject({ ratingHasil: null, ratingPerilaku: 'SESUAI', basis: { positiveFeedback: 3, negativeFeedback: 1 } });
    expect(suggestionFacts(null, consumed(NO_CITIZEN_RATINGS), counting)).toBeNull();
  });

  it('a rule set with impossible thresholds is refused, naming the path', () => {
    expect(validateRuleSet(counting)).toEqual([]);
    const wrong = { ...counting, suggestion: { ...counting.suggestion, perilaku: { ...counting.suggestion.perilaku, citizenRatings: { positiveFromRating: 2, negativeUpToRating: 3 } } } };
    expect(validateRuleSet(wrong)).toEqual([{ path: 'suggestion.perilaku.citizenRatings', problem: expect.any(String) }]);
  });
});
