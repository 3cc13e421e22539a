import { Projection } from '@kinerja/domain';
import { ComplaintEvent } from '../complaint.events';

/**
 * Open complaints whose breach is not recorded yet, with their deadline: the SLA scheduler's work
 * list. A row disappears when the breach is recorded or the complaint is closed, and comes back
 * with the new deadline when it is reopened.
 */
export interface DueComplaintRow {
  complaintId: string;
  dueAt: Date;
}

export const dueComplaintProjection: Projection<DueComplaintRow, ComplaintEvent> = {
  name: 'feedback-intake.get-due-complaints',
  handles: ['ComplaintReceived', 'ComplaintReopened', 'ComplaintSlaBreached', 'ComplaintResolved', 'ComplaintRejected', 'ComplaintConfirmed'],
  keys: (event) => [event.data.complaintId],
  evolve(_row, event) {
    switch (event.type) {
      case 'ComplaintReceived':
      case 'ComplaintReopened':
        return { complaintId: event.data.complaintId, dueAt: new Date(event.data.sla.dueAt) };
      default:
        return null;
    }
  },
};
