import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { forbidden } from '@kinerja/domain';
import { Actor } from '@kinerja/platform';
import { factsPeriodOf } from '../../facts/facts-lookups';
import { localDateOf } from '../../local-date';
import { periodOfRow, PeriodView } from '../../periods/get-periods/period-view.entity';
import { PeriodLookups } from '../../periods/period-lookups';
import { evaluationIdOf } from '../evaluation.decider';
import { EvaluationView } from './evaluation-view.entity';

export interface RatingsDueResponse {
  pejabatPenilaiId: string;
  asOf: string;
  /** The ratings still to give, the earliest fill deadline first. */
  ratingsDue: {
    periodId: string;
    periodName: string;
    /** The period in the one vocabulary (e.g. 2026-S1). */
    factsPeriodId: string;
    employeeId: string;
    unitId: string | null;
    evaluationId: string;
    status: 'NOT_SUBMITTED';
    /** Batas pengisian: the last local day to submit the rating on time. */
    fillDeadline: string;
    overdue: boolean;
  }[];
}

/**
 * The pejabat penilai's queue of ratings due (issue 14 §5): for every period that has ended, this
 * year or the last, of the agencies where they hold or held a post, the employees they rate then
 * (the organisation as it was at the period's end) whose evaluation is not yet submitted.
 */
@Injectable()
export class GetRatingsDueQuery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly periods: PeriodLookups,
  ) {}

  async run(pejabatPenilaiId: string, actor: Actor, now: Date): Promise<RatingsDueResponse> {
    if (actor.id !== pejabatPenilaiId && actor.role !== 'ADMIN_CITY' && actor.role !== 'AUDITOR')
      throw forbidden('NOT_ALLOWED', 'Hanya pejabat penilai yang bersangkutan, admin kota dan auditor yang dapat melihat antrean penilaian ini');
    const today = localDateOf(now, this.periods.timeZone);
    const agencies: string[] = (await this.dataSource.query(`SELECT DISTINCT agency_id FROM org_assignment WHERE nip = $1`, [pejabatPenilaiId])).map(
      (r: { agency_id: string }) => r.agency_id,
    );
    const year = Number(today.slice(0, 4));
    const rows = agencies.length
      ? await this.dataSource.getRepository(PeriodView).find({ where: { agencyId: In(agencies), year: In([year - 1, year]) } })
      : [];
    const ratingsDue: RatingsDueResponse['ratingsDue'] = [];
    for (const row of rows.filter((r) => r.endDate < today)) {
      const period = periodOfRow(row);
      const chart = await this.periods.chart(period, now);
      const members = chart.employees().map((nip) => chart.chainOf(nip)).filter((c) => c.pejabatPenilaiId === pejabatPenilaiId);
      if (members.length === 0) continue;
      const submitted = new Set(
        (await this.dataSource.getRepository(EvaluationView).findBy({ evaluationId: In(members.map((m) => evaluationIdOf(row.periodId, m.nip))) })).map(
          (e) => e.evaluationId,
        ),
      );
      for (const m of members) {
        const evaluationId = evaluationIdOf(row.periodId, m.nip);
        if (submitted.has(evaluationId)) continue;
        ratingsDue.push({
          periodId: row.periodId,
          periodName: row.name,
          factsPeriodId: factsPeriodOf(period),
          employeeId: m.nip,
          unitId: m.unitId,
          evaluationId,
          status: 'NOT_SUBMITTED',
          fillDeadline: row.fillDeadline,
          overdue: today > row.fillDeadline,
        });
      }
    }
    ratingsDue.sort((a, b) => a.fillDeadline.localeCompare(b.fillDeadline) || a.periodId.localeCompare(b.periodId) || a.employeeId.localeCompare(b.employeeId));
    return { pejabatPenilaiId, asOf: today, ratingsDue };
  }
}
