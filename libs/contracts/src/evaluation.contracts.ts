import { defineContract } from './contract';

/**
 * Public events of `evaluation` on `kinerja.evaluation.v1`, keyed by the evaluated employee's NIP
 * (the organisation predicate by its unit). Ratings: DI_ATAS | SESUAI | DI_BAWAH; predicates per
 * PermenPANRB 6/2022 (docs/regulations.md §4.2); every result names the rule-set version that produced it.
 */

export type RatingV1 = 'DI_ATAS' | 'SESUAI' | 'DI_BAWAH';
export type PredikatPegawaiV1 = 'SANGAT_BAIK' | 'BAIK' | 'BUTUH_PERBAIKAN' | 'KURANG_MISCONDUCT' | 'SANGAT_KURANG';
export type PredikatOrganisasiV1 = 'ISTIMEWA' | 'BAIK' | 'BUTUH_PERBAIKAN' | 'KURANG' | 'SANGAT_KURANG';
export type PeriodKindV1 = 'PERIODIC' | 'ANNUAL';

export interface EvaluationSubmittedV1 {
  evaluationId: string;
  nip: string;
  periodId: string;
  periodKind: PeriodKindV1;
  unitId: string;
  /** The pejabat penilai of the period. */
  assessorId: string;
  ratingHasil: RatingV1;
  ratingPerilaku: RatingV1;
  /** LEADER_RULE: the employee leads the unit and the rating hasil is the unit's achievement. */
  ratingHasilSource: 'PEJABAT_PENILAI' | 'LEADER_RULE';
  late: boolean;
  submittedAt: string;
}

export interface PredicateSetV1 {
  evaluationId: string;
  nip: string;
  periodId: string;
  periodKind: PeriodKindV1;
  unitId: string;
  assessorId: string;
  ratingHasil: RatingV1;
  ratingPerilaku: RatingV1;
  predicate: PredikatPegawaiV1;
  ruleSetVersion: string;
  /** Last local day for a keberatan (PP 30/2019 Pasal 59) and the instant the window closes. */
  objectionLastDay: string;
  objectionClosesAt: string;
  setAt: string;
}

export interface ObjectionFiledV1 {
  evaluationId: string;
  nip: string;
  periodId: string;
  /** The atasan pejabat penilai who decides. */
  atasanId: string;
  dayOfWindow: number;
  filedAt: string;
}

export interface ObjectionDecidedV1 {
  evaluationId: string;
  nip: string;
  periodId: string;
  outcome: 'KEEP' | 'CHANGE';
  decidedBy: string;
  previousPredicate: PredikatPegawaiV1;
  ratingHasil: RatingV1;
  ratingPerilaku: RatingV1;
  predicate: PredikatPegawaiV1;
  ruleSetVersion: string;
  decidedAt: string;
}

export interface PredicateFinalizedV1 {
  evaluationId: string;
  nip: string;
  periodId: string;
  periodKind: PeriodKindV1;
  unitId: string;
  assessorId: string;
  ratingHasil: RatingV1;
  ratingPerilaku: RatingV1;
  predicate: PredikatPegawaiV1;
  ruleSetVersion: string;
  finalizedVia: 'WINDOW_ENDED' | 'OBJECTION_DECIDED';
  finalizedAt: string;
}

export interface OrganisationPredicateSetV1 {
  unitId: string;
  periodId: string;
  predicate: PredikatOrganisasiV1;
  previousPredicate: PredikatOrganisasiV1 | null;
  setBy: string;
  setAt: string;
}

const NIP = { type: 'string', pattern: '^[0-9]{18}$', description: 'Nomor Induk Pegawai (18 digits)' };
const ID = { type: 'string', minLength: 1, maxLength: 200 };
const TIME = { type: 'string', format: 'date-time' };
const DATE = { type: 'string', format: 'date' };
const RATING = { enum: ['DI_ATAS', 'SESUAI', 'DI_BAWAH'] };
const PREDICATE = { enum: ['SANGAT_BAIK', 'BAIK', 'BUTUH_PERBAIKAN', 'KURANG_MISCONDUCT', 'SANGAT_KURANG'] };
const ORG_PREDICATE = { enum: ['ISTIMEWA', 'BAIK', 'BUTUH_PERBAIKAN', 'KURANG', 'SANGAT_KURANG'] };
const PERIOD_KIND = { enum: ['PERIODIC', 'ANNUAL'] };
const VERSION = { type: 'string', minLength: 1, maxLength: 50, description: 'Rule-set version that produced the result' };

