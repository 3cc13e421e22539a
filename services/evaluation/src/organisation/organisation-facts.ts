import { z } from 'zod';

/**
 * The organisation facts evaluation keeps a local, as-of-date copy of: the same facts
 * work-planning publishes (units, positions, reporting lines, assignments of NIPs, PLT/PLH).
 * One shape for both entrances: the consumer of work-planning's public events and the admin
 * endpoint that loads them directly.
 */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Tanggal harus YYYY-MM-DD');
const id = z.string().trim().min(1).max(100);
/** work-planning's assignment ids name the NIP, the post and the date: up to 300 characters (its contract). */
const assignmentId = z.string().trim().min(1).max(300);

/** A parent outside the agency (docs/regulations.md §4.5): another agency's post (the Sekda), or a city official (the kepala daerah). */
const externalParent = {
  parentAgencyId: id.nullable().optional().describe('The agency of the parent position when it is another agency of the city'),
  parentOfficialId: id.nullable().optional().describe('A city official the position reports to (the kepala daerah); parentPositionId is then null'),
};

export const unitCreated = z.object({ agencyId: id, unitId: id, name: z.string().trim().min(1).max(300), parentUnitId: id.nullable() }).passthrough();
export const positionCreated = z
  .object({
    agencyId: id,
    positionId: id,
    name: z.string().trim().min(1).max(300),
    unitId: id,
    parentPositionId: id.nullable(),
    establishedOn: isoDate,
    ...externalParent,
  })
  .passthrough();
export const reportingLineChanged = z
  .object({ agencyId: id, positionId: id, parentPositionId: id.nullable(), effectiveFrom: isoDate, ...externalParent })
  .passthrough();
export const positionAssigned = z
  .object({
    agencyId: id,
    assignmentId,
    nip: id,
    positionId: id,
    type: z.enum(['DEFINITIVE', 'PLT', 'PLH']),
    from: isoDate,
    to: isoDate.nullable(),
  })
  .passthrough();
export const assignmentEnded = z.object({ agencyId: id, assignmentId, lastDay: isoDate }).passthrough();

export const organisationFact = z.discriminatedUnion('type', [
  z.object({ type: z.literal('UnitCreated'), data: unitCreated }).strict(),
  z.object({ type: z.literal('PositionCreated'), data: positionCreated }).strict(),
  z.object({ type: z.literal('ReportingLineChanged'), data: reportingLineChanged }).strict(),
  z.object({ type: z.literal('PositionAssigned'), data: positionAssigned }).strict(),
  z.object({ type: z.literal('AssignmentEnded'), data: assignmentEnded }).strict(),
]);
export type OrganisationFact = z.infer<typeof organisationFact>;

type Query = (sql: string, parameters?: unknown[]) => Promise<unknown>;

async function upsertLine(
  query: Query,
  agencyId: string,
  positionId: string,
  from: string,
  d: { parentPositionId: string | null; parentAgencyId?: string | null; parentOfficialId?: string | null },
): Promise<void> {
  const parentAgencyId = d.parentAgencyId && d.parentAgencyId !== agencyId ? d.parentAgencyId : null;
  await query(
    `INSERT INTO org_reporting_line (agency_id, position_id, effective_from, parent_position_id, parent_agency_id, parent_official_id) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (agency_id, position_id, effective_from) DO UPDATE SET parent_position_id = EXCLUDED.parent_position_id,
       parent_agency_id = EXCLUDED.parent_agency_id, parent_official_id = EXCLUDED.parent_official_id`,
    [agencyId, positionId, from, d.parentPositionId, parentAgencyId, d.parentOfficialId ?? null],
  );
}

/**
 * Writes one fact into the local copy. Idempotent (upserts), so a redelivered event or a
 * re-posted batch changes nothing but the agency's count of changes (org_change).
 */
export async function applyOrganisationFact(query: Query, fact: OrganisationFact): Promise<void> {
  // The agency's charts kept in memory (OrganisationDirectory.chartOf) are read again after this
  // transaction commits: it counts as one more change of the agency (none waits for another's).
  await query(`INSERT INTO org_change (agency_id, tx) VALUES ($1, pg_current_xact_id()) ON CONFLICT DO NOTHING`, [fact.data.agencyId]);
  switch (fact.type) {
    case 'UnitCreated': {
      const d = fact.data;
      await query(
        `INSERT INTO org_unit (agency_id, unit_id, name, parent_unit_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT (agency_id, unit_id) DO UPDATE SET name = EXCLUDED.name, parent_unit_id = EXCLUDED.parent_unit_id`,
        [d.agencyId, d.unitId, d.name, d.parentUnitId],
      );
      return;
    }
    case 'PositionCreated': {
      const d = fact.data;
      await query(
        `INSERT INTO org_position (agency_id, position_id, name, unit_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT (agency_id, position_id) DO UPDATE SET name = EXCLUDED.name, unit_id = EXCLUDED.unit_id`,
        [d.agencyId, d.positionId, d.name, d.unitId],
      );
      await upsertLine(query, d.agencyId, d.positionId, d.establishedOn, d);
      return;
    }
    case 'ReportingLineChanged': {
      const d = fact.data;
      await upsertLine(query, d.agencyId, d.positionId, d.effectiveFrom, d);
      return;
    }
    case 'PositionAssigned': {
      const d = fact.data;
      await query(
        `INSERT INTO org_assignment (agency_id, assignment_id, nip, position_id, type, from_date, to_date) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (agency_id, assignment_id) DO UPDATE SET nip = EXCLUDED.nip, position_id = EXCLUDED.position_id,
           type = EXCLUDED.type, from_date = EXCLUDED.from_date, to_date = COALESCE(org_assignment.ended_on, EXCLUDED.to_date)`,
        [d.agencyId, d.assignmentId, d.nip, d.positionId, d.type, d.from, d.to],
      );
      return;
    }
    case 'AssignmentEnded': {
      const d = fact.data;
      // An end may arrive before its assignment on another partition: keep it and apply it when the assignment comes.
      await query(
        `INSERT INTO org_assignment (agency_id, assignment_id, nip, position_id, type, from_date, to_date, ended_on)
         VALUES ($1, $2, '', '', 'DEFINITIVE', '0001-01-01', $3, $3)
         ON CONFLICT (agency_id, assignment_id) DO UPDATE SET to_date = EXCLUDED.to_date, ended_on = EXCLUDED.ended_on`,
        [d.agencyId, d.assignmentId, d.lastDay],
      );
      return;
    }
    default: {
      const _exhaustive: never = fact;
      throw new Error(`unknown organisation fact ${JSON.stringify(_exhaustive)}`);
    }
  }
}
