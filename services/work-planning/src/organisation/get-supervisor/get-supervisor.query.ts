import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IsoDate } from '../dates';
import { AssignmentType } from '../organisation.events';

export interface HeldPosition {
  agencyId: string;
  positionId: string;
  positionName: string | null;
  assignmentId: string;
  type: AssignmentType;
  from: IsoDate;
  to: IsoDate | null;
}

export interface SuperiorOnDate {
  nip: string;
  name: string | null;
  positionName: string | null;
  agencyId: string;
  /** The position whose holder this is; for an acting official, the position they act in. */
  positionId: string;
  via: AssignmentType;
}

export interface ChainOnDate {
  nip: string;
  date: IsoDate;
  positions: HeldPosition[];
  pejabatPenilai: SuperiorOnDate | null;
  atasanPejabatPenilai: SuperiorOnDate | null;
}

interface ChainRow {
  depth: number;
  agencyId: string;
  positionId: string;
  positionName: string | null;
  holders: { nip: string; type: AssignmentType; name: string | null }[];
}

/**
 * One round trip: the employee's own position on the date (definitive first), then every position
 * above it by the reporting line in force on that date, each with its holders on that date
 * (definitive first, then PLT/PLH). Indexed by NIP and by (agency, position, from).
 */
const CHAIN_SQL = `
WITH RECURSIVE held AS (
  SELECT agency_id, position_id, assignment_id, type, from_date, to_date FROM assignment_interval
   WHERE nip = $1 AND from_date <= $2 AND (to_date IS NULL OR to_date >= $2)
), own AS (
  SELECT agency_id, position_id FROM held ORDER BY (type = 'DEFINITIVE') DESC, from_date DESC LIMIT 1
), chain(depth, agency_id, position_id, path) AS (
  SELECT 0, agency_id, position_id, ARRAY[position_id] FROM own
  UNION ALL
  SELECT c.depth + 1, c.agency_id, p.parent_position_id, c.path || p.parent_position_id
    FROM chain c
    CROSS JOIN LATERAL (
      SELECT r.parent_position_id FROM reporting_line_interval r
       WHERE r.agency_id = c.agency_id AND r.position_id = c.position_id AND r.from_date <= $2
       ORDER BY r.from_date DESC LIMIT 1) p
   WHERE p.parent_position_id IS NOT NULL AND NOT (p.parent_position_id = ANY(c.path)) AND c.depth < 40
)
SELECT
  (SELECT COALESCE(json_agg(json_build_object('agencyId', h.agency_id, 'positionId', h.position_id, 'assignmentId', h.assignment_id,
            'type', h.type, 'from', h.from_date::text, 'to', h.to_date::text, 'positionName', pv.name)
          ORDER BY (h.type = 'DEFINITIVE') DESC, h.from_date DESC), '[]')
     FROM held h LEFT JOIN position_view pv ON pv.id = h.agency_id || '/' || h.position_id) AS positions,
  (SELECT COALESCE(json_agg(json_build_object('depth', c.depth, 'agencyId', c.agency_id, 'positionId', c.position_id, 'positionName', pv.name,
            'holders', COALESCE((SELECT json_agg(json_build_object('nip', a.nip, 'type', a.type, 'name', e.name)
                                                 ORDER BY (a.type = 'DEFINITIVE') DESC, a.from_date DESC)
                                   FROM assignment_interval a LEFT JOIN employee_view e ON e.nip = a.nip
                                  WHERE a.agency_id = c.agency_id AND a.position_id = c.position_id
                                    AND a.from_date <= $2 AND (a.to_date IS NULL OR a.to_date >= $2)), '[]'))
          ORDER BY c.depth), '[]')
     FROM chain c LEFT JOIN position_view pv ON pv.id = c.agency_id || '/' || c.position_id) AS chain`;

/**
 * Who was the pejabat penilai of NIP on a date, and that person's superior (docs/regulations.md §4.5): the
 * holder of the parent position (definitive, else PLT/PLH), walking up past vacant posts. Nobody
 * is their own pejabat penilai: an employee acting as PLT of their superior's post is skipped.
 * Before a position's first reporting-line entry it has no parent.
 */
@Injectable()
export class GetSupervisorQuery {
  constructor(private readonly dataSource: DataSource) {}

  async positionsOf(nip: string, date: IsoDate): Promise<HeldPosition[]> {
    const rows: { agency_id: string; position_id: string; assignment_id: string; type: AssignmentType; from_date: string; to_date: string | null }[] =
      await this.dataSource.query(
        `SELECT agency_id, position_id, assignment_id, type, from_date::text AS from_date, to_date::text AS to_date FROM assignment_interval
          WHERE nip = $1 AND from_date <= $2 AND (to_date IS NULL OR to_date >= $2)
          ORDER BY (type = 'DEFINITIVE') DESC, from_date DESC`,
        [nip, date],
      );
    return rows.map((r) => ({ agencyId: r.agency_id, positionId: r.position_id, positionName: null, assignmentId: r.assignment_id, type: r.type, from: r.from_date, to: r.to_date }));
  }

