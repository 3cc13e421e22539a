import { Projection } from '@kinerja/domain';
import { AssignmentType, externalOf, OrganisationEvent } from '../organisation.events';

/**
 * The organisation as intervals, for as-of-date look-ups in SQL (one round trip per question,
 * indexed by NIP and by position): each assignment with its date range, and each reporting-line
 * entry with the date it takes effect.
 */
export interface AssignmentIntervalRow {
  id: string;
  agencyId: string;
  assignmentId: string;
  nip: string;
  positionId: string;
  type: AssignmentType;
  fromDate: string;
  /** Inclusive; null while open. */
  toDate: string | null;
}

export interface ReportingLineIntervalRow {
  id: string;
  agencyId: string;
  positionId: string;
  parentPositionId: string | null;
  /** Set when the parent position is in another agency of the city. */
  parentAgencyId: string | null;
  /** Set when the position reports to a city official (then parentPositionId is null). */
  parentOfficialId: string | null;
  fromDate: string;
}

export const assignmentIntervalProjection: Projection<AssignmentIntervalRow, OrganisationEvent> = {
  name: 'work-planning.assignment-intervals',
  handles: ['PositionAssigned', 'AssignmentEnded'],
  keys: (event) => (event.type === 'PositionAssigned' || event.type === 'AssignmentEnded' ? [`${event.data.agencyId}/${event.data.assignmentId}`] : []),
  evolve(row, event, key) {
    switch (event.type) {
      case 'PositionAssigned': {
        const { agencyId, assignmentId, nip, positionId, type, from, to } = event.data;
        return { id: key, agencyId, assignmentId, nip, positionId, type, fromDate: from, toDate: to };
      }
      case 'AssignmentEnded':
        return row && { ...row, toDate: event.data.lastDay };
      default:
        return row;
    }
  },
};

export const reportingLineIntervalProjection: Projection<ReportingLineIntervalRow, OrganisationEvent> = {
  name: 'work-planning.reporting-line-intervals',
  handles: ['PositionCreated', 'ReportingLineChanged'],
  keys(event) {
    if (event.type === 'PositionCreated') return [`${event.data.agencyId}/${event.data.positionId}/${event.data.establishedOn}`];
    if (event.type === 'ReportingLineChanged') return [`${event.data.agencyId}/${event.data.positionId}/${event.data.effectiveFrom}`];
    return [];
  },
  evolve(row, event, key) {
    switch (event.type) {
      case 'PositionCreated': {
        const { agencyId, positionId, parentPositionId, establishedOn } = event.data;
        return { id: key, agencyId, positionId, parentPositionId, ...externalOf(event.data, agencyId), fromDate: establishedOn };
      }
      case 'ReportingLineChanged': {
        const { agencyId, positionId, parentPositionId, effectiveFrom } = event.data;
        return { id: key, agencyId, positionId, parentPositionId, ...externalOf(event.data, agencyId), fromDate: effectiveFrom };
      }
      default:
        return row;
    }
  },
};
