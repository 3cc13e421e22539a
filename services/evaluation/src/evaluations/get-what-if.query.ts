import { Injectable } from '@nestjs/common';
import { EvaluationPeriod } from '../periods/evaluation-calendar.events';
import { PredikatOrganisasi, RuleSet } from '../rule-sets/rule-set';
import { GetUnitEvaluationQuery } from '../unit-evaluations/get-unit-evaluation/get-unit-evaluation.query';
import { RecordedEvaluation, whatIf, WhatIfResult } from '../what-if.rules';
import { GetEvaluationQuery } from './get-evaluation/get-evaluation.query';

/** A period's recorded evaluations re-scored under another rule-set version, side by side; nothing is written. */
@Injectable()
export class GetWhatIfQuery {
  constructor(
    private readonly evaluations: GetEvaluationQuery,
    private readonly unitEvaluations: GetUnitEvaluationQuery,
  ) {}

  async run(period: EvaluationPeriod, ruleSets: readonly RuleSet[], targetVersion: string): Promise<WhatIfResult & { periodId: string }> {
    const rows = await this.evaluations.ofPeriod(period.periodId);
    const units = await this.unitEvaluations.ofPeriod(period.periodId);
    const evaluations: RecordedEvaluation[] = rows
      .filter((r) => r.predicate !== '')
      .map((r) => ({
        evaluationId: r.evaluationId,
        employeeId: r.employeeId,
        unitId: r.unitId,
        ratingHasil: r.ratingHasil as RecordedEvaluation['ratingHasil'],
        ratingPerilaku: r.ratingPerilaku as RecordedEvaluation['ratingPerilaku'],
        ratingHasilSource: r.ratingHasilSource as RecordedEvaluation['ratingHasilSource'],
        ledUnitOrganisationPredicate: r.ledUnit?.organisationPredicate ?? null,
        predicate: r.predicate as RecordedEvaluation['predicate'],
        ruleSetVersion: r.ruleSetVersion,
      }));
    const unitIds = [...new Set([...evaluations.map((e) => e.unitId), ...units.map((u) => u.unitId)])].sort();
    const orgByUnit = new Map(units.map((u) => [u.unitId, u.organisationPredicate as PredikatOrganisasi | null]));
    const result = whatIf(period, evaluations, unitIds.map((unitId) => ({ unitId, organisationPredicate: orgByUnit.get(unitId) ?? null })), ruleSets, targetVersion);
    return { periodId: period.periodId, ...result };
  }
}
