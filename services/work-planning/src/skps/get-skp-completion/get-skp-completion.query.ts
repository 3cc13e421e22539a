import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface SkpCompletionResponse {
  agencyId: string;
  year: number;
  /** Employees holding a post in the agency at some time in the year. */
  employees: number;
  byStatus: Record<string, number>;
  /** Share of those employees with an approved SKP (any version, closed included) for the year. */
  approvedRate: number;
  /** Share with at least a draft. */
  startedRate: number;
}

/** Agency completion rates for a year, from the assignment intervals and `skp_view`. */
@Injectable()
export class GetSkpCompletionQuery {
  constructor(private readonly dataSource: DataSource) {}

  async run(agencyId: string, year: number): Promise<SkpCompletionResponse> {
    const start = `${year}-01-01`;
    const end = `${year}-12-31`;
    const rows: { status: string; n: string }[] = await this.dataSource.query(
      `WITH people AS (
         SELECT DISTINCT nip FROM assignment_interval
          WHERE agency_id = $1 AND from_date <= $3 AND (to_date IS NULL OR to_date >= $2))
       SELECT COALESCE(best.status, 'NONE') AS status, count(*) AS n
         FROM people p
         LEFT JOIN LATERAL (
           SELECT CASE WHEN bool_or(s.versions > 0) THEN 'APPROVED' ELSE max(s.status) END AS status
             FROM skp_view s WHERE s.nip = p.nip AND s.period_start >= $2 AND s.period_start <= $3) best ON true
        GROUP BY 1`,
      [agencyId, start, end],
    );
    const byStatus = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    const employees = rows.reduce((n, r) => n + Number(r.n), 0);
    const approved = byStatus.APPROVED ?? 0;
    const none = byStatus.NONE ?? 0;
    return {
      agencyId,
      year,
      employees,
      byStatus,
      approvedRate: employees ? approved / employees : 0,
      startedRate: employees ? (employees - none) / employees : 0,
    };
  }
}
