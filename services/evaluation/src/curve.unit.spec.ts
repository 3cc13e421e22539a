import { allowedCount, checkCurve } from './curve.rules';
import { RULE_SET_2022_1 } from './rule-sets/default-rule-set';
import { CurveCondition, PREDIKAT_ORGANISASI, PredikatOrganisasi, PredikatPegawai, Rounding, RuleSet } from './rule-sets/rule-set';

const CODE: Record<string, PredikatPegawai> = {
  SB: 'SANGAT_BAIK',
  B: 'BAIK',
  BP: 'BUTUH_PERBAIKAN',
  K: 'KURANG_MISCONDUCT',
  SK: 'SANGAT_KURANG',
};
/** `unit('7SB 3B')` → seven Sangat Baik and three Baik. */
const unit = (spec: string): PredikatPegawai[] =>
  spec === ''
    ? []
    : spec.split(' ').flatMap((part) => {
        const [, n, code] = /^(\d+)(\w+)$/.exec(part)!;
        return Array<PredikatPegawai>(Number(n)).fill(CODE[code]);
      });

const withRounding = (maxShare: Rounding, minShare: Rounding, ties: 'ALLOWED' | 'NOT_ALLOWED' = 'ALLOWED'): RuleSet => {
  const byOrg = {} as Record<PredikatOrganisasi, CurveCondition[]>;
  for (const org of PREDIKAT_ORGANISASI)
    byOrg[org] = RULE_SET_2022_1.curve.byOrganisationPredicate[org].map((c) => (c.kind === 'MODAL' ? { ...c, ties } : c));
  return { ...RULE_SET_2022_1, version: 'test', curve: { ...RULE_SET_2022_1.curve, rounding: { maxShare, minShare }, byOrganisationPredicate: byOrg } };
};

const failed = (org: PredikatOrganisasi, spec: string, ruleSet: RuleSet = RULE_SET_2022_1) => checkCurve(ruleSet, org, unit(spec)).failed;

describe('allowed count of a share', () => {
  it.each([
    [0.7, 3, 'FLOOR', 2],
    [0.7, 3, 'CEIL', 3],
    [0.7, 3, 'ROUND_HALF_UP', 2],
    [0.1, 5, 'ROUND_HALF_UP', 1],
    [0.1, 5, 'FLOOR', 0],
    [0.1, 30, 'CEIL', 3],
    [0.6, 3, 'EXACT', 1.8],
  ] as const)('%p of %i people with %s → %p', (share, total, rounding, expected) => {
    expect(allowedCount(share, total, rounding)).toBe(expected);
  });
});

describe('curve check result', () => {
  it('gives counts, shares and each condition with pass/fail', () => {
    const check = checkCurve(RULE_SET_2022_1, 'BAIK', unit('2SB 7B 1BP'));
    expect(check).toEqual({
      organisationPredicate: 'BAIK',
      ruleSetVersion: '2022.1',
      total: 10,
      counts: { SANGAT_BAIK: 2, BAIK: 7, BUTUH_PERBAIKAN: 1, KURANG_MISCONDUCT: 0, SANGAT_KURANG: 0 },
      shares: { SANGAT_BAIK: 0.2, BAIK: 0.7, BUTUH_PERBAIKAN: 0.1, KURANG_MISCONDUCT: 0, SANGAT_KURANG: 0 },
      conditions: [
        { id: 'BAIK.B_MAX', kind: 'MAX_SHARE', label: 'Baik paling banyak 70%', predicates: ['BAIK'], count: 7, share: 0.7, bound: 7, pass: true },
        { id: 'BAIK.B_MODAL', kind: 'MODAL', label: 'Sebagian besar pegawai Baik', predicates: ['BAIK'], count: 7, share: 0.7, bound: 2, pass: true },
        {
          id: 'BAIK.BP_K_PRESENT',
          kind: 'MIN_COUNT',
          label: 'Harus ada pegawai Butuh Perbaikan dan/atau Kurang/Misconduct',
          predicates: ['BUTUH_PERBAIKAN', 'KURANG_MISCONDUCT'],
          count: 1,
          share: 0.1,
          bound: 1,
          pass: true,
        },
      ],
      passed: true,
      failed: [],
    });
  });

  it('names the failing condition with its count and bound', () => {
    const check = checkCurve(RULE_SET_2022_1, 'BAIK', unit('8B 2BP'));
    expect(check.passed).toBe(false);
    expect(check.failed).toEqual(['BAIK.B_MAX']);
    expect(check.conditions[0]).toMatchObject({ count: 8, share: 0.8, bound: 7, pass: false });
  });

  it('passes an empty unit: nothing to distribute', () => {
    expect(checkCurve(RULE_SET_2022_1, 'BAIK', []).passed).toBe(true);
  });
});

