import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { parsePeriod, Period, periodWithin } from '@kinerja/contracts';
import { GetSupervisorQuery } from '../organisation/get-supervisor/get-supervisor.query';
import { GetSkpQuery } from './get-skp/get-skp.query';

export interface SkpProgressResponse {
  agencyId: string;
  /** The period of the one vocabulary (`2026-S1`, `2026`). */
  periodId: string;
  start: string;
  end: string;
  /** Everyone holding a post in the agency at some time in the period, by name. */
  people: {
    nip: string;
    name: string | null;
    /** The best status of their SKP of the period's year (APPROVED once any version was approved); NONE without one. */
    skpStatus: string;
    /** Realisations recorded under the period or a period within it. */
    realisations: number;
    /** Their pejabat penilai on the period's last day (a NIP, or a city official's id). */
    pejabatPenilai: { id: string; name: string | null } | null;
  }[];
}

/**
 * Where each person of an agency stands in a period (issue 17 §2): SKP submitted, approved,
 * realisations recorded. Who has been rated is evaluation's `GET /periods/{periodId}/rating-progress`.
 */
@Injectable()
export class GetSkpProgressQuery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organisation: GetSupervisorQuery,
    private readonly skps: GetSkpQuery,
  ) {}

  async run(agencyId: string, period: Period): Promise<SkpProgressResponse> {
    const people = await this.organisation.holdersIn(agencyId, period.start, period.end);
    const [names, statuses, realised, chains] = await Promise.all([
      this.dataSource.query(`SELECT nip, name FROM employee_view WHERE nip = ANY($1)`, [people]) as Promise<{ nip: string; name: string }[]>,
      this.skps.bestStatusesOf(people, `${period.year}-01-01`, `${period.year}-12-31`),
      this.dataSource.query(`SELECT nip, period_id, count(*)::int AS n FROM realisation_view WHERE nip = ANY($1) AND period_id LIKE $2 GROUP BY nip, period_id`, [
        people,
        `${period.year}%`,
      ]) as Promise<{ nip: string; period_id: string; n: number }[]>,
      this.organisation.chainsOf(people, period.end),
    ]);
    const nameOf = new Map(names.map((r) => [r.nip, r.name]));
    const count = new Map<string, number>();
    for (const r of realised) {
      const inner = parsePeriod(r.period_id);
      if (inner && periodWithin(inner, period)) count.set(r.nip, (count.get(r.nip) ?? 0) + r.n);
    }
    const penilaiOf = new Map([...chains.values()].map((c) => [c.nip, c.pejabatPenilai ? { id: c.pejabatPenilai.id, name: c.pejabatPenilai.name } : null]));
    return {
      agencyId,
      periodId: period.id,
      start: period.start,
      end: period.end,
      people: people
        .map((nip) => ({
          nip,
          name: nameOf.get(nip) ?? null,
          skpStatus: statuses.get(nip) ?? 'NONE',
          realisations: count.get(nip) ?? 0,
          pejabatPenilai: penilaiOf.get(nip) ?? null,
        }))
        .sort((a, b) => (a.name ?? a.nip).localeCompare(b.name ?? b.nip) || a.nip.localeCompare(b.nip)),
    };
  }
}
