import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IsoDate } from '../dates';
import { AssignmentType, PositionKind } from '../organisation.events';

export interface OrgTreePosition {
  positionId: string;
  name: string;
  kind: PositionKind;
  parentPositionId: string | null;
  /** Set when the parent position is in another agency (e.g. the Sekda in SETDA). */
  parentAgencyId: string | null;
  /** Set when the position reports to a city official (the kepala daerah). */
  parentOfficialId: string | null;
  holders: { nip: string; name: string | null; type: AssignmentType; from: IsoDate; to: IsoDate | null }[];
}

export interface OrgTreeUnit {
  unitId: string;
  name: string;
  parentUnitId: string | null;
  positions: OrgTreePosition[];
  units: OrgTreeUnit[];
}

export interface OrgTreeResponse {
  agencyId: string;
  date: IsoDate;
  units: OrgTreeUnit[];
}

/** An agency's units as a tree, each with its positions, their parent and their holders on the date. */
@Injectable()
export class GetOrgTreeQuery {
  constructor(private readonly dataSource: DataSource) {}

  async run(agencyId: string, date: IsoDate): Promise<OrgTreeResponse> {
    const [units, positions, holders] = await Promise.all([
      this.dataSource.query(`SELECT unit_id, name, parent_unit_id FROM unit_view WHERE agency_id = $1 ORDER BY unit_id`, [agencyId]),
      this.dataSource.query(
        `SELECT p.position_id, p.name, p.kind, p.unit_id, r.parent_position_id, r.parent_agency_id, r.parent_official_id
           FROM position_view p
           LEFT JOIN LATERAL (SELECT r.parent_position_id, r.parent_agency_id, r.parent_official_id FROM reporting_line_interval r
                  WHERE r.agency_id = p.agency_id AND r.position_id = p.position_id AND r.from_date <= $2
                  ORDER BY r.from_date DESC LIMIT 1) r ON true
          WHERE p.agency_id = $1 AND p.established_on <= $2 ORDER BY p.position_id`,
        [agencyId, date],
      ),
      this.dataSource.query(
        `SELECT a.position_id, a.nip, e.name, a.type, a.from_date::text AS from_date, a.to_date::text AS to_date FROM assignment_interval a
           LEFT JOIN employee_view e ON e.nip = a.nip
          WHERE a.agency_id = $1 AND a.from_date <= $2 AND (a.to_date IS NULL OR a.to_date >= $2)
          ORDER BY (a.type = 'DEFINITIVE') DESC, a.nip`,
        [agencyId, date],
      ),
    ]);
    const holdersOf = new Map<string, OrgTreePosition['holders']>();
    for (const h of holders) {
      if (!holdersOf.has(h.position_id)) holdersOf.set(h.position_id, []);
      holdersOf.get(h.position_id)!.push({ nip: h.nip, name: h.name, type: h.type, from: h.from_date, to: h.to_date });
    }
    const byUnit = new Map<string, OrgTreeUnit>();
    for (const u of units) byUnit.set(u.unit_id, { unitId: u.unit_id, name: u.name, parentUnitId: u.parent_unit_id, positions: [], units: [] });
    for (const p of positions)
      byUnit.get(p.unit_id)?.positions.push({
        positionId: p.position_id,
        name: p.name,
        kind: p.kind,
        parentPositionId: p.parent_position_id,
        parentAgencyId: p.parent_agency_id,
        parentOfficialId: p.parent_official_id,
        holders: holdersOf.get(p.position_id) ?? [],
      });
    const roots: OrgTreeUnit[] = [];
    for (const unit of byUnit.values()) {
      const parent = unit.parentUnitId ? byUnit.get(unit.parentUnitId) : undefined;
      (parent ? parent.units : roots).push(unit);
    }
    return { agencyId, date, units: roots };
  }
}