describe('edge shares in a unit of 10 (rule set 2022.1)', () => {
  it.each([
    // ISTIMEWA: Sangat Baik at most 70% and the largest group
    ['ISTIMEWA', '7SB 3B', []],
    ['ISTIMEWA', '8SB 2B', ['ISTIMEWA.SB_MAX']],
    ['ISTIMEWA', '4SB 4B 2BP', []],
    ['ISTIMEWA', '3SB 4B 3BP', ['ISTIMEWA.SB_MODAL']],
    ['ISTIMEWA', '10B', ['ISTIMEWA.SB_MODAL']],
    // BAIK: Baik at most 70%, the largest group, and at least one Butuh Perbaikan or Kurang
    ['BAIK', '2SB 7B 1BP', []],
    ['BAIK', '2SB 7B 1K', []],
    ['BAIK', '8B 2BP', ['BAIK.B_MAX']],
    ['BAIK', '3SB 7B', ['BAIK.BP_K_PRESENT']],
    ['BAIK', '4SB 3B 3BP', ['BAIK.B_MODAL']],
    ['BAIK', '10SK', ['BAIK.B_MODAL', 'BAIK.BP_K_PRESENT']],
    // BUTUH_PERBAIKAN: Butuh Perbaikan at least 60%, Sangat Baik at most 10%
    ['BUTUH_PERBAIKAN', '1SB 3B 6BP', []],
    ['BUTUH_PERBAIKAN', '1SB 4B 5BP', ['BUTUH_PERBAIKAN.BP_MIN']],
    ['BUTUH_PERBAIKAN', '2SB 2B 6BP', ['BUTUH_PERBAIKAN.SB_MAX']],
    // KURANG: Kurang at least 60%, Butuh Perbaikan at least 10%, Sangat Baik at most 10%
    ['KURANG', '1SB 2B 1BP 6K', []],
    ['KURANG', '1SB 3B 1BP 5K', ['KURANG.K_MIN']],
    ['KURANG', '1SB 3B 6K', ['KURANG.BP_MIN']],
    ['KURANG', '2SB 1B 1BP 6K', ['KURANG.SB_MAX']],
    // SANGAT_KURANG: Sangat Kurang at least 60%, Kurang and/or Butuh Perbaikan at least 10%, no Sangat Baik
    ['SANGAT_KURANG', '3B 1K 6SK', []],
    ['SANGAT_KURANG', '3B 1BP 6SK', []],
    ['SANGAT_KURANG', '4B 1K 5SK', ['SANGAT_KURANG.SK_MIN']],
    ['SANGAT_KURANG', '4B 6SK', ['SANGAT_KURANG.K_BP_MIN']],
    ['SANGAT_KURANG', '1SB 2B 1K 6SK', ['SANGAT_KURANG.SB_NONE']],
  ] as const)('%s with %s fails %p', (org, spec, expected) => {
    expect(failed(org, spec)).toEqual(expected);
  });
});

