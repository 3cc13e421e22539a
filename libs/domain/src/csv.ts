/**
 * RFC 4180 CSV as spreadsheets export it: fields separated by `,` or, as Excel writes with
 * Indonesian settings, `;` (detected from the header line unless given); fields optionally in
 * double quotes, `""` inside quotes is a quote, quoted fields may hold separators and line breaks;
 * CRLF or LF; a leading UTF-8 BOM is ignored. Pure, so import rules in any service can use it.
 */
export interface CsvRecord {
  /** 1-based line on which the record starts, for error reports. */
  line: number;
  fields: string[];
}

export type CsvSeparator = ',' | ';';

export type CsvParse = { ok: true; separator: CsvSeparator; records: CsvRecord[] } | { ok: false; line: number; message: string };

/** The separator of the header line: the one of `,` and `;` it holds more of outside quotes (`,` on a tie). */
export function detectSeparator(text: string): CsvSeparator {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && c === ',') commas++;
    else if (!quoted && c === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

export function parseCsvText(input: string, options: { separator?: CsvSeparator } = {}): CsvParse {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const separator = options.separator ?? detectSeparator(text);
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteOpenedAt = 0;
  let fieldStarted = false;
  let afterClosingQuote = false;

  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '' && !fieldStarted)) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    fieldStarted = false;
  };

  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
          afterClosingQuote = true;
        }
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (afterClosingQuote && c !== separator && c !== '\n' && c !== '\r') {
      return { ok: false, line, message: `Karakter setelah tanda kutip penutup harus pemisah (${separator}) atau akhir baris.` };
    }
    afterClosingQuote = false;
    if (c === '"') {
      if (field !== '') return { ok: false, line, message: 'Tanda kutip hanya boleh di awal kolom.' };
      quoted = true;
      fieldStarted = true;
      quoteOpenedAt = line;
    } else if (c === separator) {
      fields.push(field);
      field = '';
      fieldStarted = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += c;
    }
  }
  if (quoted) return { ok: false, line: quoteOpenedAt, message: 'Tanda kutip tidak ditutup.' };
  if (field !== '' || fields.length > 0 || fieldStarted) endRecord();
  return { ok: true, separator, records };
}
