import { pick, Projection } from '@kinerja/domain';
import { COMPLAINT_STATUS_EVENTS, ComplaintEvent } from '../complaint.events';

/** A unit's view of a complaint: what was asked and its SLA, never who asked (no contact, no tracking code). */
export interface ComplaintInboxRow {
  complaintId: string;
  agencyId: string;
  unitId: string;
  assignedUnitId: string;
  assigneeEmployeeId: string | null;
  category: string;
  channel: string;
  counterId: string | null;
  description: string;
  subjectEmployeeId: string | null;
  status: string;
  receivedAt: Date;
  dueOn: string;
  dueAt: Date;
  slaBreached: boolean;
  closedAt: Date | null;
  updatedAt: Date;
}

export const complaintInboxProjection: Projection<ComplaintInboxRow, ComplaintEvent> = {
  name: 'feedback-intake.get-complaint-inbox',
  handles: [...COMPLAINT_STATUS_EVENTS, 'ComplaintSlaBreached'],
  keys: (event) => [event.data.complaintId],
  evolve(row, event) {
    const updatedAt = event.recordedAt;
    if (event.type === 'ComplaintReceived') {
      const d = event.data;
      return {
        ...pick(d, 'complaintId', 'agencyId', 'unitId'),
        assignedUnitId: d.unitId,
        assigneeEmployeeId: null,
        ...pick(d, 'category', 'channel', 'counterId', 'description', 'subjectEmployeeId'),
        status: 'RECEIVED',
        receivedAt: new Date(d.receivedAt),
        dueOn: d.sla.dueOn,
        dueAt: new Date(d.sla.dueAt),
        slaBreached: false,
        closedAt: null,
        updatedAt,
      };
    }
    if (!row) return row;
    switch (event.type) {
      case 'ComplaintTriaged': {
        const a = event.data.assignee;
        return { ...row, status: 'TRIAGED', assignedUnitId: a.unitId, assigneeEmployeeId: a.kind === 'EMPLOYEE' ? a.employeeId : null, updatedAt };
      }
      case 'ComplaintWorkStarted':
        return { ...row, status: 'IN_PROGRESS', updatedAt };
      case 'ComplaintResolved':
        return { ...row, status: 'RESOLVED', closedAt: new Date(event.data.resolvedAt), updatedAt };
      case 'ComplaintRejected':
        return { ...row, status: 'REJECTED', closedAt: new Date(event.data.rejectedAt), updatedAt };
      case 'ComplaintConfirmed':
        return { ...row, status: 'CONFIRMED', updatedAt };
      case 'ComplaintReopened':
        return { ...row, status: 'REOPENED', dueOn: event.data.sla.dueOn, dueAt: new Date(event.data.sla.dueAt), slaBreached: false, closedAt: null, updatedAt };
      case 'ComplaintSlaBreached':
        return { ...row, slaBreached: true, updatedAt };
      default:
        return row;
    }
  },
};