describe('small units: the rule set rounding decides (2022.1 rounds half up)', () => {
  it.each([
    // 1 person: 70% → 1 allowed, 60% → 1 required, 10% → 0
    ['ISTIMEWA', '1SB', []],
    ['ISTIMEWA', '1B', ['ISTIMEWA.SB_MODAL']],
    ['BAIK', '1B', ['BAIK.BP_K_PRESENT']],
    ['BAIK', '1BP', ['BAIK.B_MODAL']],
    ['BUTUH_PERBAIKAN', '1BP', []],
    ['BUTUH_PERBAIKAN', '1SB', ['BUTUH_PERBAIKAN.BP_MIN', 'BUTUH_PERBAIKAN.SB_MAX']],
    ['KURANG', '1K', []],
    ['SANGAT_KURANG', '1SK', []],
    ['SANGAT_KURANG', '1K', ['SANGAT_KURANG.SK_MIN']],
    // 2 people: 70% of 2 = 1.4 → 1, 60% of 2 = 1.2 → 1, 10% of 2 = 0.2 → 0
    ['ISTIMEWA', '1SB 1B', []],
    ['ISTIMEWA', '2SB', ['ISTIMEWA.SB_MAX']],
    ['BAIK', '1B 1BP', []],
    ['BAIK', '2B', ['BAIK.B_MAX', 'BAIK.BP_K_PRESENT']],
    ['BUTUH_PERBAIKAN', '1B 1BP', []],
    ['BUTUH_PERBAIKAN', '1SB 1BP', ['BUTUH_PERBAIKAN.SB_MAX']],
    ['KURANG', '1B 1K', []],
    ['KURANG', '2B', ['KURANG.K_MIN']],
    ['SANGAT_KURANG', '1B 1SK', []],
    ['SANGAT_KURANG', '1SB 1SK', ['SANGAT_KURANG.SB_NONE']],
    // 3 people: 70% of 3 = 2.1 → 2, 60% of 3 = 1.8 → 2, 10% of 3 = 0.3 → 0
    ['ISTIMEWA', '2SB 1B', []],
    ['ISTIMEWA', '3SB', ['ISTIMEWA.SB_MAX']],
    ['BAIK', '2B 1BP', []],
    ['BAIK', '1SB 1B 1K', []],
    ['BAIK', '3B', ['BAIK.B_MAX', 'BAIK.BP_K_PRESENT']],
    ['BUTUH_PERBAIKAN', '1B 2BP', []],
    ['BUTUH_PERBAIKAN', '2B 1BP', ['BUTUH_PERBAIKAN.BP_MIN']],
    ['BUTUH_PERBAIKAN', '1SB 2BP', ['BUTUH_PERBAIKAN.SB_MAX']],
    ['KURANG', '1B 2K', []],
    ['KURANG', '2B 1K', ['KURANG.K_MIN']],
    ['SANGAT_KURANG', '1B 2SK', []],
    ['SANGAT_KURANG', '2B 1SK', ['SANGAT_KURANG.SK_MIN']],
  ] as const)('%s with %s fails %p', (org, spec, expected) => {
    expect(failed(org, spec)).toEqual(expected);
  });

  it('half a person rounds up: Sangat Baik at most 10% of 5 allows one', () => {
    expect(failed('BUTUH_PERBAIKAN', '1SB 1B 3BP')).toEqual([]);
  });

  describe('other rounding settings change the verdict', () => {
    const ceilFloor = withRounding('CEIL', 'FLOOR');
    const floorCeil = withRounding('FLOOR', 'CEIL');
    const exact = withRounding('EXACT', 'EXACT');
    const strictTies = withRounding('ROUND_HALF_UP', 'ROUND_HALF_UP', 'NOT_ALLOWED');

    it.each([
      ['lenient CEIL/FLOOR lets 3 of 3 be Sangat Baik under ISTIMEWA', ceilFloor, 'ISTIMEWA', '3SB', []],
      ['lenient CEIL/FLOOR needs only 1 of 3 Butuh Perbaikan', ceilFloor, 'BUTUH_PERBAIKAN', '2B 1BP', []],
      ['lenient CEIL/FLOOR allows 1 Sangat Baik of 3 under KURANG', ceilFloor, 'KURANG', '1SB 1B 1K', []],
      ['strict FLOOR/CEIL allows no Sangat Baik of 1 under ISTIMEWA', floorCeil, 'ISTIMEWA', '1SB', ['ISTIMEWA.SB_MAX']],
      ['strict FLOOR/CEIL needs 1 of 3 Butuh Perbaikan under KURANG', floorCeil, 'KURANG', '1B 2K', ['KURANG.BP_MIN']],
      ['strict FLOOR/CEIL passes 2 Kurang and 1 Butuh Perbaikan of 3', floorCeil, 'KURANG', '1BP 2K', []],
      ['strict FLOOR/CEIL needs 2 of 2 Sangat Kurang', floorCeil, 'SANGAT_KURANG', '1K 1SK', ['SANGAT_KURANG.SK_MIN']],
      ['EXACT: 2 of 3 is 66.7% > 60% Butuh Perbaikan', exact, 'BUTUH_PERBAIKAN', '1B 2BP', []],
      ['EXACT: 2 of 3 is 66.7% < 70% Sangat Baik', exact, 'ISTIMEWA', '2SB 1B', []],
      ['EXACT: 1 of 1 is 100% > 70% Sangat Baik', exact, 'ISTIMEWA', '1SB', ['ISTIMEWA.SB_MAX']],
      ['EXACT: 0 of 3 Butuh Perbaikan is below 10%', exact, 'KURANG', '1B 2K', ['KURANG.BP_MIN']],
      ['ties NOT_ALLOWED: 1 Sangat Baik and 1 Baik of 2 is no majority', strictTies, 'ISTIMEWA', '1SB 1B', ['ISTIMEWA.SB_MODAL']],
      ['ties NOT_ALLOWED: 1 Baik, 1 Butuh Perbaikan of 2 is no majority', strictTies, 'BAIK', '1B 1BP', ['BAIK.B_MODAL']],
    ] as const)('%s', (_name, ruleSet, org, spec, expected) => {
      expect(failed(org, spec, ruleSet)).toEqual(expected);
    });
  });
});
