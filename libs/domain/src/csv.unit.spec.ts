import { detectSeparator, parseCsvText } from './csv';

describe('CSV', () => {
  it('reads comma-separated records with quotes, doubled quotes and line breaks inside quotes', () => {
    expect(parseCsvText('a,b\n"x, ""y""","1\n2"\n')).toEqual({
      ok: true,
      separator: ',',
      records: [
        { line: 1, fields: ['a', 'b'] },
        { line: 2, fields: ['x, "y"', '1\n2'] },
      ],
    });
  });

  it('detects `;` from the header, ignores a BOM, reads CRLF', () => {
    expect(parseCsvText('\uFEFFa;b\r\n"1,5";2\r\n')).toEqual({ ok: true, separator: ';', records: [{ line: 1, fields: ['a', 'b'] }, { line: 2, fields: ['1,5', '2'] }] });
  });

  it('takes `,` when the header has both, or neither', () => {
    expect(detectSeparator('a,b;c\n')).toBe(',');
    expect(detectSeparator('"a;b",c\n')).toBe(',');
    expect(detectSeparator('a\n')).toBe(',');
  });

  it('names the line of a quote left open or of text after a closing quote', () => {
    expect(parseCsvText('a\n"b\n')).toMatchObject({ ok: false, line: 2 });
    expect(parseCsvText('a;b\n"x"y;z\n')).toMatchObject({ ok: false, line: 2 });
  });
});
