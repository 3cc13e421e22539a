import { EventHandler } from '@kinerja/messaging';

/** work-planning's EmployeeRegistered.v1 → the local directory of names (in the consumer's transaction, with its inbox row). */
export const EMPLOYEE_HANDLERS: Record<string, EventHandler> = {
  'EmployeeRegistered.v1': async (event, context) => {
    const d = event.data as { nip: string; name: string; status: string; agencyId: string };
    await context.query(
      `INSERT INTO employee_directory (nip, name, status, agency_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (nip) DO UPDATE SET name = EXCLUDED.name, status = EXCLUDED.status, agency_id = EXCLUDED.agency_id`,
      [d.nip, d.name, d.status, d.agencyId],
    );
  },
};
