import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { periodOfEvaluationCode } from '@kinerja/contracts';
import { PeriodView } from './period-view.entity';
import { PeriodViewRow } from './period-view.projection';

export type PeriodResponse = Pick<PeriodViewRow, 'periodId' | 'code' | 'kind' | 'name' | 'startDate' | 'endDate' | 'fillDeadline'> & {
  /** The same period in the one vocabulary other services record facts under (e.g. 2026-S1, 2026). */
  factsPeriodId: string | null;
};

export interface PeriodsResponse {
  agencyId: string;
  year: number;
  cadence: string | null;
  ruleSetVersion: string | null;
  periods: PeriodResponse[];
}

/** The periods of an agency's year (periodic ones in order, then the annual one). */
@Injectable()
export class GetPeriodsQuery {
  constructor(private readonly dataSource: DataSource) {}

  async run(agencyId: string, year: number): Promise<PeriodsResponse> {
    const rows = await this.dataSource.getRepository(PeriodView).find({ where: { agencyId, year }, order: { startDate: 'ASC', endDate: 'ASC' } });
    const ordered = [...rows.filter((r) => r.kind !== 'ANNUAL'), ...rows.filter((r) => r.kind === 'ANNUAL')];
    return {
      agencyId,
      year,
      cadence: rows[0]?.cadence ?? null,
      ruleSetVersion: rows[0]?.ruleSetVersion ?? null,
      periods: ordered.map((r) => ({
        periodId: r.periodId,
        code: r.code,
        kind: r.kind,
        name: r.name,
        startDate: r.startDate,
        endDate: r.endDate,
        fillDeadline: r.fillDeadline,
        factsPeriodId: periodOfEvaluationCode(r.year, r.code),
      })),
    };
  }
}
