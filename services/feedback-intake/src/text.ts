import { invalid } from '@kinerja/domain';

/** Trims a required text; throws when empty or longer than `maxLength` characters. */
export function requiredText(value: string | undefined | null, maxLength: number, field: string, label: string, code = field): string {
  const text = (value ?? '').trim();
  if (text.length === 0) throw invalid(`${code}_required`, `${label} wajib diisi.`, field);
  if ([...text].length > maxLength) throw invalid(`${code}_too_long`, `${label} paling banyak ${maxLength} karakter.`, field);
  return text;
}

/** Trims an optional text; an empty one becomes null. */
export function optionalText(value: string | undefined | null, maxLength: number, field: string, label: string, code = field): string | null {
  const text = (value ?? '').trim();
  return text.length === 0 ? null : requiredText(text, maxLength, field, label, code);
}
