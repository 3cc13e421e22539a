import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { evaluationIdOf } from '../../evaluations/evaluation.decider';
import { EvaluationView } from '../../evaluations/get-evaluation/evaluation-view.entity';
import { factsPeriodOf } from '../../facts/facts-lookups';
import { EvaluationPeriod } from '../../periods/evaluation-calendar.events';
import { OrgChart } from '../../organisation/org-chart.rules';

export interface RatingProgressResponse {
  periodId: string;
  /** The period in the one vocabulary (e.g. 2026-S1). */
  factsPeriodId: string;
  fillDeadline: string;
  /** The organisation date the pejabat penilai are taken from. */
  asOf: string;
  people: { nip: string; unitId: string | null; pejabatPenilaiId: string | null; status: string; predicate: string | null }[];
}

/** Who of the period's agency has been rated (and by whom they should be): issue 17 §2. */
@Injectable()
export class GetRatingProgressQuery {
  constructor(private readonly dataSource: DataSource) {}

  async run(period: EvaluationPeriod, chart: OrgChart): Promise<RatingProgressResponse> {
    const chains = chart.employees().map((nip) => chart.chainOf(nip));
    const rows = chains.length
      ? await this.dataSource.getRepository(EvaluationView).findBy({ evaluationId: In(chains.map((c) => evaluationIdOf(period.periodId, c.nip))) })
      : [];
    const byNip = new Map(rows.map((r) => [r.employeeId, r]));
    return {
      periodId: period.periodId,
      factsPeriodId: factsPeriodOf(period),
      fillDeadline: period.fillDeadline,
      asOf: chart.date,
      people: chains
        .map((c) => {
          const evaluation = byNip.get(c.nip);
          return {
            nip: c.nip,
            unitId: c.unitId,
            pejabatPenilaiId: c.pejabatPenilaiId,
            status: evaluation ? evaluation.status : 'NOT_SUBMITTED',
            predicate: evaluation ? evaluation.predicate : null,
          };
        })
        .sort((a, b) => a.nip.localeCompare(b.nip)),
    };
  }
}
