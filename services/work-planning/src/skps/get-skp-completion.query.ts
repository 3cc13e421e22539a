import { Injectable } from '@nestjs/common';
import { GetSupervisorQuery } from '../organisation/get-supervisor/get-supervisor.query';
import { GetSkpQuery } from './get-skp/get-skp.query';

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
 * without one). One agency, or every agency of the city at once (the city dashboard: two queries
 * whatever the number of agencies).
 */
@Injectable()
export class GetSkpCompletionQuery {
  constructor(
    private readonly organisation: GetSupervisorQuery,
    private readonly skps: GetSkpQuery,
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
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    const holders = await this.organisation.holdersByAgency(from, to, agencyId);
    const best = await this.skps.bestStatusesOf([...new Set(holders.map((h) => h.nip))], from, to);
    const byAgency = new Map<string, Record<string, number>>();
    for (const { agencyId: id, nip } of holders) {
      const counts = byAgency.get(id) ?? {};
      const status = best.get(nip) ?? 'NONE';
      counts[status] = (counts[status] ?? 0) + 1;
      byAgency.set(id, counts);
    }
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
