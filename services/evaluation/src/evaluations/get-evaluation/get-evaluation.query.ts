import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { notFound } from '@kinerja/domain';
import { AccessSubject, Actor, assertAccess, decideAccess, Relation } from '@kinerja/platform';
import { EVALUATION_POLICY } from '../../policy';
import { EvaluationView } from './evaluation-view.entity';

export type EvaluationResponse = Omit<EvaluationView, never>;

type Readable = Pick<EvaluationView, 'employeeId' | 'assessorId' | 'agencyId' | 'objection'>;

/** How the actor stands to an evaluation: its employee (SELF), its assessor, the atasan deciding its keberatan. */
function subjectOf(actor: Actor, row: Readable): AccessSubject {
  const relations: Relation[] = [];
  if (actor.id === row.assessorId) relations.push('PEJABAT_PENILAI');
  if (actor.id === row.objection?.atasanId) relations.push('ATASAN');
  return { nip: row.employeeId, agencyId: row.agencyId, relations };
}

/** Who may read an evaluation (EVALUATION_POLICY.readEvaluation): the employee, their assessor, the atasan of an objection, admins of the agency, auditors. */
export function mayRead(actor: Actor, row: Readable): boolean {
  return decideAccess(actor, subjectOf(actor, row), EVALUATION_POLICY.readEvaluation).allowed;
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
    assertAccess(actor, subjectOf(actor, row), EVALUATION_POLICY.readEvaluation);
    return { ...row };
  }
}
