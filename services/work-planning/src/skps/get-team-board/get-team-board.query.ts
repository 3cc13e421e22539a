import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IsoDate } from '../../organisation/dates';
import { GetSupervisorQuery } from '../../organisation/get-supervisor/get-supervisor.query';
import { unresolvedLinks } from '../rhk-links';
import { isJpt, SkpState } from '../skp.decider';

export interface TeamBoardEntry {
  nip: string;
  nama: string | null;
  skpId: string | null;
  /** NONE: no SKP for the period yet. */
  status: string;
  versions: number;
  unresolvedLinks: { rhkId: string; flag: string }[];
}

/**
 * A supervisor's team on a date: everyone whose pejabat penilai they are then (per the organisation
 * as of that date), with the SKP of the period covering that date and its unresolved links.
 */
@Injectable()
export class GetTeamBoardQuery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organisation: GetSupervisorQuery,
  ) {}

  async run(supervisorNip: string, date: IsoDate): Promise<{ supervisorNip: string; date: IsoDate; team: TeamBoardEntry[] }> {
    const nips = await this.organisation.subordinatesOn(supervisorNip, date);
    if (nips.length === 0) return { supervisorNip, date, team: [] };
    const rows: { nip: string; name: string | null; skp_id: string | null; status: string | null; versions: number | null; state: SkpState | null }[] =
      await this.dataSource.query(
        `SELECT n.nip, e.name, s.skp_id, s.status, s.versions, s.state
           FROM unnest($1::text[]) AS n(nip)
           LEFT JOIN employee_view e ON e.nip = n.nip
           LEFT JOIN LATERAL (SELECT * FROM skp_view s WHERE s.nip = n.nip AND s.period_start <= $2 AND s.period_end >= $2
                               ORDER BY s.period_start DESC LIMIT 1) s ON true
          ORDER BY n.nip`,
        [nips, date],
      );
    const linked = rows.flatMap((r) =>
      r.state && r.state.status !== 'NONE' ? r.state.rhk.flatMap((k) => (k.link?.kind === 'ATASAN_RHK' ? [`${k.link.skpId}/${k.link.rhkId}`] : [])) : [],
    );
    const targets: { id: string; approved: boolean }[] = linked.length
      ? await this.dataSource.query(`SELECT id, approved FROM rhk_view WHERE id = ANY($1)`, [linked])
      : [];
    const statusOf = new Map(targets.map((t) => [t.id, t.approved ? ('APPROVED' as const) : ('DRAFT' as const)]));
    return {
      supervisorNip,
      date,
      team: rows.map((r) => ({
        nip: r.nip,
        nama: r.name,
        skpId: r.skp_id,
        status: r.status ?? 'NONE',
        versions: r.versions ?? 0,
        unresolvedLinks:
          r.state && r.state.status !== 'NONE'
            ? unresolvedLinks(r.state.rhk, isJpt(r.state.header.positionKind), (k) => statusOf.get(k) ?? 'MISSING')
            : [],
      })),
    };
  }
}
