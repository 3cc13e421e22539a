import { RULE_SET_2022_1 } from './rule-sets/default-rule-set';
import { CurveCondition, RuleSet } from './rule-sets/rule-set';
import { RecordedEvaluation, whatIf } from './what-if.rules';

// A hypothetical correction: Sesuai × Di Atas becomes Sangat Baik, a leader of a Butuh Perbaikan
// unit is rated Sesuai, and ISTIMEWA allows at most half Sangat Baik.
const V2026: RuleSet = {
  ...RULE_SET_2022_1,
  version: '2026.1',
  effectiveFrom: '2026-01-01',
  predicateMatrix: { ...RULE_SET_2022_1.predicateMatrix, SESUAI: { ...RULE_SET_2022_1.predicateMatrix.SESUAI, DI_ATAS: 'SANGAT_BAIK' } },
  leaderRule: {
    ratingHasilByOrganisationPredicate: { ...RULE_SET_2022_1.leaderRule.ratingHasilByOrganisationPredicate, BUTUH_PERBAIKAN: 'SESUAI' },
  },
  curve: {
    ...RULE_SET_2022_1.curve,
    byOrganisationPredicate: {
      ...RULE_SET_2022_1.curve.byOrganisationPredicate,
      ISTIMEWA: RULE_SET_2022_1.curve.byOrganisationPredicate.ISTIMEWA.map(
        (c): CurveCondition => (c.kind === 'MAX_SHARE' ? { ...c, share: 0.5, label: 'Sangat Baik paling banyak 50%' } : c),
      ),
    },
  },
};
const REGISTRY = [RULE_SET_2022_1, V2026];

const recorded = (
  employeeId: string,
  unitId: string,
  ratingHasil: RecordedEvaluation['ratingHasil'],
  ratingPerilaku: RecordedEvaluation['ratingPerilaku'],
  predicate: RecordedEvaluation['predicate'],
  leader: RecordedEvaluation['ledUnitOrganisationPredicate'] = null,
): RecordedEvaluation => ({
  evaluationId: `opd-1:2025:ANNUAL:${employeeId}`,
  employeeId,
  unitId,
  ratingHasil,
  ratingPerilaku,
  ratingHasilSource: leader === null ? 'PEJABAT_PENILAI' : 'LEADER_RULE',
  ledUnitOrganisationPredicate: leader,
  predicate,
  ruleSetVersion: '2022.1',
});

const EVALUATIONS: RecordedEvaluation[] = [
  recorded('p1', 'unit-1', 'DI_ATAS', 'DI_ATAS', 'SANGAT_BAIK'),
  recorded('p2', 'unit-1', 'SESUAI', 'DI_ATAS', 'BAIK'),
  recorded('p3', 'unit-1', 'SESUAI', 'DI_ATAS', 'BAIK'),
  recorded('p4', 'unit-1', 'SESUAI', 'SESUAI', 'BAIK'),
  recorded('kabid-2', 'unit-1', 'DI_BAWAH', 'SESUAI', 'BUTUH_PERBAIKAN', 'BUTUH_PERBAIKAN'),
];
const UNITS = [{ unitId: 'unit-1', organisationPredicate: 'ISTIMEWA' as const }];

describe('what-if re-score under another rule-set version', () => {
  const result = whatIf({ kind: 'ANNUAL' }, EVALUATIONS, UNITS, REGISTRY, '2026.1');

  it('shows each evaluation side by side', () => {
    expect(result.rows.map((r) => [r.employeeId, r.current.predicate, r.whatIf.predicate, r.changed])).toEqual([
      ['p1', 'SANGAT_BAIK', 'SANGAT_BAIK', false],
      ['p2', 'BAIK', 'SANGAT_BAIK', true],
      ['p3', 'BAIK', 'SANGAT_BAIK', true],
      ['p4', 'BAIK', 'BAIK', false],
      ['kabid-2', 'BUTUH_PERBAIKAN', 'BAIK', true],
    ]);
    expect(result.rows[4]).toEqual({
      evaluationId: 'opd-1:2025:ANNUAL:kabid-2',
      employeeId: 'kabid-2',
      unitId: 'unit-1',
      current: { ruleSetVersion: '2022.1', ratingHasil: 'DI_BAWAH', ratingPerilaku: 'SESUAI', predicate: 'BUTUH_PERBAIKAN' },
      whatIf: { ruleSetVersion: '2026.1', ratingHasil: 'SESUAI', ratingPerilaku: 'SESUAI', predicate: 'BAIK' },
      changed: true,
    });
  });

  it('summarises the distribution before and after', () => {
    expect(result.summary).toEqual({
      total: 5,
      changed: 3,
      current: { SANGAT_BAIK: 1, BAIK: 3, BUTUH_PERBAIKAN: 1, KURANG_MISCONDUCT: 0, SANGAT_KURANG: 0 },
      whatIf: { SANGAT_BAIK: 3, BAIK: 2, BUTUH_PERBAIKAN: 0, KURANG_MISCONDUCT: 0, SANGAT_KURANG: 0 },
    });
  });

  it('checks each unit curve under both versions', () => {
    const [unit] = result.units;
    expect(unit.current).toMatchObject({ ruleSetVersion: '2022.1', passed: false, failed: ['ISTIMEWA.SB_MODAL'] });
    // 3 of 5 Sangat Baik: now the largest group; 50% of 5 = 2.5 people rounds half up to 3, so the cap holds.
    expect(unit.whatIf).toMatchObject({ ruleSetVersion: '2026.1', passed: true, failed: [] });
  });

  it('re-scoring under the recorded version changes nothing', () => {
    const same = whatIf({ kind: 'ANNUAL' }, EVALUATIONS, UNITS, REGISTRY, '2022.1');
    expect(same.summary.changed).toBe(0);
    expect(same.units[0].whatIf).toEqual(same.units[0].current);
  });

  it('changes no record', () => {
    const frozen = EVALUATIONS.map((e) => Object.freeze({ ...e }));
    const before = JSON.stringify(frozen);
    whatIf({ kind: 'ANNUAL' }, frozen, UNITS, REGISTRY, '2026.1');
    expect(JSON.stringify(frozen)).toBe(before);
  });

  it('skips the curve where no organisation predicate is set or the period is periodic', () => {
    expect(whatIf({ kind: 'ANNUAL' }, EVALUATIONS, [{ unitId: 'unit-1', organisationPredicate: null }], REGISTRY, '2026.1').units[0]).toMatchObject({
      current: null,
      whatIf: null,
    });
    expect(whatIf({ kind: 'PERIODIC' }, EVALUATIONS, UNITS, REGISTRY, '2026.1').units[0]).toMatchObject({ current: null, whatIf: null });
  });

  it('says when the version does not exist', () => {
    expect(() => whatIf({ kind: 'ANNUAL' }, EVALUATIONS, UNITS, REGISTRY, '2030.1')).toThrow(
      expect.objectContaining({ kind: 'not_found', code: 'RULE_SET_NOT_FOUND' }),
    );
  });
});
