import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EvaluationPeriod } from '../../periods/evaluation-calendar.events';
import { PredikatOrganisasi, RuleSet } from '../../rule-sets/rule-set';
import { UnitEvaluationView } from '../../unit-evaluations/get-unit-evaluation/unit-evaluation-view.entity';
import { RecordedEvaluation, whatIf, WhatIfResult } from '../../what-if';
import { EvaluationView } from '../get-evaluation/evaluation-view.entity';

/** A period's recorded evaluations re-scored under another rule-set version, side by side; nothing is written. */
@Injectable()
export class GetWhatIfQuery {
  constructor(private readonly dataSource: DataSource) {}

  async run(period: EvaluationPeriod, ruleSets: readonly RuleSet[], targetVersion: string): Promise<WhatIfResult & { periodId: string }> {
    const rows = await this.dataSource.getRepository(EvaluationView).find({ where: { periodId: period.periodId }, order: { evaluationId: 'ASC' } });
    const units = await this.dataSource.getRepository(UnitEvaluationView).find({ where: { periodId: period.periodId } });
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
