/**
 * The shared vocabulary of the regulation, written once for every service and every contract
 * (docs/regulations.md): ratings, predikat and the BerAKHLAK core values.
 */

/** Rating of hasil kerja and of perilaku kerja: di atas / sesuai / di bawah ekspektasi. */
export const RATINGS = ['DI_ATAS', 'SESUAI', 'DI_BAWAH'] as const;
export type Rating = (typeof RATINGS)[number];
export const isRating = (value: unknown): value is Rating => RATINGS.includes(value as Rating);

/** Predikat kinerja pegawai, best first (PermenPANRB 6/2022). */
export const PREDIKAT_PEGAWAI = ['SANGAT_BAIK', 'BAIK', 'BUTUH_PERBAIKAN', 'KURANG_MISCONDUCT', 'SANGAT_KURANG'] as const;
export type PredikatPegawai = (typeof PREDIKAT_PEGAWAI)[number];
export const isPredikatPegawai = (value: unknown): value is PredikatPegawai => PREDIKAT_PEGAWAI.includes(value as PredikatPegawai);

/** Predikat kinerja organisasi, best first. */
export const PREDIKAT_ORGANISASI = ['ISTIMEWA', 'BAIK', 'BUTUH_PERBAIKAN', 'KURANG', 'SANGAT_KURANG'] as const;
export type PredikatOrganisasi = (typeof PREDIKAT_ORGANISASI)[number];

/** BerAKHLAK, the seven ASN core values taken as perilaku kerja (SE MenPANRB 20/2021). */
export const BERAKHLAK_VALUES = ['BERORIENTASI_PELAYANAN', 'AKUNTABEL', 'KOMPETEN', 'HARMONIS', 'LOYAL', 'ADAPTIF', 'KOLABORATIF'] as const;
export type BerakhlakValue = (typeof BERAKHLAK_VALUES)[number];
export const isBerakhlakValue = (value: unknown): value is BerakhlakValue => BERAKHLAK_VALUES.includes(value as BerakhlakValue);
