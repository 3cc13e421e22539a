import { defineContract, EventsOf } from './contract';
import { FromSchema, object } from './schema-types';
import { PREDIKAT_ORGANISASI, PREDIKAT_PEGAWAI, RATINGS } from './vocabulary';

/**
 * Public events of `evaluation` on `kinerja.evaluation.v1`, keyed by the evaluated employee's NIP
 * (the organisation predicate by its unit). Ratings: DI_ATAS | SESUAI | DI_BAWAH; predicates per
 * PermenPANRB 6/2022 (docs/regulations.md §4.2); every result names the rule-set version that produced it.
 */

export type RatingV1 = FromSchema<typeof RATING>;
export type PredikatPegawaiV1 = FromSchema<typeof PREDICATE>;
export type PredikatOrganisasiV1 = FromSchema<typeof ORG_PREDICATE>;
export type PeriodKindV1 = FromSchema<typeof PERIOD_KIND>;

const NIP = { type: 'string', pattern: '^[0-9]{18}$', description: 'Nomor Induk Pegawai (18 digits)' } as const;
const ID = { type: 'string', minLength: 1, maxLength: 200 } as const;
const TIME = { type: 'string', format: 'date-time' } as const;
const DATE = { type: 'string', format: 'date' } as const;
const RATING = { enum: RATINGS } as const;
const PREDICATE = { enum: PREDIKAT_PEGAWAI } as const;
const ORG_PREDICATE = { enum: PREDIKAT_ORGANISASI } as const;
const PERIOD_KIND = { enum: ['PERIODIC', 'ANNUAL'] } as const;
/** Where and when the period is, so that no consumer parses evaluation's period ids (optional: added to v1). */
const PERIOD_PLACE = {
  agencyId: { type: 'string', minLength: 1, maxLength: 200, description: 'The agency whose evaluation period this is.' },
  year: { type: 'integer', minimum: 2000, maximum: 2100, description: 'The year of the evaluation period.' },
} as const;
const withPeriodPlace = <const S extends { type: 'object'; required: readonly string[]; properties: object }>(schema: S) => ({
  ...schema,
  properties: { ...schema.properties, ...PERIOD_PLACE },
});

const VERSION = { type: 'string', minLength: 1, maxLength: 50, description: 'Rule-set version that produced the result' } as const;
/** The evaluation an event is about: its id, the employee and the period. */
const SUBJECT = { evaluationId: ID, nip: NIP, periodId: ID } as const;
/** Who rated whom in which period and unit, and the two ratings. */
const ASSESSMENT = { ...SUBJECT, periodKind: PERIOD_KIND, unitId: ID, assessorId: ID, ratingHasil: RATING, ratingPerilaku: RATING } as const;


export const evaluationContracts = [
  defineContract({
    type: 'EvaluationSubmitted.v1',
    service: 'evaluation',
    keyField: 'nip',
    description: 'The pejabat penilai rated an employee for a period (a revision before any objection is submitted again).',
    schema: withPeriodPlace(object({
      ...ASSESSMENT,
      assessorId: { ...ID, description: 'The pejabat penilai of the period.' },
      ratingHasilSource: { enum: ['PEJABAT_PENILAI', 'LEADER_RULE'], description: 'LEADER_RULE: the employee leads the unit and the rating hasil is the unit\'s achievement.' },
      late: { type: 'boolean' },
      submittedAt: TIME,
    })),
  }),
  defineContract({
    type: 'PredicateSet.v1',
    service: 'evaluation',
    keyField: 'nip',
    description: 'An employee predicate was set from the matrix of the rule set; the keberatan window runs from here.',
    schema: withPeriodPlace(object({
      ...ASSESSMENT,
      predicate: PREDICATE,
      ruleSetVersion: VERSION,
      objectionLastDay: { ...DATE, description: 'Last local day for a keberatan (PP 30/2019 Pasal 59) and the instant the window closes.' },
      objectionClosesAt: TIME,
      setAt: TIME,
    })),
  }),
  defineContract({
    type: 'ObjectionFiled.v1',
    service: 'evaluation',
    keyField: 'nip',
    description: 'The employee filed a keberatan against a predicate, to the atasan pejabat penilai of the period.',
    schema: withPeriodPlace(object({ ...SUBJECT, atasanId: { ...ID, description: 'The atasan pejabat penilai who decides.' }, dayOfWindow: { type: 'integer', minimum: 0 }, filedAt: TIME })),
  }),
  defineContract({
    type: 'ObjectionDecided.v1',
    service: 'evaluation',
    keyField: 'nip',
    description: 'The atasan pejabat penilai decided a keberatan (keep or change); the decision is final.',
    schema: withPeriodPlace(object({
      ...SUBJECT,
      outcome: { enum: ['KEEP', 'CHANGE'] },
      decidedBy: ID,
      previousPredicate: PREDICATE,
      ratingHasil: RATING,
      ratingPerilaku: RATING,
      predicate: PREDICATE,
      ruleSetVersion: VERSION,
      decidedAt: TIME,
    })),
  }),
  defineContract({
    type: 'PredicateFinalized.v1',
    service: 'evaluation',
    keyField: 'nip',
    description: 'An employee predicate became final: the keberatan window ended without objection, or the objection was decided.',
    schema: withPeriodPlace(object({
      ...ASSESSMENT,
      predicate: PREDICATE,
      ruleSetVersion: VERSION,
      finalizedVia: { enum: ['WINDOW_ENDED', 'OBJECTION_DECIDED'] },
      finalizedAt: TIME,
    })),
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

/** Event type → its data, derived from the schemas above (the single source). */
export type EvaluationEvents = EventsOf<typeof evaluationContracts>;
export type EvaluationSubmittedV1 = EvaluationEvents['EvaluationSubmitted.v1'];
export type PredicateSetV1 = EvaluationEvents['PredicateSet.v1'];
export type ObjectionFiledV1 = EvaluationEvents['ObjectionFiled.v1'];
export type ObjectionDecidedV1 = EvaluationEvents['ObjectionDecided.v1'];
export type PredicateFinalizedV1 = EvaluationEvents['PredicateFinalized.v1'];
export type OrganisationPredicateSetV1 = EvaluationEvents['OrganisationPredicateSet.v1'];
