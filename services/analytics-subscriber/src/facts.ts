import type {
  ComplaintResolvedV1,
  ComplaintSlaBreachedV1,
  EmployeeRegisteredV1,
  EmployeeUpdatedV1,
  PredicateFinalizedV1,
  SkpDocumentV1,
  UnitCreatedV1,
} from '@kinerja/contracts';
import { PoolClient } from 'pg';

/** What a handler knows besides the data: the envelope's id and time (or the message's timestamp). */
export interface FactContext {
  client: PoolClient;
  schema: string;
  ceId: string;
  time: string;
}

type Handler = (data: any, context: FactContext) => Promise<void>;

async function upsertEmployee(d: EmployeeRegisteredV1 | EmployeeUpdatedV1, { client, schema, time }: FactContext): Promise<void> {
  // Same NIP, same partition, so these arrive in order; the time guard only protects against a
  // producer that re-sends an old fact after a newer one.
  await client.query(
    `INSERT INTO ${schema}.employees (nip, agency_id, status, as_of) VALUES ($1, $2, $3, $4)
     ON CONFLICT (nip) DO UPDATE SET agency_id = EXCLUDED.agency_id, status = EXCLUDED.status, as_of = EXCLUDED.as_of
     WHERE employees.as_of <= EXCLUDED.as_of`,
    [d.nip, d.agencyId, d.status, time],
  );
}

async function insertSkp(d: SkpDocumentV1, { client, schema }: FactContext): Promise<void> {
  await client.query(
    `INSERT INTO ${schema}.skp_approvals (skp_id, version, nip, agency_id, period_start, period_end, approved_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
    [d.skpId, d.version, d.nip, d.agencyId, d.periodStart, d.periodEnd, d.approvedAt],
  );
}

/**
 * The public events this subscriber uses, by `ce_type`. Every other type (known to the contracts
 * or not) is ignored: new types and versions appear without notice.
 */
export const HANDLERS: Readonly<Record<string, Handler>> = {
  'EmployeeRegistered.v1': upsertEmployee,
  'EmployeeUpdated.v1': upsertEmployee,
  'UnitCreated.v1': async (d: UnitCreatedV1, { client, schema }) => {
    await client.query(
      `INSERT INTO ${schema}.units (unit_id, agency_id) VALUES ($1, $2) ON CONFLICT (unit_id) DO UPDATE SET agency_id = EXCLUDED.agency_id`,
      [d.unitId, d.agencyId],
    );
  },
  'SkpApproved.v1': insertSkp,
  'SkpAmended.v1': insertSkp,
  'PredicateFinalized.v1': async (d: PredicateFinalizedV1, { client, schema, ceId }) => {
    await client.query(
      `INSERT INTO ${schema}.predicates_finalized (ce_id, evaluation_id, nip, period_id, period_kind, unit_id, predicate, finalized_via, finalized_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [ceId, d.evaluationId, d.nip, d.periodId, d.periodKind, d.unitId, d.predicate, d.finalizedVia, d.finalizedAt],
    );
  },
  'ComplaintResolved.v1': async (d: ComplaintResolvedV1, { client, schema }) => {
    await client.query(
      `INSERT INTO ${schema}.complaint_resolutions (complaint_id, unit_id, category, resolved_at, within_sla)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [d.complaintId, d.unitId, d.category, d.resolvedAt, d.withinSla],
    );
  },
  'ComplaintSlaBreached.v1': async (d: ComplaintSlaBreachedV1, { client, schema }) => {
    await client.query(
      `INSERT INTO ${schema}.complaint_breaches (complaint_id, due_at, unit_id, category, detected_at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [d.complaintId, d.dueAt, d.unitId, d.category, d.detectedAt],
    );
  },
};
