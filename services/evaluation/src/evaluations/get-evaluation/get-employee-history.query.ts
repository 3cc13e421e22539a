import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor } from '@kinerja/platform';
import { EvaluationView } from './evaluation-view.entity';
import { mayRead } from './get-evaluation.query';

export interface EmployeeHistoryResponse {
  employeeId: string;
  years: {
    year: number;
    evaluations: { evaluationId: string; periodId: string; periodKind: string; predicate: string; ratingHasil: string; ratingPerilaku: string; status: string; ruleSetVersion: string; assessorId: string }[];
  }[];
}

/** An employee's evaluations across years (newest year first), the ones the actor may read. */
@Injectable()
export class GetEmployeeHistoryQuery {
  constructor(private readonly dataSource: DataSource) {}

  async run(employeeId: string, actor: Actor): Promise<EmployeeHistoryResponse> {
    const rows = await this.dataSource.getRepository(EvaluationView).find({ where: { employeeId }, order: { year: 'DESC', periodId: 'ASC' } });
    const years = new Map<number, EmployeeHistoryResponse['years'][number]>();
    for (const r of rows.filter((row) => mayRead(actor, row))) {
      if (!years.has(r.year)) years.set(r.year, { year: r.year, evaluations: [] });
      years.get(r.year)!.evaluations.push({
        evaluationId: r.evaluationId,
        periodId: r.periodId,
        periodKind: r.periodKind,
        predicate: r.predicate,
        ratingHasil: r.ratingHasil,
        ratingPerilaku: r.ratingPerilaku,
        status: r.status,
        ruleSetVersion: r.ruleSetVersion,
        assessorId: r.assessorId,
      });
    }
    return { employeeId, years: [...years.values()] };
  }
}
