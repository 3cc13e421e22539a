import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { oncePerRequest } from '@kinerja/platform';
import { genericPlanQuery } from '@kinerja/projections';
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
  /** The NIP of an employee, or the id of a city official (the token subject either way). */
  id: string;
  kind: 'EMPLOYEE' | 'OFFICIAL';
  /** Null for a city official (the kepala daerah is not an ASN). */
  nip: string | null;
  name: string | null;
  /** The position's name; for a city official, their office (e.g. Wali Kota). */
  positionName: string | null;
  /** Null for a city official. */
  agencyId: string | null;
  /** The position whose holder this is; for an acting official, the position they act in. Null for a city official. */
  positionId: string | null;
  /** How they hold the position; null for a city official. */
  via: AssignmentType | null;
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
  agencyId: string | null;
  positionId: string | null;
  positionName: string | null;
  officialId: string | null;
  holders: { nip: string; type: AssignmentType; name: string | null }[];
}

/**
 * One round trip for any number of NIPs: each employee's own position on the date (definitive
 * first), then every position above it by the reporting line in force on that date, each with its
 * holders on that date (definitive first, then PLT/PLH). A reporting line may lead into another
 * agency of the city or end at a city official (the kepala daerah), which closes the chain. Indexed
 * by NIP and by (agency, position, from). One row per distinct NIP asked.
 */
const CHAINS_SQL = `
WITH RECURSIVE asked AS (
  SELECT DISTINCT nip FROM unnest($1::text[]) AS a(nip)
), held AS (
  SELECT nip, agency_id, position_id, assignment_id, type, from_date, to_date FROM assignment_interval
   WHERE nip = ANY($1::text[]) AND from_date <= $2 AND (to_date IS NULL OR to_date >= $2)
), own AS (
  SELECT DISTINCT ON (nip) nip, agency_id, position_id FROM held ORDER BY nip, (type = 'DEFINITIVE') DESC, from_date DESC
), chain(nip, depth, agency_id, position_id, official_id, path) AS (
  SELECT nip, 0, agency_id, position_id, NULL::text, ARRAY[agency_id || '/' || position_id] FROM own
  UNION ALL
  SELECT c.nip, c.depth + 1,
         CASE WHEN p.parent_official_id IS NULL THEN COALESCE(p.parent_agency_id, c.agency_id) END,
         CASE WHEN p.parent_official_id IS NULL THEN p.parent_position_id END,
         p.parent_official_id,
         c.path || COALESCE('official:' || p.parent_official_id, COALESCE(p.parent_agency_id, c.agency_id) || '/' || p.parent_position_id)
    FROM chain c
    CROSS JOIN LATERAL (
      SELECT r.parent_position_id, r.parent_agency_id, r.parent_official_id FROM reporting_line_interval r
       WHERE r.agency_id = c.agency_id AND r.position_id = c.position_id AND r.from_date <= $2
       ORDER BY r.from_date DESC LIMIT 1) p
   WHERE c.official_id IS NULL AND (p.parent_position_id IS NOT NULL OR p.parent_official_id IS NOT NULL)
     AND NOT (COALESCE('official:' || p.parent_official_id, COALESCE(p.parent_agency_id, c.agency_id) || '/' || p.parent_position_id) = ANY(c.path))
     AND c.depth < 40
)
SELECT asked.nip,
  (SELECT COALESCE(json_agg(json_build_object('agencyId', h.agency_id, 'positionId', h.position_id, 'assignmentId', h.assignment_id,
            'type', h.type, 'from', h.from_date::text, 'to', h.to_date::text, 'positionName', pv.name)
          ORDER BY (h.type = 'DEFINITIVE') DESC, h.from_date DESC), '[]')
     FROM held h LEFT JOIN position_view pv ON pv.id = h.agency_id || '/' || h.position_id
    WHERE h.nip = asked.nip) AS positions,
  (SELECT COALESCE(json_agg(json_build_object('depth', c.depth, 'agencyId', c.agency_id, 'positionId', c.position_id,
            'positionName', COALESCE(pv.name, o.office), 'officialId', c.official_id,
            'holders', CASE WHEN c.official_id IS NOT NULL THEN json_build_array(json_build_object('nip', c.official_id, 'type', NULL, 'name', o.name))
              ELSE COALESCE((SELECT json_agg(json_build_object('nip', a.nip, 'type', a.type, 'name', e.name)
                                                 ORDER BY (a.type = 'DEFINITIVE') DESC, a.from_date DESC)
                                   FROM assignment_interval a LEFT JOIN employee_view e ON e.nip = a.nip
                                  WHERE a.agency_id = c.agency_id AND a.position_id = c.position_id
                                    AND a.from_date <= $2 AND (a.to_date IS NULL OR a.to_date >= $2)), '[]') END)
          ORDER BY c.depth), '[]')
     FROM chain c LEFT JOIN position_view pv ON pv.id = c.agency_id || '/' || c.position_id
                  LEFT JOIN official_view o ON o.official_id = c.official_id
    WHERE c.nip = asked.nip) AS chain
  FROM asked`;

