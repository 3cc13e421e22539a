import type { EmployeeRegisteredV1 } from '@kinerja/contracts';
import type { EventHandler } from '@kinerja/messaging';

/**
 * work-planning's public organisation events → the directory (consumer group `feedback-intake`).
 * Runs inside the consumer's transaction with the inbox row, so a redelivery changes nothing.
 * Only agencies and employees are published so far: units, counters and the pejabat penilai come
 * from the directory admin endpoints until work-planning publishes its organisation (PositionAssigned …).
 */
export function organisationHandlers(): Record<string, EventHandler> {
  return {
    'AgencyRegistered.v1': async () => undefined,
    'EmployeeRegistered.v1': async (event, context) => {
      const data = event.data as EmployeeRegisteredV1;
      await context.query(
        `INSERT INTO directory_employee (nip, agency_id, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (nip) DO UPDATE SET agency_id = EXCLUDED.agency_id, updated_at = EXCLUDED.updated_at`,
        [data.nip, data.agencyId, new Date(event.time || Date.now())],
      );
    },
  };
}
