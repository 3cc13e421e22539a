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

/** Agency completion rates for a year: the people of the assignment intervals, the status of their SKP. */
@Injectable()
export class GetSkpCompletionQuery {
  constructor(
    private readonly organisation: GetSupervisorQuery,
    private readonly skps: GetSkpQuery,
  ) {}

  async run(agencyId: string, year: number): Promise<SkpCompletionResponse> {
    const people = await this.organisation.holdersIn(agencyId, `${year}-01-01`, `${year}-12-31`);
    const best = await this.skps.bestStatusesOf(people, `${year}-01-01`, `${year}-12-31`);
    const byStatus: Record<string, number> = {};
    for (const nip of people) {
      const status = best.get(nip) ?? 'NONE';
      byStatus[status] = (byStatus[status] ?? 0) + 1;
    }
    const employees = people.length;
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
