import { Injectable } from '@nestjs/common';
import { forbidden, notFound } from '@kinerja/domain';
import { Actor } from '@kinerja/platform';
import { IsoDate } from '../organisation/dates';
import { ChainOnDate, GetSupervisorQuery } from '../organisation/get-supervisor/get-supervisor.query';
import { GetEmployeeQuery, mayReadEmployee } from './get-employee/get-employee.query';

export type SupervisorOnDateResponse = Omit<ChainOnDate, 'positions'> & {
  positions: Omit<ChainOnDate['positions'][number], 'assignmentId'>[];
};

/**
 * "Who was the pejabat penilai of NIP on date D, and who was that person's superior": one indexed
 * query on the assignment and reporting-line intervals (GetSupervisorQuery). Readable by the
 * employee, their agency admin, city admins, auditors, and the two superiors named in the answer.
 */
@Injectable()
export class GetSupervisorOnDateQuery {
  constructor(
    private readonly employees: GetEmployeeQuery,
    private readonly supervisor: GetSupervisorQuery,
  ) {}

  async run(nip: string, date: IsoDate, actor: Actor): Promise<SupervisorOnDateResponse> {
    const [employee, chain] = await Promise.all([this.employees.find(nip), this.supervisor.chainOf(nip, date)]);
    if (!employee) throw notFound('EMPLOYEE_NOT_FOUND', `Pegawai dengan NIP ${nip} tidak ditemukan.`);
    const allowed =
      mayReadEmployee(actor, employee) || actor.id === chain.pejabatPenilai?.id || actor.id === chain.atasanPejabatPenilai?.id;
    if (!allowed) throw forbidden('EMPLOYEE_READ_FORBIDDEN', 'Anda tidak berwenang melihat data pegawai ini.');
    return { ...chain, positions: chain.positions.map(({ assignmentId: _a, ...p }) => p) };
  }
}
