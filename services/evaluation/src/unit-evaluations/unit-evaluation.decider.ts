import { Command, conflict, Decider, forbidden, ignoreUnknownEvent, invalid } from '@kinerja/domain';
import { isBlank } from '../command';
import { checkCurve } from '../curve.rules';
import { EvaluationPeriod } from '../periods/evaluation-calendar.events';
import { isPredikatOrganisasi, PredikatOrganisasi, PredikatPegawai, RuleSet } from '../rule-sets/rule-set';
import { UnitEvaluationEvent } from './unit-evaluation.events';

/** One per unit and period: the organisation predicate, then the penetapan of the unit's employee predicates. */
export const unitEvaluationIdOf = (periodId: string, unitId: string) => `${periodId}:${unitId}`;
export const unitEvaluationStream = (unitEvaluationId: string) => `unit-evaluation-${unitEvaluationId}`;

export type SetOrganisationPredicate = Command<
  'SetOrganisationPredicate',
  { unitEvaluationId: string; predicate: PredikatOrganisasi; basis?: string },
  {
    unitId: string;
    period: EvaluationPeriod;
    /** The leader one level above the unit in the period (docs/regulations.md §4.1). */
    leaderOneLevelUpId: string | null;
    /** The unit's own leader in the period, who may not set their own unit's predicate. */
    unitLeaderId: string | null;
  }
>;

export type FinalizeUnit = Command<
  'FinalizeUnit',
  { unitEvaluationId: string; justification?: string },
  {
    leaderOneLevelUpId: string | null;
    period: EvaluationPeriod;
    /** Everyone evaluated in the unit for the period; predicate null while not yet rated. */
    employees: readonly { employeeId: string; predicate: PredikatPegawai | null }[];
    /** The version in force on the period's end date. */
    ruleSet: RuleSet;
  }
>;

export type UnitEvaluationCommand = SetOrganisationPredicate | FinalizeUnit;

export type UnitEvaluationState =
  | { status: 'OPEN'; unitEvaluationId: string | null; unitId: string | null; periodId: string | null; organisationPredicate: PredikatOrganisasi | null }
  | { status: 'FINALIZED'; unitEvaluationId: string; unitId: string; periodId: string; organisationPredicate: PredikatOrganisasi };

export const initialState = (): UnitEvaluationState => ({
  status: 'OPEN',
  unitEvaluationId: null,
  unitId: null,
  periodId: null,
  organisationPredicate: null,
});

export function evolve(state: UnitEvaluationState, event: UnitEvaluationEvent): UnitEvaluationState {
  switch (event.type) {
    case 'OrganisationPredicateSet': {
      const { unitEvaluationId, unitId, periodId, predicate } = event.data;
      return { status: 'OPEN', unitEvaluationId, unitId, periodId, organisationPredicate: predicate };
    }
    case 'UnitFinalized': {
      const { unitEvaluationId, unitId, periodId, organisationPredicate } = event.data;
      return { status: 'FINALIZED', unitEvaluationId, unitId, periodId, organisationPredicate };
    }
    default:
      return ignoreUnknownEvent(event, state);
  }
}

function setOrganisationPredicate(command: SetOrganisationPredicate, state: UnitEvaluationState): UnitEvaluationEvent[] {
  const { data, lookups: lookup } = command;
  const { now, actor: { id: actorId } } = command.metadata;
  if (!isPredikatOrganisasi(data.predicate))
    throw invalid('INVALID_ORGANISATION_PREDICATE', 'Predikat organisasi harus ISTIMEWA, BAIK, BUTUH_PERBAIKAN, KURANG atau SANGAT_KURANG', 'predicate');
  if (data.unitEvaluationId !== unitEvaluationIdOf(lookup.period.periodId, lookup.unitId))
    throw invalid('UNIT_EVALUATION_ID_MISMATCH', 'Penilaian unit tidak cocok dengan unit dan periode', 'unitEvaluationId');
  if (actorId === lookup.unitLeaderId) throw forbidden('SELF_RATING', 'Pimpinan unit tidak dapat menetapkan predikat unitnya sendiri');
  if (lookup.leaderOneLevelUpId === null || actorId !== lookup.leaderOneLevelUpId)
    throw forbidden('NOT_LEADER_ONE_LEVEL_UP', 'Hanya pimpinan satu tingkat di atas unit yang dapat menetapkan predikat organisasi');
  if (state.status === 'FINALIZED') throw conflict('UNIT_FINALIZED', 'Penetapan predikat unit pada periode ini sudah final');
  if (state.organisationPredicate === data.predicate) return [];
  return [
    {
      type: 'OrganisationPredicateSet',
      data: {
        unitEvaluationId: data.unitEvaluationId,
        unitId: lookup.unitId,
        periodId: lookup.period.periodId,
        predicate: data.predicate,
        previousPredicate: state.organisationPredicate,
        basis: isBlank(data.basis) ? null : (data.basis as string).trim(),
        setBy: actorId,
        setAt: now.toISOString(),
      },
    },
  ];
}

