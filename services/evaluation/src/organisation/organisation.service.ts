import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LocalDate } from '../local-date';
import { applyOrganisationFact, OrganisationFact } from './organisation-facts';
import { OrgChart } from './org-chart.rules';

/** Reads and writes the local organisation copy (tables `org_*`, see the migration). */
@Injectable()
export class OrganisationDirectory {
  constructor(private readonly dataSource: DataSource) {}

  /** The agency's organisation as it was on the date. */
  async chartOf(agencyId: string, date: LocalDate): Promise<OrgChart> {
    const [units, positions, lines, assignments] = await Promise.all([
      this.dataSource.query(`SELECT unit_id AS "unitId", name, parent_unit_id AS "parentUnitId" FROM org_unit WHERE agency_id = $1`, [agencyId]),
      this.dataSource.query(`SELECT position_id AS "positionId", name, unit_id AS "unitId" FROM org_position WHERE agency_id = $1`, [agencyId]),
      this.dataSource.query(
        `SELECT position_id AS "positionId", effective_from AS "effectiveFrom", parent_position_id AS "parentPositionId"
         FROM org_reporting_line WHERE agency_id = $1`,
        [agencyId],
      ),
      this.dataSource.query(
        `SELECT assignment_id AS "assignmentId", nip, position_id AS "positionId", type, from_date AS "from", to_date AS "to"
         FROM org_assignment WHERE agency_id = $1 AND from_date <= $2 AND (to_date IS NULL OR to_date >= $2)`,
        [agencyId, date],
      ),
    ]);
    return new OrgChart(agencyId, units, positions, lines, assignments, date);
  }

  /** Applies facts in one transaction: all or nothing. */
  async apply(facts: readonly OrganisationFact[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      for (const fact of facts) await applyOrganisationFact((sql, parameters) => manager.query(sql, parameters), fact);
    });
  }
}
