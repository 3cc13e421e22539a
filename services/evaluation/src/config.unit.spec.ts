import { ConfigError } from '@kinerja/platform';
import { loadEvaluationConfig } from './config';
import { RULE_SET_2022_1 } from './rule-sets/default-rule-set';

const base = { PORT: '0', DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x' };
const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadEvaluationConfig({ ...base, ...env });
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
};

describe('evaluation config, checked at boot', () => {
  it('defaults to Asia/Jakarta and the built-in rule set 2022.1', () => {
    const config = loadEvaluationConfig(base);
    expect(config.CITY_TIME_ZONE).toBe('Asia/Jakarta');
    expect(config.ruleSets.map((r) => r.version)).toEqual(['2022.1']);
    expect(config.PORT).toBe(0);
  });

  it('adds versions from RULE_SETS_JSON', () => {
    const config = loadEvaluationConfig({ ...base, RULE_SETS_JSON: JSON.stringify({ ...RULE_SET_2022_1, version: '2027.1', effectiveFrom: '2027-01-01' }) });
    expect(config.ruleSets.map((r) => r.version)).toEqual(['2022.1', '2027.1']);
  });

  it('refuses an unknown IANA zone, and a zone the rule sets do not allow', () => {
    expect(problemsOf({ CITY_TIME_ZONE: 'Asia/Atlantis' })).toEqual(['CITY_TIME_ZONE: unknown IANA time zone Asia/Atlantis']);
    expect(problemsOf({ CITY_TIME_ZONE: 'Europe/Paris' })[0]).toMatch(/not allowed by rule set 2022.1/);
    expect(problemsOf({ CITY_TIME_ZONE: 'Asia/Jayapura' })).toEqual([]);
  });

  it('lists every problem of a bad rule set, a duplicate version, bad JSON and a missing file', () => {
    const broken = { ...RULE_SET_2022_1, version: '2027.1', effectiveFrom: '2027-01-01', curve: { ...RULE_SET_2022_1.curve, enforcement: 'SOMETIMES' } };
    expect(problemsOf({ RULE_SETS_JSON: JSON.stringify(broken) })).toEqual(['RULE_SETS: rule set 2027.1.curve.enforcement: must be WARN or BLOCK']);
    expect(problemsOf({ RULE_SETS_JSON: JSON.stringify(RULE_SET_2022_1) }).join(' ')).toMatch(/duplicate version/);
    expect(problemsOf({ RULE_SETS_JSON: '{' })[0]).toMatch(/RULE_SETS_JSON: not JSON/);
    expect(problemsOf({ RULE_SETS_FILE: '/nonexistent/rules.json' })[0]).toMatch(/cannot read/);
  });
});
