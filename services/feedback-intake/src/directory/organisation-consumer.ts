import { Controller } from '@nestjs/common';
import type { HandlerContext, PublicEvent } from '@kinerja/messaging';
import { PublicEventContext, PublicEventPattern } from '@kinerja/platform';

/**
 * work-planning's public organisation and SKP events → the directory and the effective-dated
 * organisation tables (consumer group `feedback-intake`). Each handler runs in the consumer's
 * transaction with the inbox row, so a redelivery changes nothing, and each is an upsert, so the
 * order across partitions (structure keyed by agency, assignments by NIP) does not matter.
 */
@Controller()
export class OrganisationConsumer {
  @PublicEventPattern('EmployeeRegistered.v1', 'EmployeeUpdated.v1')
  async employee(event: PublicEvent<'EmployeeRegistered.v1' | 'EmployeeUpdated.v1'>, context: PublicEventContext): Promise<void> {
    const data = event.data;
    await context.query(
      `INSERT INTO directory_employee (nip, agency_id, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (nip) DO UPDATE SET agency_id = EXCLUDED.agency_id, updated_at = EXCLUDED.updated_at`,
      [data.nip, data.agencyId, new Date(event.time || Date.now())],
    );
  }

  @PublicEventPattern('AgencyRegistered.v1')
  async agencyRegistered(event: PublicEvent<'AgencyRegistered.v1'>, context: PublicEventContext): Promise<void> {
    const data = event.data;
    await context.query(
      `INSERT INTO directory_agency (agency_id, code, name, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (agency_id) DO UPDATE SET code = EXCLUDED.code, name = EXCLUDED.name, updated_at = EXCLUDED.updated_at`,
      [data.agencyId, data.code, data.name, new Date(event.time || Date.now())],
    );
  }

  @PublicEventPattern('UnitCreated.v1')
  async unitCreated(event: PublicEvent<'UnitCreated.v1'>, context: PublicEventContext): Promise<void> {
    const data = event.data;
    await context.query(
      `INSERT INTO directory_unit (unit_id, agency_id, name, counter_ids, updated_at) VALUES ($1, $2, $3, '[]', $4)
       ON CONFLICT (unit_id) DO UPDATE SET agency_id = EXCLUDED.agency_id, name = EXCLUDED.name, updated_at = EXCLUDED.updated_at`,
      [data.unitId, data.agencyId, data.name, new Date(event.time || Date.now())],
    );
  }

  @PublicEventPattern('PositionCreated.v1')
  async positionCreated(event: PublicEvent<'PositionCreated.v1'>, context: PublicEventContext): Promise<void> {
    const data = event.data;
    await context.query(
      `INSERT INTO org_position (agency_id, position_id, unit_id, kind) VALUES ($1, $2, $3, $4)
       ON CONFLICT (agency_id, position_id) DO UPDATE SET unit_id = EXCLUDED.unit_id, kind = EXCLUDED.kind`,
      [data.agencyId, data.positionId, data.unitId, data.kind],
    );
    await reportingLine(context, data.agencyId, data.positionId, data.establishedOn, data);
  }

  @PublicEventPattern('ReportingLineChanged.v1')
  async reportingLineChanged(event: PublicEvent<'ReportingLineChanged.v1'>, context: PublicEventContext): Promise<void> {
    const data = event.data;
    await reportingLine(context, data.agencyId, data.positionId, data.effectiveFrom, data);
  }

  @PublicEventPattern('PositionAssigned.v1')
  async positionAssigned(event: PublicEvent<'PositionAssigned.v1'>, context: PublicEventContext): Promise<void> {
    const data = event.data;
    await context.query(
      `INSERT INTO org_assignment (agency_id, assignment_id, nip, position_id, type, from_date, to_date) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (agency_id, assignment_id) DO UPDATE SET nip = EXCLUDED.nip, position_id = EXCLUDED.position_id, type = EXCLUDED.type,
         from_date = EXCLUDED.from_date, to_date = COALESCE(org_assignment.to_date, EXCLUDED.to_date)`,
      [data.agencyId, data.assignmentId, data.nip, data.positionId, data.type, data.from, data.to],
    );
  }

  @PublicEventPattern('AssignmentEnded.v1')
  async assignmentEnded(event: PublicEvent<'AssignmentEnded.v1'>, context: PublicEventContext): Promise<void> {
    const data = event.data;
    await context.query(
      `INSERT INTO org_assignment (agency_id, assignment_id, nip, position_id, type, from_date, to_date) VALUES ($1, $2, $3, $4, 'DEFINITIVE', $5, $5)
       ON CONFLICT (agency_id, assignment_id) DO UPDATE SET to_date = EXCLUDED.to_date`,
      [data.agencyId, data.assignmentId, data.nip, data.positionId, data.lastDay],
    );
  }

  @PublicEventPattern('SkpApproved.v1', 'SkpAmended.v1')
  async plan(event: PublicEvent<'SkpApproved.v1' | 'SkpAmended.v1'>, context: PublicEventContext): Promise<void> {
    const data = event.data;
    await context.query(
      `INSERT INTO skp_plan (skp_id, nip, period_start, period_end, version, pejabat_penilai_nip, rhk_ids) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (skp_id) DO UPDATE SET period_start = EXCLUDED.period_start, period_end = EXCLUDED.period_end, version = EXCLUDED.version,
         pejabat_penilai_nip = EXCLUDED.pejabat_penilai_nip, rhk_ids = EXCLUDED.rhk_ids
       WHERE skp_plan.version <= EXCLUDED.version`,
      [data.skpId, data.nip, data.periodStart, data.periodEnd, data.version, data.pejabatPenilaiNip, JSON.stringify(data.rhk.map((r) => r.rhkId))],
    );
  }
}

/** A parent may be a post of another agency (`parentAgencyId`) or a city official (`parentOfficialId`). */
async function reportingLine(
  context: HandlerContext,
  agencyId: string,
  positionId: string,
  from: string,
  parent: { parentPositionId: string | null; parentAgencyId?: string; parentOfficialId?: string },
): Promise<void> {
  await context.query(
    `INSERT INTO org_reporting_line (agency_id, position_id, effective_from, parent_position_id, parent_agency_id, parent_official_id) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (agency_id, position_id, effective_from) DO UPDATE SET parent_position_id = EXCLUDED.parent_position_id,
       parent_agency_id = EXCLUDED.parent_agency_id, parent_official_id = EXCLUDED.parent_official_id`,
    [agencyId, positionId, from, parent.parentPositionId, parent.parentAgencyId && parent.parentAgencyId !== agencyId ? parent.parentAgencyId : null, parent.parentOfficialId ?? null],
  );
}
