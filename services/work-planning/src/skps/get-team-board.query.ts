import { Injectable } from '@nestjs/common';
import { GetEmployeeQuery } from '../employees/get-employee/get-employee.query';
import { IsoDate } from '../organisation/dates';
import { GetSupervisorQuery } from '../organisation/get-supervisor/get-supervisor.query';
import { GetCascadeQuery } from './get-cascade/get-cascade.query';
import { GetSkpQuery } from './get-skp/get-skp.query';
import { linkedKeys, unresolvedLinks } from './rhk-links.rules';
import { isJpt } from './skp.decider';

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
    private readonly organisation: GetSupervisorQuery,
    private readonly employees: GetEmployeeQuery,
    private readonly skps: GetSkpQuery,
    private readonly rhk: GetCascadeQuery,
  ) {}

  async run(supervisorNip: string, date: IsoDate): Promise<{ supervisorNip: string; date: IsoDate; team: TeamBoardEntry[] }> {
    const nips = [...(await this.organisation.subordinatesOn(supervisorNip, date))].sort();
    if (nips.length === 0) return { supervisorNip, date, team: [] };
    const [names, skps] = await Promise.all([this.employees.namesOf(nips), this.skps.coveringOf(nips, date)]);
    const linked = [...skps.values()].flatMap(({ state }) => (state.status !== 'NONE' ? linkedKeys(state.rhk) : []));
    const linkedRhks = await this.rhk.rhksOf(linked);
    const statusOf = (id: string) => linkedRhks.get(id)?.status;
    return {
      supervisorNip,
      date,
      team: nips.map((nip) => {
        const skp = skps.get(nip);
        return {
          nip,
          nama: names.get(nip) ?? null,
          skpId: skp?.skpId ?? null,
          status: skp?.status ?? 'NONE',
          versions: skp?.versions ?? 0,
          unresolvedLinks: skp && skp.state.status !== 'NONE' ? unresolvedLinks(skp.state.rhk, isJpt(skp.state.header.positionKind), statusOf) : [],
        };
      }),
    };
  }
}
