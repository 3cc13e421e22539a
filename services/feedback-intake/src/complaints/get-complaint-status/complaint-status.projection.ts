import { pick, Projection } from '@kinerja/domain';
import { COMPLAINT_STATUS_EVENTS, ComplaintEvent } from '../complaint.events';

/** What the complainant sees when following a complaint with the tracking code. */
export interface ComplaintStatusRow {
  complaintId: string;
  trackingCodeHash: string;
  unitId: string;
  category: string;
  status: string;
  receivedAt: Date;
  dueOn: string;
  dueAt: Date;
  resolution: string | null;
  rejectionReason: string | null;
  closedAt: Date | null;
  contactErased: boolean;
}

export const complaintStatusProjection: Projection<ComplaintStatusRow, ComplaintEvent> = {
  name: 'feedback-intake.get-complaint-status',
  handles: [...COMPLAINT_STATUS_EVENTS, 'ComplaintContactErased'],
  keys: (event) => [event.data.complaintId],
  evolve(row, event) {
    if (event.type === 'ComplaintReceived') {
      const d = event.data;
      return {
        ...pick(d, 'complaintId', 'trackingCodeHash', 'unitId', 'category'),
        status: 'RECEIVED',
        receivedAt: new Date(d.receivedAt),
        dueOn: d.sla.dueOn,
        dueAt: new Date(d.sla.dueAt),
        resolution: null,
        rejectionReason: null,
        closedAt: null,
        contactErased: false,
      };
    }
    if (!row) return row;
    switch (event.type) {
      case 'ComplaintTriaged':
        return { ...row, status: 'TRIAGED' };
      case 'ComplaintWorkStarted':
        return { ...row, status: 'IN_PROGRESS' };
      case 'ComplaintResolved':
        return { ...row, status: 'RESOLVED', resolution: event.data.resolution, closedAt: new Date(event.data.resolvedAt) };
      case 'ComplaintRejected':
        return { ...row, status: 'REJECTED', rejectionReason: event.data.reason, closedAt: new Date(event.data.rejectedAt) };
      case 'ComplaintConfirmed':
        return { ...row, status: 'CONFIRMED' };
      case 'ComplaintReopened':
        return { ...row, status: 'REOPENED', dueOn: event.data.sla.dueOn, dueAt: new Date(event.data.sla.dueAt), closedAt: null };
      case 'ComplaintContactErased':
        return { ...row, contactErased: true };
      default:
        return row;
    }
  },
};
