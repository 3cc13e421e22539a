import type { RecordedEvent } from '@kinerja/event-store';
import type { PublicEventDraft } from '../../src';

/** The shape of work-planning's internal events as the relay tests append them. */
export function workPlanningMapping(event: RecordedEvent): PublicEventDraft[] {
  const data = event.data as Record<string, unknown>;
  switch (event.type) {
    case 'EmployeeRegistered':
      return [{ type: 'EmployeeRegistered.v1', data: { nip: data.nip, name: data.name, status: data.status, agencyId: data.agencyId } }];
    case 'AgencyRegistered':
      return [{ type: 'AgencyRegistered.v1', data: { agencyId: data.agencyId, code: data.code, name: data.name } }];
    default:
      return [];
  }
}
