import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { forbidden } from '@kinerja/domain';
import { Actor } from '@kinerja/platform';
import { IsoDate } from '../../organisation/dates';
import { SkpState, SkpStatus } from '../skp.decider';

export interface EmployeeSkpItem {
  skpId: string;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  status: SkpStatus;
  /** Approved versions. */
  versions: number;
  returnNotes: string | null;
  updatedAt: string;
}

/** An employee's SKPs, newest period first: the employee, their agency admin, city admins and auditors. */
@Injectable()
export class GetEmployeeSkpsQuery {
  constructor(private readonly dataSource: DataSource) {}

  async run(nip: string, actor: Actor): Promise<{ nip: string; skps: EmployeeSkpItem[] }> {
    const rows: { skp_id: string; agency_id: string; period_start: string; period_end: string; status: SkpStatus; versions: number; state: SkpState; updated_at: Date }[] =
      await this.dataSource.query(
        `SELECT skp_id, agency_id, period_start::text AS period_start, period_end::text AS period_end, status, versions, state, updated_at
           FROM skp_view WHERE nip = $1 ORDER BY period_start DESC`,
        [nip],
      );
    const allowed =
      actor.id === nip ||
      actor.role === 'ADMIN_CITY' ||
      actor.role === 'AUDITOR' ||
      (actor.role === 'ADMIN_OPD' && rows.length > 0 && rows.every((r) => r.agency_id === actor.agencyId));
    if (!allowed) throw forbidden('SKP_READ_FORBIDDEN', 'Anda tidak berwenang melihat SKP pegawai ini.');
    return {
      nip,
      skps: rows.map((r) => ({
        skpId: r.skp_id,
        periodStart: r.period_start,
        periodEnd: r.period_end,
        status: r.status,
        versions: r.versions,
        returnNotes: r.state.status === 'NONE' ? null : r.state.returnNotes,
        updatedAt: new Date(r.updated_at).toISOString(),
      })),
    };
  }
}
