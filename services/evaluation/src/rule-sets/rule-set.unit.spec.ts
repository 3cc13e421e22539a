import { DomainError } from '@kinerja/domain';
import { DEFAULT_RULE_SETS, RULE_SET_2022_1 } from './default-rule-set';
import { assertValidRuleSet, assertValidRuleSetRegistry, RuleSet, ruleSetByVersion, ruleSetInForce, validateRuleSet, validateRuleSetRegistry } from './rule-set';

const clone = (): any => JSON.parse(JSON.stringify(RULE_SET_2022_1));
const paths = (ruleSet: RuleSet) => validateRuleSet(ruleSet).map((i) => i.path);

describe('rule set validation', () => {
  it('accepts the default rule set 2022.1 and its registry', () => {
    expect(validateRuleSet(RULE_SET_2022_1)).toEqual([]);
    expect(validateRuleSetRegistry(DEFAULT_RULE_SETS)).toEqual([]);
  });

  it('needs all nine matrix cells', () => {
    const r = clone();
    delete r.predicateMatrix.SESUAI.DI_ATAS;
    delete r.predicateMatrix.DI_BAWAH;
    expect(paths(r)).toEqual([
      'predicateMatrix.SESUAI.DI_ATAS',
      'predicateMatrix.DI_BAWAH.DI_ATAS',
      'predicateMatrix.DI_BAWAH.SESUAI',
      'predicateMatrix.DI_BAWAH.DI_BAWAH',
    ]);
  });

  it('refuses a matrix cell that is not an employee predicate', () => {
    const r = clone();
    r.predicateMatrix.DI_ATAS.DI_ATAS = 'ISTIMEWA';
    expect(validateRuleSet(r)).toEqual([{ path: 'predicateMatrix.DI_ATAS.DI_ATAS', problem: 'unknown predicate ISTIMEWA' }]);
  });

  it.each([1.2, -0.1, Number.NaN])('refuses a share of %p outside [0,1]', (share) => {
    const r = clone();
    r.curve.byOrganisationPredicate.ISTIMEWA[0].share = share;
    expect(paths(r)).toEqual(['curve.byOrganisationPredicate.ISTIMEWA[0].share']);
  });

  it('accepts the edge shares 0 and 1', () => {
    const r = clone();
    r.curve.byOrganisationPredicate.ISTIMEWA[0].share = 0;
    r.curve.byOrganisationPredicate.KURANG[0].share = 1;
    expect(validateRuleSet(r)).toEqual([]);
  });

  it('needs a curve list for every organisation predicate and well-formed conditions', () => {
    const r = clone();
    delete r.curve.byOrganisationPredicate.KURANG;
    r.curve.byOrganisationPredicate.BAIK[2].count = 1.5;
    r.curve.byOrganisationPredicate.BAIK[1].ties = 'MAYBE';
    r.curve.byOrganisationPredicate.ISTIMEWA[1].id = 'ISTIMEWA.SB_MAX';
    r.curve.byOrganisationPredicate.SANGAT_KURANG[0].kind = 'AVERAGE';
    r.curve.byOrganisationPredicate.SANGAT_KURANG[1].predicates = ['ISTIMEWA'];
    expect(paths(r)).toEqual([
      'curve.byOrganisationPredicate.ISTIMEWA[1].id',
      'curve.byOrganisationPredicate.BAIK[1].ties',
      'curve.byOrganisationPredicate.BAIK[2].count',
      'curve.byOrganisationPredicate.KURANG',
      'curve.byOrganisationPredicate.SANGAT_KURANG[0].kind',
      'curve.byOrganisationPredicate.SANGAT_KURANG[1].predicates',
    ]);
  });

  it('checks enforcement, rounding, window, time zones, cadences, deadlines, leader mapping', () => {
    const r = clone();
    r.version = ' ';
    r.effectiveFrom = '2022-02-30';
    r.curve.enforcement = 'IGNORE';
    r.curve.rounding.minShare = 'BANKERS';
    r.objection.windowDays = 0;
    r.objection.allowedTimeZones = ['Asia/Jakarta', 'Mars/Olympus'];
    r.periods.allowedCadences = ['WEEKLY'];
    r.periods.fillDeadline.annual.dayOfFollowingMonth = 31;
    delete r.leaderRule.ratingHasilByOrganisationPredicate.BAIK;
    expect(paths(r)).toEqual([
      'version',
      'effectiveFrom',
      'leaderRule.ratingHasilByOrganisationPredicate.BAIK',
      'curve.enforcement',
      'curve.rounding.minShare',
      'objection.windowDays',
      'objection.allowedTimeZones',
      'periods.allowedCadences',
      'periods.fillDeadline.annual.dayOfFollowingMonth',
    ]);
  });

  it('assertValidRuleSet throws a 400 naming the problems', () => {
    const r = clone();
    delete r.predicateMatrix.SESUAI.SESUAI;
    expect(() => assertValidRuleSet(r)).toThrow(DomainError);
    expect(() => assertValidRuleSet(r)).toThrow(/predicateMatrix\.SESUAI\.SESUAI/);
    expect(assertValidRuleSet(RULE_SET_2022_1)).toBe(RULE_SET_2022_1);
  });

  it('refuses a registry with duplicate versions or effective dates', () => {
    const again = { ...RULE_SET_2022_1 };
    const sameDay = { ...RULE_SET_2022_1, version: '2022.2' };
    expect(validateRuleSetRegistry([RULE_SET_2022_1, again, sameDay]).map((i) => i.problem)).toEqual([
      'duplicate version',
      'another version starts on 2022-01-01',
      'another version starts on 2022-01-01',
    ]);
  });

  it('fails fast at boot on an empty or broken registry', () => {
    expect(assertValidRuleSetRegistry(DEFAULT_RULE_SETS)).toBe(DEFAULT_RULE_SETS);
    expect(() => assertValidRuleSetRegistry([])).toThrow(expect.objectContaining({ code: 'RULE_SET_REGISTRY_INVALID' }));
    expect(() => assertValidRuleSetRegistry([RULE_SET_2022_1, RULE_SET_2022_1])).toThrow(/duplicate version/);
  });
});

describe('the version in force on a date', () => {
  const v2025: RuleSet = { ...RULE_SET_2022_1, version: '2025.1', effectiveFrom: '2025-07-01' };
  const registry = [v2025, RULE_SET_2022_1];

  it.each([
    ['2022-01-01', '2022.1'],
    ['2025-06-30', '2022.1'],
    ['2025-07-01', '2025.1'],
    ['2030-12-31', '2025.1'],
  ])('on %s it is %s', (date, version) => {
    expect(ruleSetInForce(registry, date).version).toBe(version);
  });

  it('is not found before the first version', () => {
    expect(() => ruleSetInForce(registry, '2021-12-31')).toThrow(expect.objectContaining({ kind: 'not_found', code: 'RULE_SET_NOT_IN_FORCE' }));
  });

  it('finds a version by id, or says it is not found', () => {
    expect(ruleSetByVersion(registry, '2025.1')).toBe(v2025);
    expect(() => ruleSetByVersion(registry, '1999.1')).toThrow(expect.objectContaining({ kind: 'not_found', code: 'RULE_SET_NOT_FOUND' }));
  });
});
