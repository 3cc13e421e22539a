import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LocalDate } from '../local-date';
import { applyOrganisationFact, OrganisationFact } from './organisation-facts';
import { ExternalOrg, officialParent, OrgAssignmentRow, OrgChart, OrgPositionRow, OrgReportingLineRow } from './org-chart.rules';

/** Reads and writes the local organisation copy (tables `org_*`, see the migration). */
/** Runs the chart's reads: the pool by default; a consumer passes its transaction's, so it never waits for a second connection. */
export type ChartQuery = (sql: string, parameters?: unknown[]) => Promise<any[]>;

/** `query`, each statement sent once the one before it has answered. */
function inTurn(query: ChartQuery): ChartQuery {
  let last: Promise<unknown> = Promise.resolve();
  return (sql, parameters) => {
    const next = last.then(() => query(sql, parameters));
    last = next.catch(() => undefined);
    return next;
  };
}

/** Charts kept in memory: at most this many (agency, date) pairs, the least recently used dropped first. */
const KEPT_CHARTS = 64;

@Injectable()
export class OrganisationDirectory {
  /** Per `<agency>|<date>`: the chart and the version (org_change) of every agency it was read from. */
  private readonly kept = new Map<string, { chart: OrgChart; versions: Map<string, string> }>();

  constructor(private readonly dataSource: DataSource) {}

  /**
   * The agency's organisation as it was on the date, with the posts of other agencies its reporting
   * lines lead to (the Sekda in the Sekretariat Daerah, and up from there) and the city officials at
   * the top (docs/regulations.md §4.5).
   *
   * Read from the pool, a chart is kept in memory and given again while the version of every
   * agency it was read from (its count of changes in org_change) is unchanged: one small statement
   * instead of four or more per agency, and the chart not built again; the rating pages and
   * commands ask for the same few charts.
   * Each replica keeps its own and checks the versions in PostgreSQL, so none serves a stale chart.
   * A consumer's transaction (`transaction`) reads afresh: it may have written the copy itself.
   */
  async chartOf(agencyId: string, date: LocalDate, transaction?: ChartQuery): Promise<OrgChart> {
    // A transaction's statements share one connection: sent in turn (node-pg deprecates queuing them).
    if (transaction) return (await this.readChart(agencyId, date, inTurn(transaction))).chart;
    const query: ChartQuery = (sql, p) => this.dataSource.query(sql, p);
    const key = `${agencyId}|${date}`;
    const kept = this.kept.get(key);
    if (kept) {
      const now = await this.versions(query, [...kept.versions.keys()]);
      if ([...kept.versions].every(([agency, version]) => (now.get(agency) ?? '0') === version)) return this.keep(key, kept);
    }
    // The versions before the rows: a fact written in between leaves the rows newer than the versions kept, never older.
    const versions = await this.versions(query);
    const { chart, agencies } = await this.readChart(agencyId, date, query);
    return this.keep(key, { chart, versions: new Map(agencies.map((a) => [a, versions.get(a) ?? '0'])) });
  }

  /** Keeps the entry as the most recently used (a Map iterates in insertion order), dropping the least recently used beyond KEPT_CHARTS. */
  private keep(key: string, entry: { chart: OrgChart; versions: Map<string, string> }): OrgChart {
    this.kept.delete(key);
    this.kept.set(key, entry);
    if (this.kept.size > KEPT_CHARTS) this.kept.delete(this.kept.keys().next().value!);
    return entry.chart;
  }

  /**
   * The version of the agencies given, or of all (a city has tens): the number of transactions that
   * changed the agency's organisation (org_change), which only grows; an agency without one is '0'.
   */
  private async versions(query: ChartQuery, agencies?: string[]): Promise<Map<string, string>> {
    const rows: { agency_id: string; version: string }[] = agencies
      ? await query(`SELECT agency_id, count(*)::text AS version FROM org_change WHERE agency_id = ANY($1) GROUP BY agency_id`, [agencies])
      : await query(`SELECT agency_id, count(*)::text AS version FROM org_change GROUP BY agency_id`);
    return new Map(rows.map((r) => [r.agency_id, r.version]));
  }