const object = (properties: Record<string, unknown>) => ({ type: 'object', required: Object.keys(properties), properties });

export const evaluationContracts = [
  defineContract({
    type: 'EvaluationSubmitted.v1',
    service: 'evaluation',
    keyField: 'nip',
    description: 'The pejabat penilai rated an employee for a period (a revision before any objection is submitted again).',
    schema: object({
      evaluationId: ID,
      nip: NIP,
      periodId: ID,
      periodKind: PERIOD_KIND,
      unitId: ID,
      assessorId: ID,
      ratingHasil: RATING,
      ratingPerilaku: RATING,
      ratingHasilSource: { enum: ['PEJABAT_PENILAI', 'LEADER_RULE'] },
      late: { type: 'boolean' },
      submittedAt: TIME,
    }),
  }),
  defineContract({
    type: 'PredicateSet.v1',
    service: 'evaluation',
    keyField: 'nip',
    description: 'An employee predicate was set from the matrix of the rule set; the keberatan window runs from here.',
    schema: object({
      evaluationId: ID,
      nip: NIP,
      periodId: ID,
      periodKind: PERIOD_KIND,
      unitId: ID,
      assessorId: ID,
      ratingHasil: RATING,
      ratingPerilaku: RATING,
      predicate: PREDICATE,
      ruleSetVersion: VERSION,
      objectionLastDay: DATE,
      objectionClosesAt: TIME,
      setAt: TIME,
    }),
  }),
  defineContract({
    type: 'ObjectionFiled.v1',
    service: 'evaluation',
    keyField: 'nip',
    description: 'The employee filed a keberatan against a predicate, to the atasan pejabat penilai of the period.',
    schema: object({ evaluationId: ID, nip: NIP, periodId: ID, atasanId: ID, dayOfWindow: { type: 'integer', minimum: 0 }, filedAt: TIME }),
  }),
  defineContract({
    type: 'ObjectionDecided.v1',
    service: 'evaluation',
    keyField: 'nip',
    description: 'The atasan pejabat penilai decided a keberatan (keep or change); the decision is final.',
    schema: object({
      evaluationId: ID,
      nip: NIP,
      periodId: ID,
      outcome: { enum: ['KEEP', 'CHANGE'] },
      decidedBy: ID,
      previousPredicate: PREDICATE,
      ratingHasil: RATING,
      ratingPerilaku: RATING,
      predicate: PREDICATE,
      ruleSetVersion: VERSION,
      decidedAt: TIME,
    }),
  }),
  defineContract({
    type: 'PredicateFinalized.v1',
    service: 'evaluation',
    keyField: 'nip',
    description: 'An employee predicate became final: the keberatan window ended without objection, or the objection was decided.',
    schema: object({
      evaluationId: ID,
      nip: NIP,
      periodId: ID,
      periodKind: PERIOD_KIND,
      unitId: ID,
      assessorId: ID,
      ratingHasil: RATING,
      ratingPerilaku: RATING,
      predicate: PREDICATE,
      ruleSetVersion: VERSION,
      finalizedVia: { enum: ['WINDOW_ENDED', 'OBJECTION_DECIDED'] },
      finalizedAt: TIME,
    }),
  }),
  defineContract({
    type: 'OrganisationPredicateSet.v1',
    service: 'evaluation',
    keyField: 'unitId',
    description: "The leader one level up set a unit's organisation predicate for a period.",
    schema: object({
      unitId: ID,
      periodId: ID,
      predicate: ORG_PREDICATE,
      previousPredicate: { anyOf: [ORG_PREDICATE, { type: 'null' }] },
      setBy: ID,
      setAt: TIME,
    }),
  }),
] as const;

export interface EvaluationEvents {
  'EvaluationSubmitted.v1': EvaluationSubmittedV1;
  'PredicateSet.v1': PredicateSetV1;
  'ObjectionFiled.v1': ObjectionFiledV1;
  'ObjectionDecided.v1': ObjectionDecidedV1;
  'PredicateFinalized.v1': PredicateFinalizedV1;
  'OrganisationPredicateSet.v1': OrganisationPredicateSetV1;
}
