export const PREDIKAT_PEGAWAI = ['SANGAT_BAIK', 'BAIK', 'BUTUH_PERBAIKAN', 'KURANG_MISCONDUCT', 'SANGAT_KURANG'] as const;
export type PredikatPegawai = (typeof PREDIKAT_PEGAWAI)[number];
export const isPredikatPegawai = (v: unknown): v is PredikatPegawai => PREDIKAT_PEGAWAI.includes(v as PredikatPegawai);

export const RATINGS = ['DI_ATAS', 'SESUAI', 'DI_BAWAH'] as const;
export type Rating = (typeof RATINGS)[number];
export const isRating = (v: unknown): v is Rating => RATINGS.includes(v as Rating);

/** BerAKHLAK core values (SE MenPANRB 20/2021). */
export const CORE_VALUES = [
  'BERORIENTASI_PELAYANAN',
  'AKUNTABEL',
  'KOMPETEN',
  'HARMONIS',
  'LOYAL',
  'ADAPTIF',
  'KOLABORATIF',
] as const;
export type CoreValue = (typeof CORE_VALUES)[number];
export const isCoreValue = (v: unknown): v is CoreValue => CORE_VALUES.includes(v as CoreValue);

/** How feedback on a core value summed up: the feedback service's wording. */
export const CORE_VALUE_ASSESSMENTS = ['SESUAI_EKSPEKTASI', 'BUTUH_PERBAIKAN', 'DI_ATAS_EKSPEKTASI'] as const;
export type CoreValueAssessment = (typeof CORE_VALUE_ASSESSMENTS)[number];

export const DISCIPLINARY_LEVELS = ['RINGAN', 'SEDANG', 'BERAT'] as const;
export type DisciplinaryLevel = (typeof DISCIPLINARY_LEVELS)[number];
