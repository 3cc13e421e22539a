import { Controller } from '@nestjs/common';
import type { PublicEvent } from '@kinerja/messaging';
import { PublicEventContext, PublicEventPattern } from '@kinerja/platform';

/** work-planning's EmployeeRegistered.v1 → the local directory of names (in the consumer's transaction, with its inbox row). */
@Controller()
export class EmployeesConsumer {
  @PublicEventPattern('EmployeeRegistered.v1')
  async employeeRegistered(event: PublicEvent<'EmployeeRegistered.v1'>, context: PublicEventContext): Promise<void> {
    const d = event.data;
    await context.query(
      `INSERT INTO employee_directory (nip, name, status, agency_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (nip) DO UPDATE SET name = EXCLUDED.name, status = EXCLUDED.status, agency_id = EXCLUDED.agency_id`,
      [d.nip, d.name, d.status, d.agencyId],
    );
  }
}
