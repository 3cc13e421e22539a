import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { checkCurve, CurveCheck, tally } from '../../curve.rules';
import { OrgChart } from '../../organisation/org-chart.rules';
import { EvaluationPeriod } from '../../periods/evaluation-calendar.events';
import { PredikatOrganisasi, PredikatPegawai, RuleSet } from '../../rule-sets/rule-set';
import { unitEvaluationIdOf } from '../unit-evaluation.decider';
import { GetUnitEvaluationQuery } from '../get-unit-evaluation/get-unit-evaluation.query';
import { UnitEvaluationView } from '../get-unit-evaluation/unit-evaluation-view.entity';
import { CurveEntryView } from './curve-entry.entity';

export interface UnitCurve {
  unitId: string;
  unitName: string | null;
  unitEvaluationId: string;
  /** Who leads the unit, and the leader one level up who sets its organisation predicate and does its penetapan, in the period. */
  unitLeaderId: string | null;
  leaderOneLevelUpId: string | null;
  organisationPredicate: PredikatOrganisasi | null;
  organisationPredicateSetBy: string | null;
  ruleSetVersion: string;
  enforcement: RuleSet['curve']['enforcement'];
  /** False when the rule set does not hold this kind of period to the curve. */
  curveApplies: boolean;
  employees: { employeeId: string; predicate: PredikatPegawai | null; status: string }[];
  unrated: number;
  /** Null until an organisation predicate is set (or when the curve does not apply). */
  check: CurveCheck | null;
  finalized: boolean;
  finalization: UnitEvaluationView['finalization'];
}

export interface AgencyCurve {
  periodId: string;
  agencyId: string;
  ruleSetVersion: string;
  units: UnitCurve[];
  summary: { units: number; unitsChecked: number; unitsFailing: number; unitsFinalized: number; employees: number; unrated: number; counts: Record<PredikatPegawai, number> };
}

/** "Monitoring Kurva": a unit's employee predicates checked live against the curve of its organisation predicate (docs/regulations.md §4.3). */
@Injectable()
export class GetCurveQuery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly unitEvaluations: GetUnitEvaluationQuery,
  ) {}

  /** Everyone evaluated in the unit plus the unit's members per the organisation not yet rated. */
  async unit(period: EvaluationPeriod, unitId: string, chart: OrgChart, ruleSet: RuleSet): Promise<UnitCurve> {
    const [evaluations, unitRow] = await Promise.all([
      this.dataSource.getRepository(CurveEntryView).find({ where: { periodId: period.periodId, unitId }, order: { employeeId: 'ASC' } }),
      this.unitEvaluations.one(period.periodId, unitId),
    ]);
    return this.build(period, unitId, chart, ruleSet, evaluations, unitRow);
  }

  async agency(period: EvaluationPeriod, agencyId: string, chart: OrgChart, ruleSet: RuleSet): Promise<AgencyCurve> {
    const [evaluations, unitRows] = await Promise.all([
      this.dataSource.getRepository(CurveEntryView).find({ where: { periodId: period.periodId }, order: { employeeId: 'ASC' } }),
      this.unitEvaluations.ofPeriod(period.periodId),
    ]);
    const unitIds = [...new Set([...chart.units.map((u) => u.unitId), ...evaluations.map((e) => e.unitId), ...unitRows.map((u) => u.unitId)])]
      .filter((id) => id !== '')
      .sort();
    const units = unitIds.map((unitId) =>
      this.build(
        period,
        unitId,
        chart,
        ruleSet,
        evaluations.filter((e) => e.unitId === unitId),
        unitRows.find((u) => u.unitId === unitId) ?? null,
      ),
    );
    const predicates = units.flatMap((u) => u.employees.map((e) => e.predicate).filter((p): p is PredikatPegawai => p !== null));
    return {
      periodId: period.periodId,
      agencyId,
      ruleSetVersion: ruleSet.version,
      units,
      summary: {
        units: units.length,
        unitsChecked: units.filter((u) => u.check !== null).length,
        unitsFailing: units.filter((u) => u.check !== null && !u.check.passed).length,
        unitsFinalized: units.filter((u) => u.finalized).length,
        employees: units.reduce((n, u) => n + u.employees.length, 0),
        unrated: units.reduce((n, u) => n + u.unrated, 0),
        counts: tally(predicates),
      },
    };
  }

  /** The units the person leads or leads one level up in the period (whose predicate they set or answer for), with their curves. */
  async ledBy(period: EvaluationPeriod, nip: string, chart: OrgChart, ruleSet: RuleSet): Promise<UnitCurve[]> {
    const unitIds = chart.units
      .map((u) => u.unitId)
      .filter((unitId) => {
        const { unitLeaderId, leaderOneLevelUpId } = chart.leadershipOf(unitId);
        return unitLeaderId === nip || leaderOneLevelUpId === nip;
      })
      .sort();
    return Promise.all(unitIds.map((unitId) => this.unit(period, unitId, chart, ruleSet)));
  }

  private build(
    period: EvaluationPeriod,
    unitId: string,
    chart: OrgChart,
    ruleSet: RuleSet,
    evaluations: CurveEntryView[],
    unitRow: UnitEvaluationView | null,
  ): UnitCurve {
    const rated = new Map(evaluations.filter((e) => e.predicate !== '').map((e) => [e.employeeId, e]));
    const members = chart.membersOf(unitId).filter((nip) => !rated.has(nip));
    const employees = [
      ...[...rated.values()].map((e) => ({ employeeId: e.employeeId, predicate: e.predicate as PredikatPegawai, status: e.status })),
      ...members.map((employeeId) => ({ employeeId, predicate: null, status: 'NOT_SUBMITTED' })),
    ].sort((a, b) => (a.employeeId < b.employeeId ? -1 : 1));
    const organisationPredicate = (unitRow?.organisationPredicate ?? null) as PredikatOrganisasi | null;
    const curveApplies = period.kind === 'ANNUAL' || ruleSet.curve.appliesToPeriodic;
    const predicates = employees.map((e) => e.predicate).filter((p): p is PredikatPegawai => p !== null);
    return {
      unitId,
      unitName: chart.units.find((u) => u.unitId === unitId)?.name ?? null,
      unitEvaluationId: unitEvaluationIdOf(period.periodId, unitId),
      ...chart.leadershipOf(unitId),
      organisationPredicate,
      organisationPredicateSetBy: unitRow?.setBy ?? null,
      ruleSetVersion: ruleSet.version,
      enforcement: ruleSet.curve.enforcement,
      curveApplies,
      employees,
      unrated: members.length,
      check: organisationPredicate === null || !curveApplies ? null : checkCurve(ruleSet, organisationPredicate, predicates),
      finalized: unitRow?.finalized ?? false,
      finalization: unitRow?.finalization ?? null,
    };
  }
}
