import { DomainEvent } from '@kinerja/domain';
import { PeriodKind } from '../periods/evaluation-calendar.events';
import { CurveEnforcement, PredikatOrganisasi, PredikatPegawai } from '../rule-sets/rule-set';

export type OrganisationPredicateSet = DomainEvent<
  'OrganisationPredicateSet',
  {
    unitEvaluationId: string;
    unitId: string;
    periodId: string;
    predicate: PredikatOrganisasi;
    previousPredicate: PredikatOrganisasi | null;
    /** Recommendations considered (planning, HR, oversight units), free text. */
    basis: string | null;
    setBy: string;
    setAt: string;
  }
>;

export type UnitFinalized = DomainEvent<
  'UnitFinalized',
  {
    unitEvaluationId: string;
    unitId: string;
    periodId: string;
    periodKind: PeriodKind;
    organisationPredicate: PredikatOrganisasi;
    ruleSetVersion: string;
    /** Null when the rule set does not apply the curve to this kind of period. */
    curve: { total: number; counts: Record<PredikatPegawai, number>; passed: boolean; failed: string[] } | null;
    enforcement: CurveEnforcement;
    /** Required when the distribution breaks the curve under WARN. */
    justification: string | null;
    employees: { employeeId: string; predicate: PredikatPegawai }[];
    finalizedBy: string;
    finalizedAt: string;
  }
>;

export type UnitEvaluationEvent = OrganisationPredicateSet | UnitFinalized;