  async chainOf(nip: string, date: IsoDate): Promise<ChainOnDate> {
    const [row]: { positions: HeldPosition[]; chain: ChainRow[] }[] = await this.dataSource.query(CHAIN_SQL, [nip, date]);
    const rows = row.chain;
    const pick = (from: number, exclude: Set<string>): { depth: number; superior: SuperiorOnDate } | null => {
      for (const r of rows) {
        if (r.depth < from) continue;
        const holder = r.holders.find((h) => !exclude.has(h.nip));
        if (holder)
          return {
            depth: r.depth,
            superior: { nip: holder.nip, name: holder.name, agencyId: r.agencyId, positionId: r.positionId, positionName: r.positionName, via: holder.type },
          };
      }
      return null;
    };
    const penilai = pick(1, new Set([nip]));
    const atasan = penilai ? pick(penilai.depth + 1, new Set([nip, penilai.superior.nip])) : null;
    return { nip, date, positions: row.positions, pejabatPenilai: penilai?.superior ?? null, atasanPejabatPenilai: atasan?.superior ?? null };
  }

  /** Everyone holding a post in the agency at some time between `from` and `to`. */
  async holdersIn(agencyId: string, from: IsoDate, to: IsoDate): Promise<string[]> {
    const rows: { nip: string }[] = await this.dataSource.query(
      `SELECT DISTINCT nip FROM assignment_interval WHERE agency_id = $1 AND from_date <= $3 AND (to_date IS NULL OR to_date >= $2)`,
      [agencyId, from, to],
    );
    return rows.map((r) => r.nip);
  }

  /** Definitive assignments of NIP in other agencies: the lookup for "one definitive post at a time" across agencies. */
  async definitiveElsewhere(nip: string, agencyId: string): Promise<{ from: IsoDate; to: IsoDate | null }[]> {
    const rows: { from_date: string; to_date: string | null }[] = await this.dataSource.query(
      `SELECT from_date::text AS from_date, to_date::text AS to_date FROM assignment_interval WHERE nip = $1 AND agency_id <> $2 AND type = 'DEFINITIVE'`,
      [nip, agencyId],
    );
    return rows.map((r) => ({ from: r.from_date, to: r.to_date }));
  }

  /**
   * Everyone whose pejabat penilai on the date is `supervisorNip` (the team board): the holders of
   * the posts reporting to the supervisor's posts, and below vacant ones, each confirmed by `chainOf`.
   */
  async subordinatesOn(supervisorNip: string, date: IsoDate): Promise<string[]> {
    const rows: { nip: string }[] = await this.dataSource.query(
      `WITH RECURSIVE mine AS (
         SELECT agency_id, position_id FROM assignment_interval
          WHERE nip = $1 AND from_date <= $2 AND (to_date IS NULL OR to_date >= $2)
       ), lines AS (
         SELECT DISTINCT ON (agency_id, position_id) agency_id, position_id, parent_position_id FROM reporting_line_interval
          WHERE from_date <= $2 AND agency_id IN (SELECT agency_id FROM mine)
          ORDER BY agency_id, position_id, from_date DESC
       ), down(agency_id, position_id, depth) AS (
         SELECT l.agency_id, l.position_id, 1 FROM lines l JOIN mine m ON l.agency_id = m.agency_id AND l.parent_position_id = m.position_id
         UNION
         SELECT l.agency_id, l.position_id, d.depth + 1 FROM down d JOIN lines l ON l.agency_id = d.agency_id AND l.parent_position_id = d.position_id
          WHERE d.depth < 20 AND NOT EXISTS (
            SELECT 1 FROM assignment_interval a WHERE a.agency_id = d.agency_id AND a.position_id = d.position_id
               AND a.from_date <= $2 AND (a.to_date IS NULL OR a.to_date >= $2))
       )
       SELECT DISTINCT a.nip FROM down d JOIN assignment_interval a ON a.agency_id = d.agency_id AND a.position_id = d.position_id
        WHERE a.nip <> $1 AND a.from_date <= $2 AND (a.to_date IS NULL OR a.to_date >= $2)`,
      [supervisorNip, date],
    );
    const candidates = rows.map((r) => r.nip);
    const checked = await Promise.all(candidates.map(async (nip) => ((await this.chainOf(nip, date)).pejabatPenilai?.nip === supervisorNip ? nip : null)));
    return checked.filter((n): n is string => n !== null).sort();
  }
}
