import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { forbidden, notFound } from '@kinerja/domain';
import { Actor } from '@kinerja/platform';
import { EvaluationView } from './evaluation-view.entity';

export type EvaluationResponse = Omit<EvaluationView, never>;

/** Who may read an evaluation: the employee, their assessor, the atasan of an objection, admins of the agency, auditors. */
export function mayRead(actor: Actor, row: Pick<EvaluationView, 'employeeId' | 'assessorId' | 'agencyId' | 'objection'>): boolean {
  return (
    actor.id === row.employeeId ||
    actor.id === row.assessorId ||
    actor.id === row.objection?.atasanId ||
    actor.role === 'ADMIN_CITY' ||
    actor.role === 'AUDITOR' ||
    (actor.role === 'ADMIN_OPD' && actor.agencyId === row.agencyId)
  );
}

@Injectable()
export class GetEvaluationQuery {
  constructor(private readonly dataSource: DataSource) {}

  async find(evaluationId: string): Promise<EvaluationView | null> {
    return this.dataSource.getRepository(EvaluationView).findOneBy({ evaluationId });
  }

  /** Every evaluation of a period, by id. */
  ofPeriod(periodId: string): Promise<EvaluationView[]> {
    return this.dataSource.getRepository(EvaluationView).find({ where: { periodId }, order: { evaluationId: 'ASC' } });
  }

  /** Evaluations of the periods with this code in a year, counted by agency, status, predicate and lateness. */
  countsByAgency(year: number, code: string): Promise<{ agency_id: string; status: string; predicate: string; late: boolean; n: number }[]> {
    return this.dataSource.query(
      `SELECT agency_id, status, predicate, late, count(*)::int AS n FROM evaluation_view
       WHERE year = $1 AND right(period_id, length($2)) = $2 GROUP BY agency_id, status, predicate, late`,
      [year, `:${year}:${code}`],
    );
  }

  async run(evaluationId: string, actor: Actor): Promise<EvaluationResponse> {
    const row = await this.find(evaluationId);
    if (!row) throw notFound('EVALUATION_NOT_FOUND', `Penilaian ${evaluationId} tidak ditemukan`);
    if (!mayRead(actor, row)) throw forbidden('NOT_ALLOWED', 'Anda tidak berwenang melihat penilaian ini');
    return { ...row };
  }
}
