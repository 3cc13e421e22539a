import { RuleSet } from './rule-set';

/**
 * Career rule set 2022.1, from docs/regulations.md §5. Every value the rules mark [U] is
 * data here so an agency corrects it with a new version: Cukup → Butuh Perbaikan and a legacy
 * score of exactly 50 → Sangat Kurang; the kinerja scores and cut-offs of the 9-box; the potential
 * cut-offs (a public implementation's 90/78); the shortfall alert date; the development actions.
 */
export const RULE_SET_2022_1: RuleSet = {
  version: '2022.1',
  effectiveFrom: '2022-01-01',
  description: 'PP 30/2019, PP 11/2017 jo. PP 17/2020, PermenPANRB 7/2023 dan 3/2020; nilai [U] dapat dikoreksi dengan versi baru',
  predicateOrder: ['SANGAT_BAIK', 'BAIK', 'BUTUH_PERBAIKAN', 'KURANG_MISCONDUCT', 'SANGAT_KURANG'],
  // docs/regulations.md §5.2 [S]; the 6/2022 predicate for Cukup and the score of exactly 50 are [U]
  legacyImport: {
    lastYear: 2021,
    scoreMin: 0,
    scoreMax: 120,
    bands: [
      { label: 'Sangat Baik', min: 110, minInclusive: true, max: 120, maxInclusive: true, requiresInnovation: true, predicate: 'SANGAT_BAIK' },
      { label: 'Baik', min: 90, minInclusive: false, max: 120, maxInclusive: true, requiresInnovation: false, predicate: 'BAIK' },
      { label: 'Cukup', min: 70, minInclusive: false, max: 90, maxInclusive: true, requiresInnovation: false, predicate: 'BUTUH_PERBAIKAN' },
      { label: 'Kurang', min: 50, minInclusive: false, max: 70, maxInclusive: true, requiresInnovation: false, predicate: 'KURANG_MISCONDUCT' },
      { label: 'Sangat Kurang', min: null, minInclusive: false, max: 50, maxInclusive: true, requiresInnovation: false, predicate: 'SANGAT_KURANG' },
    ],
  },
  // docs/regulations.md §5.2 [S], PP 99/2000
  kenaikanPangkat: { minPredicate: 'BAIK', lookbackYears: 2, minYearsInRank: 2, periods: ['04-01', '10-01'] },
  kgbPppk: { minPredicate: 'BAIK', lookbackYears: 2 },
  kenaikanGajiIstimewaPppk: { predicate: 'SANGAT_BAIK', consecutiveYears: 2, requiresPegawaiTeladan: true },
  award: { predicate: 'SANGAT_BAIK', lookbackYears: 1 },
  // docs/regulations.md §5.3 [S/C]
  development: {
    minJpPerYear: 20,
    minutesPerJp: 45,
    shortfallAlertFrom: '10-01',
    byPredicate: {
      SANGAT_BAIK: ['ENRICHMENT'],
      BAIK: ['COMPETENCY_DEVELOPMENT'],
      BUTUH_PERBAIKAN: ['COACHING', 'TARGETED_TRAINING'],
      KURANG_MISCONDUCT: ['COACHING', 'TARGETED_TRAINING', 'IMPROVEMENT_PLAN'],
      SANGAT_KURANG: ['COACHING', 'TARGETED_TRAINING', 'IMPROVEMENT_PLAN'],
    },
    coreValueNeedingImprovement: ['COACHING', 'TARGETED_TRAINING'],
    // issue 19, docs/mentoring.md: mentoring is non-classical development; the credit is [U]. The
    // mentee's session time counts in full; the mentor's does not count until a city says so.
    mentoring: { menteeCreditPercent: 100, mentorCreditPercent: 0, maxRelationMonths: 12 },
  },
  // docs/regulations.md §5.1 [S], PP 30/2019 Pasal 56–58
  underPerformance: { triggerPredicates: ['KURANG_MISCONDUCT', 'SANGAT_KURANG'], improvementWindowMonths: 6, maxTemporaryPlacementMonths: 12 },
  // docs/regulations.md §5.4 [C]; scores and cut-offs are [U]
  talent: {
    lookbackYears: 2,
    performanceScoreByPredicate: { SANGAT_BAIK: 100, BAIK: 80, BUTUH_PERBAIKAN: 60, KURANG_MISCONDUCT: 40, SANGAT_KURANG: 20 },
    performance: { diAtasFrom: 85, sesuaiFrom: 70 },
    potential: { default: { tinggiFrom: 90, menengahFrom: 78 }, byAgency: {} },
    boxes: {
      DI_ATAS: { RENDAH: 4, MENENGAH: 7, TINGGI: 9 },
      SESUAI: { RENDAH: 2, MENENGAH: 5, TINGGI: 8 },
      DI_BAWAH: { RENDAH: 1, MENENGAH: 3, TINGGI: 6 },
    },
    recommendations: {
      '9': {
        kategori: 'Kinerja di atas ekspektasi dan potensial tinggi',
        rekomendasi: ['Dipromosikan dan dipertahankan', 'Masuk Kelompok Rencana Suksesi Instansi/Nasional', 'Penghargaan'],
      },
      '8': {
        kategori: 'Kinerja sesuai ekspektasi dan potensial tinggi',
        rekomendasi: ['Dipertahankan', 'Masuk Kelompok Rencana Suksesi Instansi', 'Rotasi/Perluasan jabatan', 'Bimbingan kinerja'],
      },
      '7': {
        kategori: 'Kinerja di atas ekspektasi dan potensial menengah',
        rekomendasi: ['Dipertahankan', 'Masuk Kelompok Rencana Suksesi Instansi', 'Rotasi/Pengayaan jabatan', 'Pengembangan kompetensi', 'Tugas belajar'],
      },
      '6': { kategori: 'Kinerja di bawah ekspektasi dan potensial tinggi', rekomendasi: ['Penempatan yang sesuai', 'Bimbingan kinerja', 'Konseling kinerja'] },
      '5': { kategori: 'Kinerja sesuai ekspektasi dan potensial menengah', rekomendasi: ['Penempatan yang sesuai', 'Bimbingan kinerja', 'Pengembangan kompetensi'] },
      '4': { kategori: 'Kinerja di atas ekspektasi dan potensial rendah', rekomendasi: ['Rotasi', 'Pengembangan kompetensi'] },
      '3': {
        kategori: 'Kinerja di bawah ekspektasi dan potensial menengah',
        rekomendasi: ['Bimbingan kinerja', 'Konseling kinerja', 'Pengembangan kompetensi', 'Penempatan yang sesuai'],
      },
      '2': { kategori: 'Kinerja sesuai ekspektasi dan potensial rendah', rekomendasi: ['Bimbingan kinerja', 'Pengembangan kompetensi', 'Penempatan yang sesuai'] },
      '1': { kategori: 'Kinerja di bawah ekspektasi dan potensial rendah', rekomendasi: ['Diproses sesuai ketentuan peraturan perundangan'] },
    },
    poolBoxes: [7, 8, 9],
    poolExcludingPenalties: ['SEDANG', 'BERAT'],
    penaltyLookbackYears: 2,
  },
};

export const DEFAULT_RULE_SETS: readonly RuleSet[] = [RULE_SET_2022_1];
