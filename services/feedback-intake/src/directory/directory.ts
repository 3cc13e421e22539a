import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { parsePeriod } from '@kinerja/contracts';
import { forbidden } from '@kinerja/domain';
import { Actor, Clock, CLOCK } from '@kinerja/platform';
import { FeedbackIntakeConfig } from '../config';
import { localDateOf } from '../sla/working-calendar.rules';
import { FEEDBACK_INTAKE_CONFIG } from '../tokens';
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
  /** As entered by a directory admin; `pejabatPenilaiOn` prefers the organisation's reporting lines. */
  pejabatPenilaiId: string | null;
}

/** A unit as anyone may read it in the public directory. */
export interface PublicUnit {
  unitId: string;
  agencyId: string;
  agencyName: string | null;
  name: string;
  /** What the unit serves, as its admin describes it; null until described. */
  services: string | null;
  counterIds: readonly string[];
}

/** Posts that lead a unit (PermenPANRB 6/2022: JPT, administrator, pengawas); pelaksana and fungsional do not. */
const STRUCTURAL_KINDS: readonly string[] = ['JPT_PRATAMA', 'ADMINISTRATOR', 'PENGAWAS'];

interface Placement {
  agencyId: string;
  positionId: string;
}

/**
 * The lookups the deciders need (STYLE §4), read before the decider runs: first from
 * work-planning's organisation as it was on the date (consumed events), else from the directory
 * admin entries.
 */
@Injectable()
export class Directory {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(FEEDBACK_INTAKE_CONFIG) private readonly config: FeedbackIntakeConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Today in the city's zone. */
  today(): string {
    return localDateOf(this.clock.now(), this.config.calendar.timeZone);
  }

  /** The date a period's relations are read on: today while in the period's year, else its first or last day. */
  dateInPeriod(periodId: string): string {
    const period = parsePeriod(periodId) ?? parsePeriod(periodId.slice(0, 4));
    const today = this.today();
    if (!period) return today;
    return today < period.start ? period.start : today > period.end ? period.end : today;
  }

  /**
   * The pejabat penilai of `nip` on `date` as work-planning defines it: the holder of the parent
   * position (definitive, else PLT/PLH), walking up past vacant posts, never the employee, across
   * agencies where a reporting line leads into another one, up to a city official (the kepala
   * daerah, by id); from the directory admin entry when the organisation does not place the employee.
   */
  async pejabatPenilaiOn(nip: string, date: string): Promise<string | null> {
    const placement = await this.placementOn(nip, date);
    if (!placement) return (await this.employee(nip))?.pejabatPenilaiId ?? null;
    let parent = await this.parentOn(placement, date);
    for (let depth = 0; parent && depth < 50; depth++) {
      if ('officialId' in parent) return parent.officialId;
      const holders: { nip: string }[] = await this.dataSource.query(
        `SELECT nip FROM org_assignment
         WHERE agency_id = $1 AND position_id = $2 AND from_date <= $3 AND (to_date IS NULL OR to_date >= $3) AND nip <> $4
         ORDER BY (type = 'DEFINITIVE') DESC, from_date DESC, assignment_id LIMIT 1`,
        [parent.agencyId, parent.positionId, date, nip],
      );
      if (holders[0]) return holders[0].nip;
      parent = await this.parentOn(parent, date);
    }
    return null;
  }

  /** The employee as placed on `date`: agency, level (the position's kind) and direct supervisor; null when not placed. */
  async colleagueOn(nip: string, date: string): Promise<{ employeeId: string; agencyId: string; level: string; directSupervisorId: string | null } | null> {
    const placement = await this.placementOn(nip, date);
    if (!placement) return null;
    const rows: { kind: string }[] = await this.dataSource.query(`SELECT kind FROM org_position WHERE agency_id = $1 AND position_id = $2`, [placement.agencyId, placement.positionId]);
    if (!rows[0]) return null;
    return { employeeId: nip, agencyId: placement.agencyId, level: rows[0].kind, directSupervisorId: await this.pejabatPenilaiOn(nip, date) };
  }

  async agencyFeedbackSettings(agencyId: string): Promise<{ peerFeedbackEnabled: boolean; subordinateFeedbackEnabled: boolean }> {
    const rows: { peer_feedback_enabled: boolean; subordinate_feedback_enabled: boolean }[] = await this.dataSource.query(
      `SELECT peer_feedback_enabled, subordinate_feedback_enabled FROM agency_feedback_settings WHERE agency_id = $1`,
      [agencyId],
    );
    return { peerFeedbackEnabled: rows[0]?.peer_feedback_enabled ?? false, subordinateFeedbackEnabled: rows[0]?.subordinate_feedback_enabled ?? false };
  }

