// The regulation's vocabulary lives once, in libs/contracts.
import { BERAKHLAK_VALUES, BerakhlakValue, isBerakhlakValue } from '@kinerja/contracts';

export { isPredikatPegawai, isRating, PREDIKAT_PEGAWAI, RATINGS } from '@kinerja/contracts';
export type { PredikatPegawai, Rating } from '@kinerja/contracts';

/** BerAKHLAK core values (SE MenPANRB 20/2021). */
export const CORE_VALUES = BERAKHLAK_VALUES;
export type CoreValue = BerakhlakValue;
export const isCoreValue = isBerakhlakValue;

/** How feedback on a core value summed up: the feedback service's wording. */
export const CORE_VALUE_ASSESSMENTS = ['SESUAI_EKSPEKTASI', 'BUTUH_PERBAIKAN', 'DI_ATAS_EKSPEKTASI'] as const;
export type CoreValueAssessment = (typeof CORE_VALUE_ASSESSMENTS)[number];

export const DISCIPLINARY_LEVELS = ['RINGAN', 'SEDANG', 'BERAT'] as const;
export type DisciplinaryLevel = (typeof DISCIPLINARY_LEVELS)[number];
