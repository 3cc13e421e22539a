import { DomainEvent } from '@kinerja/domain';
import { CitizenChannel } from '../citizen-input.rules';
import { SlaDeadline } from '../sla/working-calendar.rules';

/**
 * Internal events of a complaint (pengaduan), stream `complaint-<complaintId>`.
 * No event carries the complainant's contact details: only `contactRef`, an opaque reference to
 * a record encrypted with a per-complaint key kept outside the event store. The tracking code is
 * carried only as a hash made at the edge.
 */

export type ComplaintAssignee = { kind: 'UNIT'; unitId: string } | { kind: 'EMPLOYEE'; unitId: string; employeeId: string };

export type RejectionReasonCode = 'OUT_OF_SCOPE' | 'DUPLICATE' | 'INSUFFICIENT_INFORMATION' | 'NOT_A_COMPLAINT' | 'OTHER';
export const REJECTION_REASON_CODES: readonly RejectionReasonCode[] = ['OUT_OF_SCOPE', 'DUPLICATE', 'INSUFFICIENT_INFORMATION', 'NOT_A_COMPLAINT', 'OTHER'];

export type ComplaintReceived = DomainEvent<
  'ComplaintReceived',
  {
    complaintId: string;
    agencyId: string;
    unitId: string;
    category: string;
    channel: CitizenChannel;
    counterId: string | null;
    description: string;
    /** The employee the complaint is about, if the citizen named one. */
    subjectEmployeeId: string | null;
    forwardedBy: string | null;
    contactRef: string | null;
    trackingCodeHash: string;
    receivedAt: string;
    sla: SlaDeadline & { policyVersion: string };
  }
>;

export type ComplaintTriaged = DomainEvent<
  'ComplaintTriaged',
  { complaintId: string; assignee: ComplaintAssignee; triagedBy: string; note: string | null; triagedAt: string }
>;

export type ComplaintWorkStarted = DomainEvent<'ComplaintWorkStarted', { complaintId: string; startedBy: string; startedAt: string }>;

export type ComplaintResolved = DomainEvent<
  'ComplaintResolved',
  { complaintId: string; unitId: string; category: string; resolution: string; resolvedBy: string; resolvedAt: string; withinSla: boolean }
>;

export type ComplaintRejected = DomainEvent<
  'ComplaintRejected',
  { complaintId: string; reasonCode: RejectionReasonCode; reason: string; rejectedBy: string; rejectedAt: string }
>;

export type ComplaintConfirmed = DomainEvent<'ComplaintConfirmed', { complaintId: string; outcome: 'RESOLVED' | 'REJECTED'; confirmedAt: string }>;

export type ComplaintReopened = DomainEvent<
  'ComplaintReopened',
  { complaintId: string; reason: string; reopenedAt: string; sla: SlaDeadline & { policyVersion: string } }
>;

/** At most once per deadline: the one set at receipt, or the new one set by a reopening. */
export type ComplaintSlaBreached = DomainEvent<
  'ComplaintSlaBreached',
  { complaintId: string; unitId: string; category: string; dueAt: string; detectedAt: string }
>;

/** The key of `contactRef` is destroyed outside the domain; this records that it happened. */
export type ComplaintContactErased = DomainEvent<
  'ComplaintContactErased',
  { complaintId: string; contactRef: string; requestedBy: 'COMPLAINANT' | 'OFFICER'; officerId: string | null; erasedAt: string }
>;

export type ComplaintEvent =
  | ComplaintReceived
  | ComplaintTriaged
  | ComplaintWorkStarted
  | ComplaintResolved
  | ComplaintRejected
  | ComplaintConfirmed
  | ComplaintReopened
  | ComplaintSlaBreached
  | ComplaintContactErased;

/** The events that carry a complaint through its statuses, from received to confirmed (or reopened). */
export const COMPLAINT_STATUS_EVENTS = [
  'ComplaintReceived',
  'ComplaintTriaged',
  'ComplaintWorkStarted',
  'ComplaintResolved',
  'ComplaintRejected',
  'ComplaintConfirmed',
  'ComplaintReopened',
] as const satisfies readonly ComplaintEvent['type'][];

export const complaintStreamId = (complaintId: string): string => `complaint-${complaintId}`;
