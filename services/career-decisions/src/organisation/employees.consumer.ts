import { EmployeeRegisteredV1 } from '@kinerja/contracts';
import { EventStore, handle } from '@kinerja/event-store';
import { EventHandler } from '@kinerja/messaging';
import { Clock } from '@kinerja/platform';
import { performanceRecordDecider, performanceRecordStream, RecordOrganisationEmployment } from '../performance-record/performance-record.decider';

const ACTOR = { id: 'system:work-planning-consumer', role: 'SYSTEM' };

/**
 * work-planning's EmployeeRegistered.v1 / EmployeeUpdated.v1 → the local directory of names (in the
 * consumer's transaction, with its inbox row) and, when the event carries the golongan with its TMT,
 * the employment facts eligibility reads (docs/regulations.md §5.2). `RecordOrganisationEmployment`
 * is idempotent (the same golongan and TMT record nothing), so a redelivery changes nothing.
 */
export function employeeHandlers(store: EventStore, clock: Clock): Record<string, EventHandler> {
  const handler: EventHandler = async (event, context) => {
    const d = event.data as EmployeeRegisteredV1;
    await context.query(
      `INSERT INTO employee_directory (nip, name, status, agency_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (nip) DO UPDATE SET name = EXCLUDED.name, status = EXCLUDED.status, agency_id = EXCLUDED.agency_id`,
      [d.nip, d.name, d.status, d.agencyId],
    );
    if (d.golongan === undefined || d.tmtGolongan === undefined) return;
    const command: RecordOrganisationEmployment = {
      type: 'RecordOrganisationEmployment',
      data: { nip: d.nip, agencyId: d.agencyId, employmentKind: d.status, golongan: d.golongan, rankSince: d.tmtGolongan },
      metadata: { now: clock.now(), actor: ACTOR },
    };
    await handle(store, performanceRecordStream(d.nip), performanceRecordDecider, command, { actorId: ACTOR.id, correlationId: event.correlationId, causationId: event.id, agencyId: d.agencyId });
  };
  return { 'EmployeeRegistered.v1': handler, 'EmployeeUpdated.v1': handler };
}
