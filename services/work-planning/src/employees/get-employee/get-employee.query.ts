import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { forbidden, notFound } from '@kinerja/domain';
import { Actor } from '@kinerja/platform';
import { rowsByKey } from '@kinerja/projections';
import { EmployeeView } from './employee-view.entity';
import { EmployeeSummary } from './employee-view.projection';

export type EmployeeResponse = EmployeeSummary & {
  /** TMT golongan (YYYY-MM-DD). */
  tmtGolongan: string | null;
  /** Work e-mail for notifications. */
  email: string | null;
  birthDate: string;
  gender: string;
  appointment: { year: number; month: number | null };
  registeredAt: string;
};

/** The employee themself, the HR admin of their agency, and city-wide admins and auditors. */
export function mayReadEmployee(actor: Actor, employee: { nip: string; agencyId: string }): boolean {
  if (actor.role === 'ADMIN_CITY' || actor.role === 'AUDITOR') return true;
  if (actor.role === 'ADMIN_OPD') return actor.agencyId === employee.agencyId;
  return actor.id === employee.nip;
}

@Injectable()
export class GetEmployeeQuery {
  constructor(private readonly dataSource: DataSource) {}

  /** The employee's row, or null. */
  find(nip: string): Promise<EmployeeView | null> {
    return rowsByKey(this.dataSource, EmployeeView, [nip]).then(([row]) => row ?? null);
  }

  /** Names of these employees (those registered). */
  async namesOf(nips: readonly string[]): Promise<Map<string, string>> {
    const rows = await rowsByKey(this.dataSource, EmployeeView, nips);
    return new Map(rows.map((r) => [r.nip, r.name]));
  }

  async run(nip: string, actor: Actor): Promise<EmployeeResponse> {
    const row = await this.find(nip);
    // The employee asking for their own record learns whether it exists; others must be allowed first.
    if (!row) {
      if (actor.id === nip || actor.role === 'ADMIN_CITY' || actor.role === 'AUDITOR' || actor.role === 'ADMIN_OPD') {
        throw notFound('EMPLOYEE_NOT_FOUND', `Pegawai dengan NIP ${nip} tidak ditemukan.`);
      }
      throw forbidden('EMPLOYEE_READ_FORBIDDEN', 'Anda tidak berwenang melihat data pegawai ini.');
    }
    if (!mayReadEmployee(actor, row)) throw forbidden('EMPLOYEE_READ_FORBIDDEN', 'Anda tidak berwenang melihat data pegawai ini.');
    return {
      nip: row.nip,
      name: row.name,
      status: row.status,
      agencyId: row.agencyId,
      pangkat: row.pangkat,
      golongan: row.golongan,
      tmtGolongan: row.tmtGolongan,
      email: row.email,
      birthDate: row.birthDate,
      gender: row.gender,
      appointment: { year: row.appointmentYear, month: row.appointmentMonth },
      registeredAt: row.registeredAt.toISOString(),
    };
  }
}