  async setAgencyFeedbackSettings(agencyId: string, settings: { peerFeedbackEnabled: boolean; subordinateFeedbackEnabled: boolean }, by: string, now: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO agency_feedback_settings (agency_id, peer_feedback_enabled, subordinate_feedback_enabled, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (agency_id) DO UPDATE SET peer_feedback_enabled = EXCLUDED.peer_feedback_enabled,
         subordinate_feedback_enabled = EXCLUDED.subordinate_feedback_enabled, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
      [agencyId, settings.peerFeedbackEnabled, settings.subordinateFeedbackEnabled, by, now],
    );
  }

  /** The RHK as the employee's approved SKP covering the period holds it; null when unknown. */
  async rhk(nip: string, rhkId: string, periodId: string): Promise<{ rhkId: string; employeeId: string; periodId: string } | null> {
    const date = this.dateInPeriod(periodId);
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM skp_plan WHERE nip = $1 AND period_start <= $2 AND period_end >= $2 AND rhk_ids ? $3 LIMIT 1`,
      [nip, date, rhkId],
    );
    return rows.length ? { rhkId, employeeId: nip, periodId } : null;
  }

  /** The agency the organisation places the employee in on `date`; null when it does not. */
  async agencyOn(nip: string, date: string): Promise<string | null> {
    return (await this.placementOn(nip, date))?.agencyId ?? null;
  }

  private async placementOn(nip: string, date: string): Promise<Placement | null> {
    const rows: { agency_id: string; position_id: string }[] = await this.dataSource.query(
      `SELECT agency_id, position_id FROM org_assignment
       WHERE nip = $1 AND from_date <= $2 AND (to_date IS NULL OR to_date >= $2)
       ORDER BY (type = 'DEFINITIVE') DESC, from_date DESC, assignment_id LIMIT 1`,
      [nip, date],
    );
    return rows[0] ? { agencyId: rows[0].agency_id, positionId: rows[0].position_id } : null;
  }

  private async parentOn(position: Placement, date: string): Promise<Placement | { officialId: string } | null> {
    const rows: { parent_position_id: string | null; parent_agency_id: string | null; parent_official_id: string | null }[] = await this.dataSource.query(
      `SELECT parent_position_id, parent_agency_id, parent_official_id FROM org_reporting_line
        WHERE agency_id = $1 AND position_id = $2 AND effective_from <= $3
       ORDER BY effective_from DESC LIMIT 1`,
      [position.agencyId, position.positionId, date],
    );
    const row = rows[0];
    if (row?.parent_official_id) return { officialId: row.parent_official_id };
    if (!row?.parent_position_id) return null;
    return { agencyId: row.parent_agency_id ?? position.agencyId, positionId: row.parent_position_id };
  }

  /** The unit the employee serves in today: their position's unit, else the directory entry. */
  private async unitToday(nip: string, fallback: string | null): Promise<string | null> {
    const placement = await this.placementOn(nip, this.today());
    if (!placement) return fallback;
    const rows: { unit_id: string }[] = await this.dataSource.query(`SELECT unit_id FROM org_position WHERE agency_id = $1 AND position_id = $2`, [
      placement.agencyId,
      placement.positionId,
    ]);
    return rows[0]?.unit_id ?? fallback;
  }

  /**
   * Who heads a unit on `date`: for each top position of the unit (its reporting line leads out of
   * the unit, or nowhere), its holder when it is a structural post (JPT, administrator, pengawas),
   * else the holder of the nearest occupied post above it: a unit of staff only is headed by
   * whoever leads them. Definitive holders first, else PLT/PLH; empty when vacant or unknown.
   */
  async headsOfUnit(unitId: string, date: string): Promise<string[]> {
    const tops: { agency_id: string; position_id: string; kind: string; parent_position_id: string | null }[] = await this.dataSource.query(
      `SELECT p.agency_id, p.position_id, p.kind, line.parent_position_id FROM org_position p
       LEFT JOIN LATERAL (SELECT l.parent_position_id FROM org_reporting_line l
         WHERE l.agency_id = p.agency_id AND l.position_id = p.position_id AND l.effective_from <= $2 ORDER BY l.effective_from DESC LIMIT 1) line ON true
       LEFT JOIN org_position parent ON parent.agency_id = p.agency_id AND parent.position_id = line.parent_position_id
       WHERE p.unit_id = $1 AND (parent.unit_id IS NULL OR parent.unit_id <> p.unit_id)`,
      [unitId, date],
    );
    const heads = new Set<string>();
    for (const top of tops) {
      let positionId: string | null = STRUCTURAL_KINDS.includes(top.kind) ? top.position_id : top.parent_position_id;
      for (let depth = 0; positionId && depth < 50; depth++) {
        const holder = await this.holderOf({ agencyId: top.agency_id, positionId }, date);
        if (holder) {
          heads.add(holder);
          break;
        }
        const parent = await this.parentOn({ agencyId: top.agency_id, positionId }, date);
        // A unit's head is found within its agency; a post above it elsewhere (the Sekda) or a city official is not the unit's head.
        positionId = parent !== null && !('officialId' in parent) && parent.agencyId === top.agency_id ? parent.positionId : null;
      }
    }
    return [...heads].sort();
  }

  private async holderOf(position: Placement, date: string): Promise<string | null> {
    const holders: { nip: string }[] = await this.dataSource.query(
      `SELECT nip FROM org_assignment WHERE agency_id = $1 AND position_id = $2 AND from_date <= $3 AND (to_date IS NULL OR to_date >= $3)
       ORDER BY (type = 'DEFINITIVE') DESC, from_date DESC, assignment_id LIMIT 1`,
      [position.agencyId, position.positionId, date],
    );
    return holders[0]?.nip ?? null;
  }

  /** Units as the public directory shows them (agency, name, what the unit serves), by name; `q` searches unit, services and agency. */
  async publicUnits(filter: { q?: string; agencyId?: string; limit: number; offset: number }): Promise<{ total: number; units: PublicUnit[] }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.agencyId) {
      params.push(filter.agencyId);
      where.push(`u.agency_id = $${params.length}`);
    }
    if (filter.q) {
      params.push(`%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(u.name ILIKE $${params.length} OR u.services ILIKE $${params.length} OR a.name ILIKE $${params.length})`);
    }
    const from = `FROM directory_unit u LEFT JOIN directory_agency a ON a.agency_id = u.agency_id ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    const [{ total }]: { total: number }[] = await this.dataSource.query(`SELECT count(*)::int AS total ${from}`, params);
    const rows: { unit_id: string; agency_id: string; agency_name: string | null; name: string; services: string | null; counter_ids: string[] }[] = await this.dataSource.query(
      `SELECT u.unit_id, u.agency_id, a.name AS agency_name, u.name, u.services, u.counter_ids ${from}
       ORDER BY a.name NULLS LAST, u.name, u.unit_id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit, filter.offset],
    );
    return {
      total,
      units: rows.map((r) => ({ unitId: r.unit_id, agencyId: r.agency_id, agencyName: r.agency_name, name: r.name, services: r.services, counterIds: r.counter_ids })),
    };
  }

  async publicUnit(unitId: string): Promise<PublicUnit | null> {
    const rows: { unit_id: string; agency_id: string; agency_name: string | null; name: string; services: string | null; counter_ids: string[] }[] = await this.dataSource.query(
      `SELECT u.unit_id, u.agency_id, a.name AS agency_name, u.name, u.services, u.counter_ids FROM directory_unit u LEFT JOIN directory_agency a ON a.agency_id = u.agency_id WHERE u.unit_id = $1`,
      [unitId],
    );
    const r = rows[0];
    return r ? { unitId: r.unit_id, agencyId: r.agency_id, agencyName: r.agency_name, name: r.name, services: r.services, counterIds: r.counter_ids } : null;
  }

  async unit(unitId: string): Promise<UnitLookup | null> {
    const row = await this.dataSource.getRepository(DirectoryUnit).findOneBy({ unitId });
    return row && { unitId: row.unitId, agencyId: row.agencyId, counterIds: row.counterIds };
  }

  async employee(nip: string): Promise<EmployeeLookup | null> {
    const row = await this.dataSource.getRepository(DirectoryEmployee).findOneBy({ nip });
    return row && { employeeId: row.nip, agencyId: row.agencyId, unitId: await this.unitToday(nip, row.unitId), pejabatPenilaiId: row.pejabatPenilaiNip };
  }

  /** An employee placed in a unit, as the officer acting for it. */
  async officer(actor: Actor): Promise<{ employeeId: string; unitId: string; agencyId: string }> {
    const employee = await this.employee(actor.id);
    if (!employee || !employee.unitId) throw forbidden('NOT_UNIT_OFFICER', 'Anda tidak tercatat sebagai petugas pada unit layanan mana pun.');
    return { employeeId: employee.employeeId, unitId: employee.unitId, agencyId: employee.agencyId };
  }

  async upsertUnit(unit: { unitId: string; agencyId: string; name: string; counterIds?: readonly string[]; services?: string | null }, now: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO directory_unit (unit_id, agency_id, name, counter_ids, services, updated_at) VALUES ($1, $2, $3, $4, $7, $5)
       ON CONFLICT (unit_id) DO UPDATE SET agency_id = EXCLUDED.agency_id, name = EXCLUDED.name,
         counter_ids = CASE WHEN $6 THEN EXCLUDED.counter_ids ELSE directory_unit.counter_ids END,
         services = CASE WHEN $8 THEN EXCLUDED.services ELSE directory_unit.services END, updated_at = EXCLUDED.updated_at`,
      [unit.unitId, unit.agencyId, unit.name, JSON.stringify(unit.counterIds ?? []), now, unit.counterIds !== undefined, unit.services ?? null, unit.services !== undefined],
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
