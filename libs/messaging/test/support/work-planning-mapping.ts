import type { AgencyRegisteredV1, EmployeeRegisteredV1 } from '@kinerja/contracts';
import type { RecordedEvent } from '@kinerja/event-store';
import type { PublicEventDraft } from '../../src';

/** The shape of work-planning's internal events as the relay tests append them. */
export function workPlanningMapping(event: RecordedEvent): PublicEventDraft[] {
  switch (event.type) {
    case 'EmployeeRegistered': {
      const data = event.data as EmployeeRegisteredV1;
      return [{ type: 'EmployeeRegistered.v1', data: { nip: data.nip, name: data.name, status: data.status, agencyId: data.agencyId } }];
    }
    case 'AgencyRegistered': {
      const data = event.data as AgencyRegisteredV1;
      return [{ type: 'AgencyRegistered.v1', data: { agencyId: data.agencyId, code: data.code, name: data.name } }];
    }
    default:
      return [];
  }
}
