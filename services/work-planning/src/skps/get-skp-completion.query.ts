import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { GetSupervisorQuery } from '../organisation/get-supervisor/get-supervisor.query';
import { BEST_STATUS_SQL } from './get-skp/get-skp.query';

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

/**
 * Agency completion rates for a year: the people of the assignment intervals, the best status of
 * their SKPs of the year (APPROVED once any version was approved, else the furthest status, NONE
 * without one). One agency, or every agency of the city at once (the city dashboard: one query
 * whatever the number of agencies).
 */
@Injectable()
export class GetSkpCompletionQuery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organisation: GetSupervisorQuery,
  ) {}

  async run(agencyId: string, year: number): Promise<SkpCompletionResponse> {
    const [one] = await this.counted(year, agencyId);
    return one ?? completion(agencyId, year, {});
  }

  /** Every agency with someone holding a post in it during the year, in the order of their ids. */
  async city(year: number): Promise<SkpCompletionResponse[]> {
    return this.counted(year, null);
  }

  private async counted(year: number, agencyId: string | null): Promise<SkpCompletionResponse[]> {
    // One statement: at 20,000 employees handing every NIP to Node and back cost ~100 ms of CPU a request.
    // One agency: its people's SKPs by index. The city: every SKP of the year in one scan, joined by hash
    // (the look-up per NIP took 206 instead of 122 ms there).
    const ofPeople = agencyId === null ? '' : 'nip IN (SELECT nip FROM people) AND';
    const rows: { agency_id: string; status: string; n: number }[] = await this.dataSource.query(
      `WITH people AS (${this.organisation.holdersSql('$1', '$2', '$3')}),
       best AS (
         SELECT nip, ${BEST_STATUS_SQL} AS status
           FROM skp_view WHERE ${ofPeople} period_start >= $1 AND period_start <= $2
          GROUP BY nip
       )
       SELECT p.agency_id, COALESCE(b.status, 'NONE') AS status, count(*)::int AS n
         FROM people p LEFT JOIN best b ON b.nip = p.nip
        GROUP BY 1, 2 ORDER BY 1, 2`,
      [`${year}-01-01`, `${year}-12-31`, agencyId],
    );
    const byAgency = new Map<string, Record<string, number>>();
    for (const r of rows) byAgency.set(r.agency_id, { ...byAgency.get(r.agency_id), [r.status]: r.n });
    return [...byAgency.entries()].map(([id, byStatus]) => completion(id, year, byStatus));
  }
}

function completion(agencyId: string, year: number, byStatus: Record<string, number>): SkpCompletionResponse {
  const employees = Object.values(byStatus).reduce((sum, n) => sum + n, 0);
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
