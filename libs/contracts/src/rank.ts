/**
 * Golongan and pangkat, the one place every service derives a pangkat from (docs/regulations.md
 * §5.2). A PNS has a golongan ruang I/a–IV/e, each with its pangkat (PP 99/2000); a PPPK has a
 * golongan I–XVII (Perpres 98/2020) and no pangkat. Pure data, so libs/contracts carries it.
 */
export type EmploymentKind = 'PNS' | 'PPPK';

export const PANGKAT_PNS: Readonly<Record<string, string>> = {
  'I/a': 'Juru Muda',
  'I/b': 'Juru Muda Tingkat I',
  'I/c': 'Juru',
  'I/d': 'Juru Tingkat I',
  'II/a': 'Pengatur Muda',
  'II/b': 'Pengatur Muda Tingkat I',
  'II/c': 'Pengatur',
  'II/d': 'Pengatur Tingkat I',
  'III/a': 'Penata Muda',
  'III/b': 'Penata Muda Tingkat I',
  'III/c': 'Penata',
  'III/d': 'Penata Tingkat I',
  'IV/a': 'Pembina',
  'IV/b': 'Pembina Tingkat I',
  'IV/c': 'Pembina Utama Muda',
  'IV/d': 'Pembina Utama Madya',
  'IV/e': 'Pembina Utama',
};

export const GOLONGAN_PPPK: readonly string[] = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII'];

/** Whether `golongan` exists for the employment kind (PNS `III/a`, PPPK `IX`). */
export function isGolongan(kind: EmploymentKind, golongan: string): boolean {
  return kind === 'PNS' ? Object.prototype.hasOwnProperty.call(PANGKAT_PNS, golongan) : GOLONGAN_PPPK.includes(golongan);
}

/** The pangkat of a golongan: `Penata Muda` for a PNS `III/a`; null for a PPPK, an unknown or a missing golongan. */
export function pangkatOf(kind: EmploymentKind, golongan: string | null | undefined): string | null {
  if (kind !== 'PNS' || golongan === null || golongan === undefined) return null;
  return isGolongan('PNS', golongan) ? PANGKAT_PNS[golongan] : null;
}
