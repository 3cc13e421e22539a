import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { forbidden, notFound } from '@kinerja/domain';
import { Actor } from '@kinerja/platform';
import { IsoDate } from '../../organisation/dates';
import { GetSupervisorQuery, SuperiorOnDate } from '../../organisation/get-supervisor/get-supervisor.query';
import { AssignmentType } from '../../organisation/organisation.events';
import { mayReadEmployee } from '../get-employee/get-employee.query';

export interface PersonOnDate {
  nip: string;
  name: string | null;
  agencyId: string;
  positionId: string;
  positionName: string | null;
  via: AssignmentType;
}

export interface SupervisorOnDateResponse {
  nip: string;
  date: IsoDate;
  positions: { agencyId: string; positionId: string; positionName: string | null; type: AssignmentType; from: IsoDate; to: IsoDate | null }[];
  pejabatPenilai: PersonOnDate | null;
  atasanPejabatPenilai: PersonOnDate | null;
}

/**
 * "Who was the pejabat penilai of NIP on date D, and who was that person's superior": read from the
 * assignment and reporting-line intervals (see GetSupervisorQuery), names from the employee and
 * position views. Readable by the employee, their agency admin, city admins, auditors, and the two
 * superiors named in the answer.
 */
@Injectable()
export class GetSupervisorOnDateQuery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly supervisor: GetSupervisorQuery,
  ) {}

  async run(nip: string, date: IsoDate, actor: Actor): Promise<SupervisorOnDateResponse> {
    const [employee] = await this.dataSource.query(`SELECT nip, agency_id AS "agencyId" FROM employee_view WHERE nip = $1`, [nip]);
    if (!employee) throw notFound('EMPLOYEE_NOT_FOUND', `Pegawai dengan NIP ${nip} tidak ditemukan.`);
    const chain = await this.supervisor.chainOf(nip, date);
    const allowed =
      mayReadEmployee(actor, employee) || actor.id === chain.pejabatPenilai?.nip || actor.id === chain.atasanPejabatPenilai?.nip;
    if (!allowed) throw forbidden('EMPLOYEE_READ_FORBIDDEN', 'Anda tidak berwenang melihat data pegawai ini.');
    const names = await this.names(
      [chain.pejabatPenilai?.nip, chain.atasanPejabatPenilai?.nip].filter((n): n is string => !!n),
      [...chain.positions, chain.pejabatPenilai, chain.atasanPejabatPenilai].filter((p): p is SuperiorOnDate => !!p),
    );
    const person = (s: SuperiorOnDate | null): PersonOnDate | null =>
      s && { ...s, name: names.people.get(s.nip) ?? null, positionName: names.positions.get(`${s.agencyId}/${s.positionId}`) ?? null };
    return {
      nip,
      date,
      positions: chain.positions.map((p) => ({
        agencyId: p.agencyId,
        positionId: p.positionId,
        positionName: names.positions.get(`${p.agencyId}/${p.positionId}`) ?? null,
        type: p.type,
        from: p.from,
        to: p.to,
      })),
      pejabatPenilai: person(chain.pejabatPenilai),
      atasanPejabatPenilai: person(chain.atasanPejabatPenilai),
    };
  }

  private async names(nips: string[], positions: { agencyId: string; positionId: string }[]) {
    const [people, posts] = await Promise.all([
      nips.length ? this.dataSource.query(`SELECT nip, name FROM employee_view WHERE nip = ANY($1)`, [nips]) : [],
      positions.length
        ? this.dataSource.query(`SELECT id, name FROM position_view WHERE id = ANY($1)`, [positions.map((p) => `${p.agencyId}/${p.positionId}`)])
        : [],
    ]);
    return {
      people: new Map<string, string>(people.map((p: { nip: string; name: string }) => [p.nip, p.name])),
      positions: new Map<string, string>(posts.map((p: { id: string; name: string }) => [p.id, p.name])),
    };
  }
}
