import { ErrorCode, invalid } from '@kinerja/domain';

/** `evidence.0.description` → `EVIDENCE_0_DESCRIPTION`: the code prefix a field's own errors get. */
const codeOf = (field: string) => field.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase() as ErrorCode;

/** Trims a required text; throws when empty or longer than `maxLength` characters. */
export function requiredText(value: string | undefined | null, maxLength: number, field: string, label: string, code: ErrorCode = codeOf(field)): string {
  const text = (value ?? '').trim();
  if (text.length === 0) throw invalid(`${code}_REQUIRED` as ErrorCode, `${label} wajib diisi.`, field);
  if ([...text].length > maxLength) throw invalid(`${code}_TOO_LONG` as ErrorCode, `${label} paling banyak ${maxLength} karakter.`, field);
  return text;
}

/** Trims an optional text; an empty one becomes null. */
export function optionalText(value: string | undefined | null, maxLength: number, field: string, label: string, code: ErrorCode = codeOf(field)): string | null {
  const text = (value ?? '').trim();
  return text.length === 0 ? null : requiredText(text, maxLength, field, label, code);
}
