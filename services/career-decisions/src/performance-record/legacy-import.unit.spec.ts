import { RULE_SET_2022_1 } from '../rule-sets/default-rule-set';
import { legacyPredicate, parseLegacyCsv } from './legacy-import.rules';

const rs = RULE_SET_2022_1;

describe('PP 30/2019 bands (docs/regulations.md §5.2)', () => {
  it.each([
    [120, true, 'SANGAT_BAIK'],
    [110, true, 'SANGAT_BAIK'],
    [110, false, 'BAIK'],
    [90.01, false, 'BAIK'],
    [90, false, 'BUTUH_PERBAIKAN'],
    [70.5, false, 'BUTUH_PERBAIKAN'],
    [70, false, 'KURANG_MISCONDUCT'],
    [50.01, false, 'KURANG_MISCONDUCT'],
    [50, false, 'SANGAT_KURANG'],
    [12, false, 'SANGAT_KURANG'],
  ] as const)('nilai %p (inovasi %p) → %s', (score, innovation, predicate) => {
    expect(legacyPredicate(rs, score, innovation)).toBe(predicate);
  });
});

describe('legacy history CSV', () => {
  const header = 'nip,tahun,nilai,inovasi';

  it('reads every row, mapping scores to predicates; an exact repeat is kept once', () => {
    const rows = parseLegacyCsv([header, '199001012015011001,2020,112,ya', '199001012015011001,2021,88.5,', '199001012015011001,2021,88.5,', ''].join('\n'), rs);
    expect(rows.map((r) => [r.year, r.score, r.predicate])).toEqual([
      [2020, 112, 'SANGAT_BAIK'],
      [2021, 88.5, 'BUTUH_PERBAIKAN'],
    ]);
  });

  it.each([
    ['199001012015011001,2021,130,', 'CSV_ROW_INVALID', 'line 3'],
    ['19900101,2021,95,', 'CSV_ROW_INVALID', 'line 3'],
    ['199001012015011001,2022,95,', 'CSV_ROW_INVALID', 'line 3'],
    ['199001012015011001,2021,95,mungkin', 'CSV_ROW_INVALID', 'line 3'],
    ['199001012015011001,2020,91,', 'CSV_ROW_INVALID', 'line 3'],
  ])('a bad row (%s) rejects the whole file, naming the line', (row, code, field) => {
    const text = [header, '199001012015011001,2020,95,', row].join('\n');
    expect(() => parseLegacyCsv(text, rs)).toThrow(expect.objectContaining({ kind: 'invalid', code, field }));
  });

  it('a wrong header or an empty file is refused', () => {
    expect(() => parseLegacyCsv('nip,year,score\n', rs)).toThrow(expect.objectContaining({ code: 'CSV_HEADER' }));
    expect(() => parseLegacyCsv(`${header}\n`, rs)).toThrow(expect.objectContaining({ code: 'CSV_EMPTY' }));
  });
});
