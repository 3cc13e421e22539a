import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { forbidden } from '@kinerja/domain';
import { Actor } from '@kinerja/platform';
import { DirectoryEmployee, DirectoryUnit } from './directory.entities';

export interface UnitLookup {
  unitId: string;
  agencyId: string;
  counterIds: readonly string[];
}

export interface EmployeeLookup {
  employeeId: string;
  agencyId: string;
  unitId: string | null;
  pejabatPenilaiId: string | null;
}

/** The lookups the deciders need (STYLE §4), read from the directory before the decider runs. */
@Injectable()
export class Directory {
  constructor(private readonly dataSource: DataSource) {}

  async unit(unitId: string): Promise<UnitLookup | null> {
    const row = await this.dataSource.getRepository(DirectoryUnit).findOneBy({ unitId });
    return row && { unitId: row.unitId, agencyId: row.agencyId, counterIds: row.counterIds };
  }

  async employee(nip: string): Promise<EmployeeLookup | null> {
    const row = await this.dataSource.getRepository(DirectoryEmployee).findOneBy({ nip });
    return row && { employeeId: row.nip, agencyId: row.agencyId, unitId: row.unitId, pejabatPenilaiId: row.pejabatPenilaiNip };
  }

  /** An employee placed in a unit, as the officer acting for it. */
  async officer(actor: Actor): Promise<{ employeeId: string; unitId: string; agencyId: string }> {
    const employee = await this.employee(actor.id);
    if (!employee || !employee.unitId) throw forbidden('not_unit_officer', 'Anda tidak tercatat sebagai petugas pada unit layanan mana pun.');
    return { employeeId: employee.employeeId, unitId: employee.unitId, agencyId: employee.agencyId };
  }

  async upsertUnit(unit: { unitId: string; agencyId: string; name: string; counterIds?: readonly string[] }, now: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO directory_unit (unit_id, agency_id, name, counter_ids, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (unit_id) DO UPDATE SET agency_id = EXCLUDED.agency_id, name = EXCLUDED.name,
         counter_ids = CASE WHEN $6 THEN EXCLUDED.counter_ids ELSE directory_unit.counter_ids END, updated_at = EXCLUDED.updated_at`,
      [unit.unitId, unit.agencyId, unit.name, JSON.stringify(unit.counterIds ?? []), now, unit.counterIds !== undefined],
    );
  }

  async upsertEmployee(
    employee: { nip: string; agencyId: string; unitId?: string | null; pejabatPenilaiNip?: string | null },
    now: Date,
    query: (sql: string, parameters: unknown[]) => Promise<unknown> = (sql, p) => this.dataSource.query(sql, p),
  ): Promise<void> {
    await query(
      `INSERT INTO directory_employee (nip, agency_id, unit_id, pejabat_penilai_nip, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (nip) DO UPDATE SET agency_id = EXCLUDED.agency_id,
         unit_id = CASE WHEN $6 THEN EXCLUDED.unit_id ELSE directory_employee.unit_id END,
         pejabat_penilai_nip = CASE WHEN $7 THEN EXCLUDED.pejabat_penilai_nip ELSE directory_employee.pejabat_penilai_nip END,
         updated_at = EXCLUDED.updated_at`,
      [employee.nip, employee.agencyId, employee.unitId ?? null, employee.pejabatPenilaiNip ?? null, now, employee.unitId !== undefined, employee.pejabatPenilaiNip !== undefined],
    );
  }
}
