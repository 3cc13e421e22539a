import type { PublicEventDraft } from '@kinerja/messaging';
import type { RecordedEvent } from '@kinerja/event-store';
import { AgencyEvent } from '../agencies/agency.events';
import { EmployeeEvent } from '../employees/employee.events';
import { externalOf, OrganisationEvent } from '../organisation/organisation.events';
import { RealisationEvent } from '../realisations/realisation.events';
import { RoleGrantEvent } from '../role-grants/role-grant.events';
import { SkpDocument, SkpEvent } from '../skps/skp.events';

type Internal = AgencyEvent | EmployeeEvent | OrganisationEvent | SkpEvent | RealisationEvent | RoleGrantEvent;

/** Internal event types the relay reads; everything else never leaves the service. */
export const RELAYED_EVENT_TYPES: readonly Internal['type'][] = [
  'AgencyRegistered',
  'EmployeeRegistered',
  'EmployeeUpdated',
  'UnitCreated',
  'PositionCreated',
  'ReportingLineChanged',
  'PositionAssigned',
  'AssignmentEnded',
  'SkpSubmitted',
  'SkpWithdrawn',
  'SkpReturned',
  'SkpApproved',
  'SkpAmended',
  'RealisationRecorded',
  'RoleGranted',
  'RoleRevoked',
];

const optional = <K extends string>(key: K, value: string | null) => (value ? { [key]: value } : {}) as Partial<Record<K, string>>;

/** A parent outside the agency (another agency's post, or a city official), only when there is one. */
const externalParent = (d: { agencyId: string; parentAgencyId?: string | null; parentOfficialId?: string | null }) => {
  const { parentAgencyId, parentOfficialId } = externalOf(d, d.agencyId);
  return { ...optional('parentAgencyId', parentAgencyId), ...optional('parentOfficialId', parentOfficialId) };
};

function skpDocument(d: SkpDocument) {
  const { approvedBy, ...rest } = d;
  return { ...rest, pejabatPenilaiNip: approvedBy };
}

/**
 * Internal → public (`libs/contracts/src/work-planning.contracts.ts`). Pure: the relay may map
 * the same event again after a crash and must get the same drafts. Internal bookkeeping
 * (`createdAt`, `registeredBy` ...) stays inside; who did it travels in the envelope's correlation.
 */
export function toPublicEvents(recorded: RecordedEvent): PublicEventDraft[] {
  const event = { type: recorded.type, data: recorded.data } as Internal;
  switch (event.type) {
    case 'AgencyRegistered': {
      const { agencyId, code, name } = event.data;
      return [{ type: 'AgencyRegistered.v1', data: { agencyId, code, name } }];
    }
    case 'EmployeeRegistered':
    case 'EmployeeUpdated': {
      const { nip, name, status, agencyId, pangkat, golongan, tmtGolongan, email } = event.data;
      const data = { nip, name, status, agencyId, ...optional('pangkat', pangkat), ...optional('golongan', golongan), ...optional('tmtGolongan', tmtGolongan ?? null), ...optional('email', email ?? null) };
      return [{ type: event.type === 'EmployeeRegistered' ? 'EmployeeRegistered.v1' : 'EmployeeUpdated.v1', data }];
    }
    case 'UnitCreated': {
      const { agencyId, unitId, name, parentUnitId } = event.data;
      return [{ type: 'UnitCreated.v1', data: { agencyId, unitId, name, parentUnitId } }];
    }
    case 'PositionCreated': {
      const { agencyId, positionId, name, kind, unitId, parentPositionId, establishedOn } = event.data;
      return [{ type: 'PositionCreated.v1', data: { agencyId, positionId, name, kind, unitId, parentPositionId, establishedOn, ...externalParent(event.data) } }];
    }
    case 'ReportingLineChanged': {
      const { agencyId, positionId, parentPositionId, effectiveFrom } = event.data;
      return [{ type: 'ReportingLineChanged.v1', data: { agencyId, positionId, parentPositionId, effectiveFrom, ...externalParent(event.data) } }];
    }
    case 'PositionAssigned': {
      const { agencyId, assignmentId, nip, positionId, type, from, to } = event.data;
      return [{ type: 'PositionAssigned.v1', data: { agencyId, assignmentId, nip, positionId, type, from, to } }];
    }
    case 'AssignmentEnded': {
      const { agencyId, assignmentId, nip, positionId, lastDay } = event.data;
      return [{ type: 'AssignmentEnded.v1', data: { agencyId, assignmentId, nip, positionId, lastDay } }];
    }
    case 'SkpSubmitted': {
      const { skpId, nip, version, submittedAt } = event.data;
      return [{ type: 'SkpSubmitted.v1', data: { skpId, nip, version, submittedAt } }];
    }
    case 'SkpWithdrawn': {
      const { skpId, nip, version, withdrawnAt } = event.data;
      return [{ type: 'SkpWithdrawn.v1', data: { skpId, nip, version, withdrawnAt } }];
    }
    case 'SkpReturned': {
      const { skpId, nip, version, returnedBy, returnedAt } = event.data;
      return [{ type: 'SkpReturned.v1', data: { skpId, nip, version, returnedBy, returnedAt } }];
    }
    case 'SkpApproved':
      return [{ type: 'SkpApproved.v1', data: skpDocument(event.data.document) }];
    case 'SkpAmended':
      return [{ type: 'SkpAmended.v1', data: skpDocument(event.data.document) }];
    case 'RealisationRecorded': {
      const { skpId, nip, periodId, ikiId, revision, outcome, evidence, occurredOn, recordedAt, late, computed } = event.data;
      return [
        {
          type: 'RealisationRecorded.v1',
          data: { skpId, nip, periodId, ikiId, revision, value: outcome.value, narrative: outcome.narrative, evidence, occurredOn, recordedAt, late, ...(computed ? { computed } : {}) },
        },
      ];
    }
    case 'RoleGranted': {
      const { nip, role, agencyId, grantedBy, grantedAt } = event.data;
      return [{ type: 'RoleGranted.v1', data: { nip, role, agencyId, grantedBy, grantedAt } }];
    }
    case 'RoleRevoked': {
      const { nip, role, agencyId, revokedBy, revokedAt } = event.data;
      return [{ type: 'RoleRevoked.v1', data: { nip, role, agencyId, revokedBy, revokedAt } }];
    }
    default:
      return [];
  }
}
