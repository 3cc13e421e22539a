import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { OrgChart } from '../../organisation/org-chart.rules';
import { evaluationIdOf } from '../evaluation.decider';
import { EvaluationView } from './evaluation-view.entity';

export interface TeamBoardResponse {
  periodId: string;
  pejabatPenilaiId: string;
  asOf: string;
  team: {
    employeeId: string;
    unitId: string | null;
    evaluationId: string;
    /** NOT_SUBMITTED | PREDICATE_SET | OBJECTED | FINALIZED */
    status: string;
    ratingHasil: string | null;
    ratingPerilaku: string | null;
    predicate: string | null;
    late: boolean | null;
    objectionWindowLastDay: string | null;
  }[];
}

/** The supervisor's team for a period (from the organisation as it was then) with where each evaluation stands. */
@Injectable()
export class GetTeamBoardQuery {
  constructor(private readonly dataSource: DataSource) {}

  async run(periodId: string, pejabatPenilaiId: string, chart: OrgChart): Promise<TeamBoardResponse> {
    const members = chart.employees().map((nip) => chart.chainOf(nip)).filter((c) => c.pejabatPenilaiId === pejabatPenilaiId);
    const ids = members.map((m) => evaluationIdOf(periodId, m.nip));
    const rows = ids.length === 0 ? [] : await this.dataSource.getRepository(EvaluationView).findBy({ evaluationId: In(ids) });
    const byId = new Map(rows.map((r) => [r.evaluationId, r]));
    return {
      periodId,
      pejabatPenilaiId,
      asOf: chart.date,
      team: members.map((m) => {
        const evaluationId = evaluationIdOf(periodId, m.nip);
        const row = byId.get(evaluationId);
        return {
          employeeId: m.nip,
          unitId: m.unitId,
          evaluationId,
          status: row?.status ?? 'NOT_SUBMITTED',
          ratingHasil: row?.ratingHasil ?? null,
          ratingPerilaku: row?.ratingPerilaku ?? null,
          predicate: row?.predicate || null,
          late: row?.late ?? null,
          objectionWindowLastDay: row?.objectionWindow?.lastDay ?? null,
        };
      }),
    };
  }
}
