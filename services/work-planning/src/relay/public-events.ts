import type { PublicEventDraft } from '@kinerja/messaging';
import type { RecordedEvent } from '@kinerja/event-store';
import { AgencyEvent } from '../agencies/agency.events';
import { EmployeeEvent } from '../employees/employee.events';

type Internal = AgencyEvent | EmployeeEvent;

/** Internal event types the relay reads; everything else never leaves the service. */
export const RELAYED_EVENT_TYPES: readonly Internal['type'][] = ['AgencyRegistered', 'EmployeeRegistered'];

/**
 * Internal → public (`libs/contracts/src/work-planning.contracts.ts`). Pure: the relay may map
 * the same event again after a crash and must get the same drafts.
 */
export function toPublicEvents(recorded: RecordedEvent): PublicEventDraft[] {
  const event = { type: recorded.type, data: recorded.data } as Internal;
  switch (event.type) {
    case 'AgencyRegistered': {
      const { agencyId, code, name } = event.data;
      return [{ type: 'AgencyRegistered.v1', data: { agencyId, code, name } }];
    }
    case 'EmployeeRegistered': {
      const { nip, name, status, agencyId, pangkat, golongan } = event.data;
      return [
        {
          type: 'EmployeeRegistered.v1',
          data: { nip, name, status, agencyId, ...(pangkat ? { pangkat } : {}), ...(golongan ? { golongan } : {}) },
        },
      ];
    }
    default:
      return [];
  }
}