function finalizeUnit(command: FinalizeUnit, state: UnitEvaluationState): UnitEvaluationEvent[] {
  const { data, lookups: lookup } = command;
  const { now, actor: { id: actorId } } = command.metadata;
  const { ruleSet, period } = lookup;
  if (lookup.leaderOneLevelUpId === null || actorId !== lookup.leaderOneLevelUpId)
    throw forbidden('NOT_LEADER_ONE_LEVEL_UP', 'Hanya pimpinan satu tingkat di atas unit yang dapat menetapkan predikat pegawai unit');
  if (state.status === 'FINALIZED') return [];
  if (state.organisationPredicate === null || state.unitEvaluationId === null || state.unitId === null)
    throw conflict('ORGANISATION_PREDICATE_NOT_SET', 'Predikat kinerja organisasi unit belum ditetapkan');
  if (data.unitEvaluationId !== state.unitEvaluationId)
    throw invalid('UNIT_EVALUATION_ID_MISMATCH', 'Penilaian unit tidak cocok', 'unitEvaluationId');
  if (lookup.employees.length === 0) throw conflict('UNIT_HAS_NO_EVALUATIONS', 'Unit tidak memiliki pegawai yang dinilai pada periode ini');
  const unrated = lookup.employees.filter((e) => e.predicate === null);
  if (unrated.length > 0) throw conflict('EVALUATIONS_INCOMPLETE', `${unrated.length} pegawai belum dinilai`);
  const employees = lookup.employees.map((e) => ({ employeeId: e.employeeId, predicate: e.predicate as PredikatPegawai }));

  const curveApplies = period.kind === 'ANNUAL' || ruleSet.curve.appliesToPeriodic;
  const check = curveApplies ? checkCurve(ruleSet, state.organisationPredicate, employees.map((e) => e.predicate)) : null;
  let justification: string | null = isBlank(data.justification) ? null : (data.justification as string).trim();
  if (check !== null && !check.passed) {
    const broken = check.conditions.filter((c) => !c.pass).map((c) => c.label).join('; ');
    if (ruleSet.curve.enforcement === 'BLOCK')
      throw conflict('CURVE_VIOLATED', `Distribusi predikat tidak sesuai kurva ${state.organisationPredicate}: ${broken}`);
    if (justification === null)
      throw invalid('CURVE_JUSTIFICATION_REQUIRED', `Distribusi predikat tidak sesuai kurva ${state.organisationPredicate} (${broken}); alasan wajib diisi`, 'justification');
  } else {
    justification = null;
  }
  return [
    {
      type: 'UnitFinalized',
      data: {
        unitEvaluationId: state.unitEvaluationId,
        unitId: state.unitId,
        periodId: period.periodId,
        periodKind: period.kind,
        organisationPredicate: state.organisationPredicate,
        ruleSetVersion: ruleSet.version,
        curve: check === null ? null : { total: check.total, counts: check.counts, passed: check.passed, failed: check.failed },
        enforcement: ruleSet.curve.enforcement,
        justification,
        employees,
        finalizedBy: actorId,
        finalizedAt: now.toISOString(),
      },
    },
  ];
}

export function decide(command: UnitEvaluationCommand, state: UnitEvaluationState): UnitEvaluationEvent[] {
  switch (command.type) {
    case 'SetOrganisationPredicate':
      return setOrganisationPredicate(command, state);
    case 'FinalizeUnit':
      return finalizeUnit(command, state);
    default: {
      const _exhaustive: never = command;
      throw new Error(`unknown command ${JSON.stringify(_exhaustive)}`);
    }
  }
}

export const unitEvaluationDecider: Decider<UnitEvaluationCommand, UnitEvaluationEvent, UnitEvaluationState> = { initialState, evolve, decide };
