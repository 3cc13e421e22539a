import { parsePredicateCsv, predikatFromText } from './predicate-import.rules';

const YEARS = { first: 2022, last: 2025 };
const NIP_A = '199001012015011001';
const NIP_B = '198505052010012002';

describe('predicate import CSV (e-Kinerja export)', () => {
  it('reads NIP, TAHUN, PREDIKAT in any order, other columns ignored, e-Kinerja wording', () => {
    const csv = `NAMA,PREDIKAT,NIP,TAHUN\nBudi,Sangat Baik,${NIP_A},2024\nSiti,Kurang/Misconduct,${NIP_B},2025\n`;
    expect(parsePredicateCsv(csv, YEARS)).toEqual({
      rows: [
        { line: 2, nip: NIP_A, year: 2024, predicate: 'SANGAT_BAIK' },
        { line: 3, nip: NIP_B, year: 2025, predicate: 'KURANG_MISCONDUCT' },
      ],
      problems: [],
    });
  });

  it('accepts `;` (Excel with Indonesian settings), a BOM, CRLF, YEAR for TAHUN and the codes', () => {
    const csv = `\uFEFFnip;year;predikat\r\n${NIP_A};2023;BUTUH_PERBAIKAN\r\n`;
    expect(parsePredicateCsv(csv, YEARS).rows).toEqual([{ line: 2, nip: NIP_A, year: 2023, predicate: 'BUTUH_PERBAIKAN' }]);
  });

  it('reports every problem of the file in one pass, each with its line and column', () => {
    const csv = [
      'NIP,TAHUN,PREDIKAT',
      `${NIP_A},2024,Baik`,
      `12345,2024,Baik`,
      `${NIP_B},2021,Baik`,
      `${NIP_B},2026,Luar Biasa`,
      `${NIP_A},2024,Sangat Baik`,
      `${NIP_A},2024,Baik`,
    ].join('\n');
    expect(parsePredicateCsv(csv, YEARS).problems).toEqual([
      { line: 3, column: 'NIP', code: 'NIP_INVALID', message: expect.any(String) },
      { line: 4, column: 'TAHUN', code: 'YEAR_TOO_EARLY', message: expect.any(String) },
      { line: 5, column: 'TAHUN', code: 'YEAR_NOT_ENDED', message: expect.any(String) },
      { line: 5, column: 'PREDIKAT', code: 'PREDICATE_INVALID', message: expect.stringContaining('Luar Biasa') },
      { line: 6, column: 'PREDIKAT', code: 'DUPLICATE_YEAR', message: expect.stringContaining('baris 2') },
    ]);
  });

  it('names each missing column of the header', () => {
    expect(parsePredicateCsv('NIP,NILAI\n', YEARS).problems.map((p) => [p.line, p.column, p.code])).toEqual([
      [1, 'TAHUN', 'CSV_HEADER'],
      [1, 'PREDIKAT', 'CSV_HEADER'],
    ]);
  });

  it('refuses an empty file and an unclosed quote', () => {
    expect(parsePredicateCsv('NIP,TAHUN,PREDIKAT\n', YEARS).problems[0]).toMatchObject({ code: 'CSV_EMPTY' });
    expect(parsePredicateCsv(`NIP,TAHUN,PREDIKAT\n"${NIP_A},2024,Baik\n`, YEARS).problems[0]).toMatchObject({ line: 2, code: 'CSV_MALFORMED' });
  });

  it.each([
    ['Sangat Baik', 'SANGAT_BAIK'],
    ['baik', 'BAIK'],
    ['Butuh Perbaikan', 'BUTUH_PERBAIKAN'],
    ['Kurang / Misconduct', 'KURANG_MISCONDUCT'],
    ['Kurang', 'KURANG_MISCONDUCT'],
    ['SANGAT KURANG', 'SANGAT_KURANG'],
    ['Istimewa', null],
  ])('reads predikat %s as %s', (text, predicate) => {
    expect(predikatFromText(text)).toBe(predicate);
  });
});
