import { RuleSet } from './rule-set';

/**
 * Rule set 2022.1, read from docs/regulations.md §4. Every value the rules mark [U] is
 * here so an agency can correct it with a new version: the leader mapping, the suggestion
 * thresholds, the curve rounding, "sebagian besar" as the modal group with ties allowed,
 * WARN enforcement, the curve binding only the annual evaluation, the cadences, the fill deadlines
 * (the e-Kinerja clone's 10th of the following month) and accepting late submissions.
 */
export const RULE_SET_2022_1: RuleSet = {
  version: '2022.1',
  effectiveFrom: '2022-01-01',
  description: 'PermenPANRB 6/2022 dan PP 30/2019 Pasal 59; nilai [U] dapat dikoreksi dengan versi baru',
  // [C], docs/regulations.md §4.2
  predicateMatrix: {
    DI_ATAS: { DI_BAWAH: 'KURANG_MISCONDUCT', SESUAI: 'BAIK', DI_ATAS: 'SANGAT_BAIK' },
    SESUAI: { DI_BAWAH: 'KURANG_MISCONDUCT', SESUAI: 'BAIK', DI_ATAS: 'BAIK' },
    DI_BAWAH: { DI_BAWAH: 'SANGAT_KURANG', SESUAI: 'BUTUH_PERBAIKAN', DI_ATAS: 'BUTUH_PERBAIKAN' },
  },
  // [S]; the mapping of capaian kinerja organisasi to a rating is [U]
  leaderRule: {
    ratingHasilByOrganisationPredicate: {
      ISTIMEWA: 'DI_ATAS',
      BAIK: 'SESUAI',
      BUTUH_PERBAIKAN: 'DI_BAWAH',
      KURANG: 'DI_BAWAH',
      SANGAT_KURANG: 'DI_BAWAH',
    },
  },
  suggestion: {
    hasil: { perIndicatorCap: 1.2, diAtasFromMean: 1.1, sesuaiFromMean: 0.9 },
    perilaku: { minFeedback: 1, diAtasFromPositiveShare: 0.8, diBawahFromNegativeShare: 0.5 },
  },
  // [S], formalised in docs/regulations.md §4.3; the instrument and small-unit rounding are [U]
  curve: {
    byOrganisationPredicate: {
      ISTIMEWA: [
        { id: 'ISTIMEWA.SB_MAX', kind: 'MAX_SHARE', predicates: ['SANGAT_BAIK'], share: 0.7, label: 'Sangat Baik paling banyak 70%' },
        { id: 'ISTIMEWA.SB_MODAL', kind: 'MODAL', predicates: ['SANGAT_BAIK'], ties: 'ALLOWED', label: 'Sebagian besar pegawai Sangat Baik' },
      ],
      BAIK: [
        { id: 'BAIK.B_MAX', kind: 'MAX_SHARE', predicates: ['BAIK'], share: 0.7, label: 'Baik paling banyak 70%' },
        { id: 'BAIK.B_MODAL', kind: 'MODAL', predicates: ['BAIK'], ties: 'ALLOWED', label: 'Sebagian besar pegawai Baik' },
        {
          id: 'BAIK.BP_K_PRESENT',
          kind: 'MIN_COUNT',
          predicates: ['BUTUH_PERBAIKAN', 'KURANG_MISCONDUCT'],
          count: 1,
          label: 'Harus ada pegawai Butuh Perbaikan dan/atau Kurang/Misconduct',
        },
      ],
      BUTUH_PERBAIKAN: [
        { id: 'BUTUH_PERBAIKAN.BP_MIN', kind: 'MIN_SHARE', predicates: ['BUTUH_PERBAIKAN'], share: 0.6, label: 'Butuh Perbaikan paling sedikit 60%' },
        { id: 'BUTUH_PERBAIKAN.SB_MAX', kind: 'MAX_SHARE', predicates: ['SANGAT_BAIK'], share: 0.1, label: 'Sangat Baik paling banyak 10%' },
      ],
      KURANG: [
        { id: 'KURANG.K_MIN', kind: 'MIN_SHARE', predicates: ['KURANG_MISCONDUCT'], share: 0.6, label: 'Kurang/Misconduct paling sedikit 60%' },
        { id: 'KURANG.BP_MIN', kind: 'MIN_SHARE', predicates: ['BUTUH_PERBAIKAN'], share: 0.1, label: 'Butuh Perbaikan paling sedikit 10%' },
        { id: 'KURANG.SB_MAX', kind: 'MAX_SHARE', predicates: ['SANGAT_BAIK'], share: 0.1, label: 'Sangat Baik paling banyak 10%' },
      ],
      SANGAT_KURANG: [
        { id: 'SANGAT_KURANG.SK_MIN', kind: 'MIN_SHARE', predicates: ['SANGAT_KURANG'], share: 0.6, label: 'Sangat Kurang paling sedikit 60%' },
        {
          id: 'SANGAT_KURANG.K_BP_MIN',
          kind: 'MIN_SHARE',
          predicates: ['KURANG_MISCONDUCT', 'BUTUH_PERBAIKAN'],
          share: 0.1,
          label: 'Kurang/Misconduct dan/atau Butuh Perbaikan paling sedikit 10%',
        },
        { id: 'SANGAT_KURANG.SB_NONE', kind: 'MAX_COUNT', predicates: ['SANGAT_BAIK'], count: 0, label: 'Tidak boleh ada pegawai Sangat Baik' },
      ],
    },
    enforcement: 'WARN',
    rounding: { maxShare: 'ROUND_HALF_UP', minShare: 'ROUND_HALF_UP' },
    appliesToPeriodic: false,
  },
  // [P] PP 30/2019 Pasal 59
  objection: {
    windowDays: 14,
    allowedTimeZones: ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'],
    explanationsRequiredBeforeDecision: ['PEJABAT_PENILAI', 'PEGAWAI'],
  },
  periods: {
    allowedCadences: ['MONTHLY', 'QUARTERLY', 'SEMESTER'],
    fillDeadline: { periodic: { dayOfFollowingMonth: 10 }, annual: { dayOfFollowingMonth: 10 } },
    lateSubmission: 'ALLOW_MARKED',
  },
};

export const DEFAULT_RULE_SETS: readonly RuleSet[] = [RULE_SET_2022_1];
