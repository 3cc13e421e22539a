import { DomainError } from '@kinerja/domain';
import { RULE_SET_2022_1 } from './default-rule-set';
import { assertValidRuleSetRegistry, atLeast, ruleSetInForce, RuleSet, validateRuleSet } from './rule-set';

describe('career rule set', () => {
  it('the built-in 2022.1 is valid', () => {
    expect(validateRuleSet(RULE_SET_2022_1)).toEqual([]);
  });

  it('names every broken value of a rule set given as data', () => {
    const broken = {
      ...RULE_SET_2022_1,
      version: '',
      kenaikanPangkat: { ...RULE_SET_2022_1.kenaikanPangkat, periods: ['04-31'] },
      talent: { ...RULE_SET_2022_1.talent, boxes: { ...RULE_SET_2022_1.talent.boxes, DI_ATAS: { RENDAH: 4, MENENGAH: 7, TINGGI: 7 } } },
    } as RuleSet;
    expect(validateRuleSet(broken)).toEqual(
      expect.arrayContaining(['version: missing', 'kenaikanPangkat.periods: must list MM-DD dates', 'talent.boxes: must number the nine boxes once each']),
    );
    expect(() => assertValidRuleSetRegistry([broken])).toThrow(DomainError);
  });

  it('picks the version in force on a date; a correction is a new version', () => {
    const corrected: RuleSet = { ...RULE_SET_2022_1, version: '2025.1', effectiveFrom: '2025-01-01', kgbPppk: { minPredicate: 'BUTUH_PERBAIKAN', lookbackYears: 2 } };
    const registry = assertValidRuleSetRegistry([RULE_SET_2022_1, corrected]);
    expect(ruleSetInForce(registry, '2024-12-31').version).toBe('2022.1');
    expect(ruleSetInForce(registry, '2025-01-01').version).toBe('2025.1');
    expect(() => ruleSetInForce(registry, '2021-12-31')).toThrow(DomainError);
  });

  it('"at least Baik" follows the configured order', () => {
    expect(atLeast(RULE_SET_2022_1, 'SANGAT_BAIK', 'BAIK')).toBe(true);
    expect(atLeast(RULE_SET_2022_1, 'BAIK', 'BAIK')).toBe(true);
    expect(atLeast(RULE_SET_2022_1, 'BUTUH_PERBAIKAN', 'BAIK')).toBe(false);
  });
});
