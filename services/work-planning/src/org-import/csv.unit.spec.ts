import { csvField, detectSeparator, parseCsv } from './csv';

describe('CSV parsing', () => {
  it('reads quoted fields with commas, escaped quotes and line breaks, CRLF and a BOM', () => {
    const input = '\uFEFFNIP,NAMA\r\n1,"Siti Rahma, M.Kes."\r\n2,"Andi ""Ucok"" Siregar"\n3,"dua\nbaris"\n\n';
    expect(parseCsv(input)).toEqual({
      ok: true,
      records: [
        { line: 1, fields: ['NIP', 'NAMA'] },
        { line: 2, fields: ['1', 'Siti Rahma, M.Kes.'] },
        { line: 3, fields: ['2', 'Andi "Ucok" Siregar'] },
        { line: 4, fields: ['3', 'dua\nbaris'] },
      ],
    });
  });
  it('keeps empty fields and a last line without a line break', () => {
    expect(parseCsv('a,,c\n,,')).toEqual({ ok: true, records: [{ line: 1, fields: ['a', '', 'c'] }, { line: 2, fields: ['', '', ''] }] });
  });
  it('reports an unterminated quote with its line', () => {
    expect(parseCsv('a,b\n1,"open\n2,x')).toEqual({ ok: false, line: 2, message: 'Tanda kutip tidak ditutup.' });
  });
  it('reports text after a closing quote', () => {
    expect(parseCsv('"a"b,c')).toMatchObject({ ok: false, line: 1 });
  });
  it('reads a semicolon-separated file (Excel with Indonesian settings), detected from the header', () => {
    expect(parseCsv('\uFEFFNIP;NAMA;KET\r\n1;"Rahma; S.Kes.";a,b\r\n')).toEqual({
      ok: true,
      records: [
        { line: 1, fields: ['NIP', 'NAMA', 'KET'] },
        { line: 2, fields: ['1', 'Rahma; S.Kes.', 'a,b'] },
      ],
    });
    expect(detectSeparator('"A;B",C\nx;y;z')).toBe(',');
  });
  it('quotes only what needs quoting, and round-trips', () => {
    const values = ['plain', 'with, comma', 'with "quote"', 'two\nlines'];
    expect(values.map(csvField)).toEqual(['plain', '"with, comma"', '"with ""quote"""', '"two\nlines"']);
    expect(parseCsv(values.map(csvField).join(','))).toEqual({ ok: true, records: [{ line: 1, fields: values }] });
  });
});
