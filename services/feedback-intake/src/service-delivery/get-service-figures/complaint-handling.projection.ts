import { Projection } from '@kinerja/domain';
import { ComplaintEvent } from '../../complaints/complaint.events';

/**
 * Who resolved each complaint, in which category, and whether within its SLA: the facts behind an
 * indicator such as "% pengaduan kebersihan ditangani dalam SLA". A complaint reopened and resolved
 * again counts by its latest resolution.
 */
export interface ComplaintHandlingRow {
  complaintId: string;
  unitId: string;
  category: string;
  resolvedBy: string;
  resolvedAt: Date;
  withinSla: boolean;
}

export const complaintHandlingProjection: Projection<ComplaintHandlingRow, ComplaintEvent> = {
  name: 'feedback-intake.complaint-handling',
  handles: ['ComplaintResolved'],
  keys: (event) => (event.type === 'ComplaintResolved' ? [event.data.complaintId] : []),
  evolve(row, event) {
    if (event.type !== 'ComplaintResolved') return row;
    const d = event.data;
    return { complaintId: d.complaintId, unitId: d.unitId, category: d.category, resolvedBy: d.resolvedBy, resolvedAt: new Date(d.resolvedAt), withinSla: d.withinSla };
  },
};