  private async readChart(agencyId: string, date: LocalDate, query: ChartQuery): Promise<{ chart: OrgChart; agencies: string[] }> {
    const [units, own] = await Promise.all([
      query(`SELECT unit_id AS "unitId", name, parent_unit_id AS "parentUnitId" FROM org_unit WHERE agency_id = $1`, [agencyId]),
      this.agencyRows(agencyId, agencyId, date, query),
    ]);
    const external: ExternalOrg & { positions: OrgPositionRow[]; lines: OrgReportingLineRow[]; assignments: OrgAssignmentRow[] } = { positions: [], lines: [], assignments: [] };
    const loaded = new Set([agencyId]);
    let pending = own.parentAgencies.filter((a) => !loaded.has(a));
    // Up the city's leadership: a few agencies at most (an agency → the Sekretariat Daerah → officials).
    for (let depth = 0; pending.length > 0 && depth < 5; depth++) {
      for (const a of pending) loaded.add(a);
      const rows = await Promise.all(pending.map((a) => this.agencyRows(a, agencyId, date, query)));
      for (const r of rows) {
        external.positions.push(...r.positions);
        external.lines.push(...r.lines);
        external.assignments.push(...r.assignments);
      }
      pending = [...new Set(rows.flatMap((r) => r.parentAgencies))].filter((a) => !loaded.has(a));
    }
    return { chart: new OrgChart(agencyId, units, own.positions, own.lines, own.assignments, date, external), agencies: [...loaded] };
  }

  /**
   * One agency's positions, lines and holders on the date, ids as seen from `viewer`'s chart: its
   * own unqualified, another agency's as `<agencyId>/<id>`, a city official as `official:<id>`.
   */
  private async agencyRows(
    agencyId: string,
    viewer: string,
    date: LocalDate,
    query: ChartQuery,
  ): Promise<{ positions: OrgPositionRow[]; lines: OrgReportingLineRow[]; assignments: OrgAssignmentRow[]; parentAgencies: string[] }> {
    const q = (agency: string, id: string) => (agency === viewer ? id : `${agency}/${id}`);
    const [positions, lines, assignments]: [
      OrgPositionRow[],
      (OrgReportingLineRow & { parentAgencyId: string | null; parentOfficialId: string | null })[],
      OrgAssignmentRow[],
    ] = await Promise.all([
      query(`SELECT position_id AS "positionId", name, unit_id AS "unitId" FROM org_position WHERE agency_id = $1`, [agencyId]),
      query(
        `SELECT position_id AS "positionId", effective_from AS "effectiveFrom", parent_position_id AS "parentPositionId",
                parent_agency_id AS "parentAgencyId", parent_official_id AS "parentOfficialId"
         FROM org_reporting_line WHERE agency_id = $1`,
        [agencyId],
      ),
      query(
        `SELECT assignment_id AS "assignmentId", nip, position_id AS "positionId", type, from_date AS "from", to_date AS "to"
         FROM org_assignment WHERE agency_id = $1 AND from_date <= $2 AND (to_date IS NULL OR to_date >= $2)`,
        [agencyId, date],
      ),
    ]);
    const parentOf = (l: (typeof lines)[number]): string | null => {
      if (l.parentOfficialId) return officialParent(l.parentOfficialId);
      if (l.parentPositionId === null) return null;
      return q(l.parentAgencyId ?? agencyId, l.parentPositionId);
    };
    return {
      positions: positions.map((p) => ({ ...p, positionId: q(agencyId, p.positionId), unitId: q(agencyId, p.unitId) })),
      lines: lines.map((l) => ({ positionId: q(agencyId, l.positionId), effectiveFrom: l.effectiveFrom, parentPositionId: parentOf(l) })),
      assignments: assignments.map((a) => ({ ...a, positionId: q(agencyId, a.positionId) })),
      parentAgencies: [...new Set(lines.map((l) => l.parentAgencyId).filter((a): a is string => a !== null))],
    };
  }

  /** Applies facts in one transaction: all or nothing. */
  async apply(facts: readonly OrganisationFact[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      for (const fact of facts) await applyOrganisationFact((sql, parameters) => manager.query(sql, parameters), fact);
    });
  }
}