interface ChainsRow {
  nip: string;
  positions: HeldPosition[];
  chain: ChainRow[];
}

/**
 * Who was the pejabat penilai of NIP on a date, and that person's superior (docs/regulations.md §4.5): the
 * holder of the parent position (definitive, else PLT/PLH), walking up past vacant posts, across
 * agencies where a reporting line leads into another one, up to a city official at the top. Nobody
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

  /**
   * One employee's chain, asked once per request: a command's look-up and its answer (approving an
   * SKP checks the approver against the chain, then shows the document with the same names) share
   * it. No command of this service changes the organisation and then asks this in the same request.
   */
  chainOf(nip: string, date: IsoDate): Promise<ChainOnDate> {
    return oncePerRequest(`work-planning/chain/${nip}@${date}`, async () => {
      // One employee: the generic plan of a prepared statement (see genericPlanQuery), 0.3 ms instead of ~2.
      const [row] = await genericPlanQuery<ChainsRow>(this.dataSource, 'work-planning/chain-of-one', CHAINS_SQL, [[nip], date]);
      return chainFrom(nip, date, row.positions, row.chain);
    });
  }

  /** `chainOf` for each of `nips`, in one query. */
  async chainsOf(nips: readonly string[], date: IsoDate): Promise<Map<string, ChainOnDate>> {
    const chains = new Map<string, ChainOnDate>();
    if (nips.length === 0) return chains;
    const rows: ChainsRow[] = await this.dataSource.query(CHAINS_SQL, [nips, date]);
    for (const row of rows) chains.set(row.nip, chainFrom(row.nip, date, row.positions, row.chain));
    return chains;
  }

  /** Everyone holding a post in the agency at some time between `from` and `to`. */
  async holdersIn(agencyId: string, from: IsoDate, to: IsoDate): Promise<string[]> {
    const rows: { nip: string }[] = await this.dataSource.query(
      `SELECT DISTINCT nip FROM (${this.holdersSql('$2', '$3', '$1')}) AS holders`,
      [agencyId, from, to],
    );
    return rows.map((r) => r.nip);
  }

  /**
   * SQL of who held a post in an agency (the text parameter `agency`; null: in each agency) at some
   * time between the dates (`from`, `to`): rows (agency_id, nip), for a query that counts them with
   * its own tables in one statement (SKP completion).
   */
  holdersSql(from: string, to: string, agency: string): string {
    return `SELECT DISTINCT agency_id, nip FROM assignment_interval
             WHERE (${agency}::text IS NULL OR agency_id = ${agency}) AND from_date <= ${to}::date AND (to_date IS NULL OR to_date >= ${from}::date)`;
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
   * Everyone whose pejabat penilai on the date is `supervisorId` (the team board; a NIP or a city
   * official's id): the holders of the posts reporting to the supervisor's posts (in any agency) or
   * to the official, and below vacant ones, each confirmed by its chain (`chainsOf`, one query for all).
   */
  async subordinatesOn(supervisorId: string, date: IsoDate): Promise<string[]> {
    const rows: { nip: string }[] = await this.dataSource.query(
      `WITH RECURSIVE mine AS (
         SELECT agency_id, position_id FROM assignment_interval
          WHERE nip = $1 AND from_date <= $2 AND (to_date IS NULL OR to_date >= $2)
       ), pointing AS (
         -- OFFSET 0 keeps each LATERAL a per-row index look-up: the planner, expecting many of mine,
         -- would otherwise scan the whole table (20,000 posts) to hash or merge.
         -- Posts with a line (in force or not) to one of mine, by the parent index; or to the official
         -- (scanned only when the supervisor holds no post here or is a registered official).
         SELECT r.agency_id, r.position_id FROM mine m
          CROSS JOIN LATERAL (
            SELECT x.agency_id, x.position_id FROM reporting_line_interval x
             WHERE x.parent_position_id = m.position_id AND COALESCE(x.parent_agency_id, x.agency_id) = m.agency_id AND x.from_date <= $2
            OFFSET 0) r
         UNION
         SELECT r.agency_id, r.position_id FROM reporting_line_interval r
          WHERE r.parent_official_id = $1 AND r.from_date <= $2
            AND (NOT EXISTS (SELECT 1 FROM mine) OR EXISTS (SELECT 1 FROM official_view o WHERE o.official_id = $1))
       ), top AS (
         -- ...whose line in force on the date still leads to me.
         SELECT p.agency_id, p.position_id FROM pointing p
          CROSS JOIN LATERAL (
            SELECT COALESCE(x.parent_agency_id, x.agency_id) AS parent_agency_id, x.parent_position_id, x.parent_official_id
              FROM reporting_line_interval x
             WHERE x.agency_id = p.agency_id AND x.position_id = p.position_id AND x.from_date <= $2
             ORDER BY x.from_date DESC LIMIT 1) l
          WHERE l.parent_official_id = $1
             OR (l.parent_official_id IS NULL AND EXISTS (SELECT 1 FROM mine m WHERE m.agency_id = l.parent_agency_id AND m.position_id = l.parent_position_id))
       ), down(agency_id, position_id, depth) AS (
         SELECT agency_id, position_id, 1 FROM top
         UNION
         SELECT r.agency_id, r.position_id, d.depth + 1 FROM down d
           CROSS JOIN LATERAL (
             SELECT DISTINCT ON (x.agency_id, x.position_id) x.agency_id, x.position_id, COALESCE(x.parent_agency_id, x.agency_id) AS parent_agency_id, x.parent_position_id
               FROM reporting_line_interval x
              WHERE x.from_date <= $2 AND x.parent_position_id = d.position_id AND COALESCE(x.parent_agency_id, x.agency_id) = d.agency_id
              ORDER BY x.agency_id, x.position_id, x.from_date DESC) r
          WHERE d.depth < 20 AND NOT EXISTS (
            SELECT 1 FROM assignment_interval a WHERE a.agency_id = d.agency_id AND a.position_id = d.position_id
               AND a.from_date <= $2 AND (a.to_date IS NULL OR a.to_date >= $2))
       )
       SELECT DISTINCT a.nip FROM down d
        CROSS JOIN LATERAL (
          SELECT nip FROM assignment_interval a
           WHERE a.agency_id = d.agency_id AND a.position_id = d.position_id AND a.from_date <= $2 AND (a.to_date IS NULL OR a.to_date >= $2)
          OFFSET 0) a
        WHERE a.nip <> $1`,
      [supervisorId, date],
    );
    const chains = await this.chainsOf(rows.map((r) => r.nip), date);
    return [...chains.values()].filter((c) => c.pejabatPenilai?.id === supervisorId).map((c) => c.nip).sort();
  }
}

/** The pejabat penilai and their superior from the positions above the employee's own (ChainRow, by depth). */
function chainFrom(nip: string, date: IsoDate, positions: HeldPosition[], rows: ChainRow[]): ChainOnDate {
  const pick = (from: number, exclude: Set<string>): { depth: number; superior: SuperiorOnDate } | null => {
    for (const r of rows) {
      if (r.depth < from) continue;
      const holder = r.holders.find((h) => !exclude.has(h.nip));
      if (holder && r.officialId !== null)
        return {
          depth: r.depth,
          superior: { id: r.officialId, kind: 'OFFICIAL', nip: null, name: holder.name, agencyId: null, positionId: null, positionName: r.positionName, via: null },
        };
      if (holder)
        return {
          depth: r.depth,
          superior: { id: holder.nip, kind: 'EMPLOYEE', nip: holder.nip, name: holder.name, agencyId: r.agencyId, positionId: r.positionId, positionName: r.positionName, via: holder.type },
        };
    }
    return null;
  };
  const penilai = pick(1, new Set([nip]));
  const atasan = penilai ? pick(penilai.depth + 1, new Set([nip, penilai.superior.id])) : null;
  return { nip, date, positions, pejabatPenilai: penilai?.superior ?? null, atasanPejabatPenilai: atasan?.superior ?? null };
}
