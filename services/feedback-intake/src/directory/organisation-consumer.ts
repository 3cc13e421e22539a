import type {
  AgencyRegisteredV1,
  AssignmentEndedV1,
  EmployeeRegisteredV1,
  EmployeeUpdatedV1,
  PositionAssignedV1,
  PositionCreatedV1,
  ReportingLineChangedV1,
  SkpApprovedV1,
  UnitCreatedV1,
} from '@kinerja/contracts';
import type { EventHandler, HandlerContext } from '@kinerja/messaging';

/**
 * work-planning's public organisation and SKP events → the directory and the effective-dated
 * organisation tables (consumer group `feedback-intake`). Each handler runs in the consumer's
 * transaction with the inbox row, so a redelivery changes nothing, and each is an upsert, so the
 * order across partitions (structure keyed by agency, assignments by NIP) does not matter.
 */
export function organisationHandlers(): Record<string, EventHandler> {
  const employee = async (data: EmployeeRegisteredV1 | EmployeeUpdatedV1, time: string, context: HandlerContext) => {
    await context.query(
      `INSERT INTO directory_employee (nip, agency_id, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (nip) DO UPDATE SET agency_id = EXCLUDED.agency_id, updated_at = EXCLUDED.updated_at`,
      [data.nip, data.agencyId, new Date(time || Date.now())],
    );
  };
  const plan = async (data: SkpApprovedV1, context: HandlerContext) => {
    await context.query(
      `INSERT INTO skp_plan (skp_id, nip, period_start, period_end, version, pejabat_penilai_nip, rhk_ids) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (skp_id) DO UPDATE SET period_start = EXCLUDED.period_start, period_end = EXCLUDED.period_end, version = EXCLUDED.version,
         pejabat_penilai_nip = EXCLUDED.pejabat_penilai_nip, rhk_ids = EXCLUDED.rhk_ids
       WHERE skp_plan.version <= EXCLUDED.version`,
      [data.skpId, data.nip, data.periodStart, data.periodEnd, data.version, data.pejabatPenilaiNip, JSON.stringify(data.rhk.map((r) => r.rhkId))],
    );
  };
  return {
    'AgencyRegistered.v1': async (event, context) => {
      const data = event.data as AgencyRegisteredV1;
      await context.query(
        `INSERT INTO directory_agency (agency_id, code, name, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (agency_id) DO UPDATE SET code = EXCLUDED.code, name = EXCLUDED.name, updated_at = EXCLUDED.updated_at`,
        [data.agencyId, data.code, data.name, new Date(event.time || Date.now())],
      );
    },
    'EmployeeRegistered.v1': (event, context) => employee(event.data, event.time, context),
    'EmployeeUpdated.v1': (event, context) => employee(event.data, event.time, context),
    'UnitCreated.v1': async (event, context) => {
      const data = event.data as UnitCreatedV1;
      await context.query(
        `INSERT INTO directory_unit (unit_id, agency_id, name, counter_ids, updated_at) VALUES ($1, $2, $3, '[]', $4)
         ON CONFLICT (unit_id) DO UPDATE SET agency_id = EXCLUDED.agency_id, name = EXCLUDED.name, updated_at = EXCLUDED.updated_at`,
        [data.unitId, data.agencyId, data.name, new Date(event.time || Date.now())],
      );
    },
    'PositionCreated.v1': async (event, context) => {
      const data = event.data as PositionCreatedV1;
      await context.query(
        `INSERT INTO org_position (agency_id, position_id, unit_id, kind) VALUES ($1, $2, $3, $4)
         ON CONFLICT (agency_id, position_id) DO UPDATE SET unit_id = EXCLUDED.unit_id, kind = EXCLUDED.kind`,
        [data.agencyId, data.positionId, data.unitId, data.kind],
      );
      await reportingLine(context, data.agencyId, data.positionId, data.establishedOn, data.parentPositionId);
    },
    'ReportingLineChanged.v1': async (event, context) => {
      const data = event.data as ReportingLineChangedV1;
      await reportingLine(context, data.agencyId, data.positionId, data.effectiveFrom, data.parentPositionId);
    },
    'PositionAssigned.v1': async (event, context) => {
      const data = event.data as PositionAssignedV1;
      await context.query(
        `INSERT INTO org_assignment (agency_id, assignment_id, nip, position_id, type, from_date, to_date) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (agency_id, assignment_id) DO UPDATE SET nip = EXCLUDED.nip, position_id = EXCLUDED.position_id, type = EXCLUDED.type,
           from_date = EXCLUDED.from_date, to_date = COALESCE(org_assignment.to_date, EXCLUDED.to_date)`,
        [data.agencyId, data.assignmentId, data.nip, data.positionId, data.type, data.from, data.to],
      );
    },
    'AssignmentEnded.v1': async (event, context) => {
      const data = event.data as AssignmentEndedV1;
      await context.query(
        `INSERT INTO org_assignment (agency_id, assignment_id, nip, position_id, type, from_date, to_date) VALUES ($1, $2, $3, $4, 'DEFINITIVE', $5, $5)
         ON CONFLICT (agency_id, assignment_id) DO UPDATE SET to_date = EXCLUDED.to_date`,
        [data.agencyId, data.assignmentId, data.nip, data.positionId, data.lastDay],
      );
    },
    'SkpApproved.v1': (event, context) => plan(event.data, context),
    'SkpAmended.v1': (event, context) => plan(event.data, context),
  };
}

async function reportingLine(context: HandlerContext, agencyId: string, positionId: string, from: string, parent: string | null): Promise<void> {
  await context.query(
    `INSERT INTO org_reporting_line (agency_id, position_id, effective_from, parent_position_id) VALUES ($1, $2, $3, $4)
     ON CONFLICT (agency_id, position_id, effective_from) DO UPDATE SET parent_position_id = EXCLUDED.parent_position_id`,
    [agencyId, positionId, from, parent],
  );
}
