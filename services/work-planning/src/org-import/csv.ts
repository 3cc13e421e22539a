import { CsvRecord, CsvSeparator, parseCsvText } from '@kinerja/domain';

/**
 * The organisation file is read by the shared CSV reader of `libs/domain` (RFC 4180; `,` or `;` as
 * Excel saves it under Indonesian settings, detected from the header line; a UTF-8 BOM ignored).
 */
export { detectSeparator } from '@kinerja/domain';
export type { CsvRecord, CsvSeparator } from '@kinerja/domain';

export type CsvParse = { ok: true; records: CsvRecord[] } | { ok: false; line: number; message: string };

export function parseCsv(input: string, separator?: CsvSeparator): CsvParse {
  const parsed = parseCsvText(input, separator ? { separator } : {});
  return parsed.ok ? { ok: true, records: parsed.records } : parsed;
}

/** Quotes a field when it needs to be. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
