import { Command, conflict, Decider, forbidden, invalid, notFound } from '@kinerja/domain';
import { channelProblem, CitizenChannel } from '../citizen-input.rules';
import { optionalText, requiredText } from '../text';
import { SlaPolicy } from '../sla/sla-policy.rules';
import { computeSlaDeadline, WorkingCalendar } from '../sla/working-calendar.rules';
import { ComplaintAssignee, ComplaintEvent, ComplaintSlaBreached, REJECTION_REASON_CODES, RejectionReasonCode } from './complaint.events';

export interface SlaConfig {
  policy: SlaPolicy;
  calendar: WorkingCalendar;
}

/** The officer acting, with the unit they act for (checked against the assignment). */
export interface Officer {
  employeeId: string;
  unitId: string;
}

export type ReceiveComplaint = Command<
  'ReceiveComplaint',
  {
    complaintId: string;
    unitId: string;
    category: string;
    channel: CitizenChannel;
    /** The counter whose QR code was scanned, or one the citizen picked. */
    counterId?: string | null;
    description: string;
    subjectEmployeeId?: string | null;
    forwardedBy?: string | null;
    /** Reference to the encrypted contact record, stored by the edge before this command. */
    contactRef?: string | null;
    trackingCodeHash: string;
  },
  {
    /** The target unit as the organisation knows it now, with its service counters; null when unknown. */
    unit: { unitId: string; agencyId: string; counterIds: readonly string[] } | null;
    /** The named employee's current unit; null when unknown; absent when none was named. */
    subjectEmployee?: { employeeId: string; unitId: string } | null;
    sla: SlaConfig;
    descriptionMaxLength: number;
  }
>;

export type TriageComplaint = Command<
  'TriageComplaint',
  {
    complaintId: string;
    assignee: ComplaintAssignee;
    triagedBy: string;
    note?: string | null;
  },
  {
    assigneeUnit: { unitId: string } | null;
    /** Where the assigned employee serves now; required when assigning to an employee. */
    assigneeEmployee?: { employeeId: string; unitId: string } | null;
    textMaxLength: number;
  }
>;

export type StartComplaintWork = Command<'StartComplaintWork', { complaintId: string; officer: Officer }>;

export type ResolveComplaint = Command<
  'ResolveComplaint',
  { complaintId: string; officer: Officer; resolution: string },
  { textMaxLength: number }
>;

export type RejectComplaint = Command<
  'RejectComplaint',
  { complaintId: string; officer: Officer; reasonCode: RejectionReasonCode; reason: string },
  { textMaxLength: number }
>;

export type ConfirmComplaintOutcome = Command<'ConfirmComplaintOutcome', { complaintId: string; trackingCodeHash: string }>;

export type ReopenComplaint = Command<
  'ReopenComplaint',
  {
    complaintId: string;
    trackingCodeHash: string;
    reason: string;
  },
  /** `reopenWindowDays`: calendar days after resolution or rejection; absent = no limit [U]. */
  { sla: SlaConfig; textMaxLength: number; reopenWindowDays?: number }
>;

/** Sent by the SLA scheduler; idempotent. */
export type MarkSlaBreached = Command<'MarkSlaBreached', { complaintId: string }>;

export type EraseComplaintContact = Command<
  'EraseComplaintContact',
  {
    complaintId: string;
    /** The complainant proves it with the tracking code; an officer acts on a verified request. */
    requestedBy: { kind: 'COMPLAINANT'; trackingCodeHash: string } | { kind: 'OFFICER'; officerId: string };
  }
>;

export type ComplaintCommand =
  | ReceiveComplaint
  | TriageComplaint
  | StartComplaintWork
  | ResolveComplaint
  | RejectComplaint
  | ConfirmComplaintOutcome
  | ReopenComplaint
  | MarkSlaBreached
  | EraseComplaintContact;

interface ComplaintFacts {
  complaintId: string;
  agencyId: string;
  unitId: string;
  category: string;
  trackingCodeHash: string;
  contactRef: string | null;
  contactErased: boolean;
  assignee: ComplaintAssignee | null;
  /** The current deadline, and whether its breach was recorded. */
  dueAt: string;
  slaBreached: boolean;
}

export type ComplaintState =
  | { status: 'EMPTY' }
  | (ComplaintFacts & { status: 'RECEIVED' | 'TRIAGED' | 'IN_PROGRESS' | 'REOPENED' })
  | (ComplaintFacts & { status: 'RESOLVED' | 'REJECTED'; closedAt: string })
  | (ComplaintFacts & { status: 'CONFIRMED' });

type Status = ComplaintState['status'];
type Existing = Exclude<ComplaintState, { status: 'EMPTY' }>;

export const initialComplaintState = (): ComplaintState => ({ status: 'EMPTY' });

export function evolveComplaint(state: ComplaintState, event: ComplaintEvent): ComplaintState {
  if (event.type === 'ComplaintReceived') {
    const d = event.data;
    return {
      status: 'RECEIVED',
      complaintId: d.complaintId,
      agencyId: d.agencyId,
      unitId: d.unitId,
      category: d.category,
      trackingCodeHash: d.trackingCodeHash,
      contactRef: d.contactRef,
      contactErased: false,
      assignee: null,
      dueAt: d.sla.dueAt,
      slaBreached: false,
    };
  }
  if (state.status === 'EMPTY') return state;
  const facts = factsOf(state);
  switch (event.type) {
    case 'ComplaintTriaged':
      return { ...facts, status: 'TRIAGED', assignee: event.data.assignee };
    case 'ComplaintWorkStarted':
      return { ...facts, status: 'IN_PROGRESS' };
    case 'ComplaintResolved':
      return { ...facts, status: 'RESOLVED', closedAt: event.data.resolvedAt };
    case 'ComplaintRejected':
      return { ...facts, status: 'REJECTED', closedAt: event.data.rejectedAt };
    case 'ComplaintConfirmed':
      return { ...facts, status: 'CONFIRMED' };
    case 'ComplaintReopened':
      return { ...facts, status: 'REOPENED', dueAt: event.data.sla.dueAt, slaBreached: false };
    case 'ComplaintSlaBreached':
      return { ...state, slaBreached: true };
    case 'ComplaintContactErased':
      return { ...state, contactErased: true };
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}

function factsOf(state: Existing): ComplaintFacts {
  const { complaintId, agencyId, unitId, category, trackingCodeHash, contactRef, contactErased, assignee, dueAt, slaBreached } = state;
  return { complaintId, agencyId, unitId, category, trackingCodeHash, contactRef, contactErased, assignee, dueAt, slaBreached };
}

export function decideComplaint(command: ComplaintCommand, state: ComplaintState): ComplaintEvent[] {
  const now = command.metadata.now;
  const at = now.toISOString();
  switch (command.type) {
    case 'ReceiveComplaint': {
      if (state.status !== 'EMPTY') throw conflict('COMPLAINT_ALREADY_RECEIVED', 'Pengaduan ini sudah diterima.');
      const d = command.data;
      const { unit, subjectEmployee, sla, descriptionMaxLength } = command.lookups;
      if (!unit || unit.unitId !== d.unitId) throw invalid('UNKNOWN_UNIT', 'Unit layanan tidak dikenal.', 'unitId');
      const workingDays = slaWorkingDays(sla.policy, d.category);
      if (workingDays === undefined) throw invalid('UNKNOWN_CATEGORY', `Kategori pengaduan "${d.category}" tidak dikenal.`, 'category');
      const channelError = channelProblem({ channel: d.channel, forwardedBy: d.forwardedBy, counterId: d.counterId });
      if (channelError) throw channelError;
      if (d.counterId && !unit.counterIds.includes(d.counterId)) throw invalid('UNKNOWN_COUNTER', 'Loket tidak dikenal di unit ini.', 'counterId');
      const description = requiredText(d.description, descriptionMaxLength, 'description', 'Uraian pengaduan');
      if (d.subjectEmployeeId && (!subjectEmployee || subjectEmployee.employeeId !== d.subjectEmployeeId)) {
        throw invalid('UNKNOWN_EMPLOYEE', 'Pegawai yang disebut tidak dikenal.', 'subjectEmployeeId');
      }
      if (!d.trackingCodeHash) throw invalid('TRACKING_CODE_REQUIRED', 'Kode pelacakan wajib dibuat.', 'trackingCodeHash');
      return [
        {
          type: 'ComplaintReceived',
          data: {
            complaintId: d.complaintId,
            agencyId: unit.agencyId,
            unitId: unit.unitId,
            category: d.category,
            channel: d.channel,
            counterId: d.counterId || null,
            description,
            subjectEmployeeId: d.subjectEmployeeId || null,
            forwardedBy: d.forwardedBy || null,
            contactRef: d.contactRef || null,
            trackingCodeHash: d.trackingCodeHash,
            receivedAt: at,
            sla: { ...computeSlaDeadline(now, workingDays, sla.calendar), policyVersion: sla.policy.version },
          },
        },
      ];
    }

    case 'TriageComplaint': {
      const complaint = existing(state);
      requireStatus(complaint, ['RECEIVED', 'TRIAGED', 'IN_PROGRESS', 'REOPENED'], 'didisposisikan');
      const d = command.data;
      const { lookups } = command;
      if (!lookups.assigneeUnit || lookups.assigneeUnit.unitId !== d.assignee.unitId) {
        throw invalid('UNKNOWN_UNIT', 'Unit tujuan disposisi tidak dikenal.', 'assignee.unitId');
      }
      if (d.assignee.kind === 'EMPLOYEE') {
        const employee = lookups.assigneeEmployee;
        if (!employee || employee.employeeId !== d.assignee.employeeId) throw invalid('UNKNOWN_EMPLOYEE', 'Pegawai tujuan disposisi tidak dikenal.', 'assignee.employeeId');
        if (employee.unitId !== d.assignee.unitId) throw invalid('EMPLOYEE_NOT_IN_UNIT', 'Pegawai tujuan tidak bertugas di unit tersebut.', 'assignee.employeeId');
      }
      const note = optionalText(d.note, lookups.textMaxLength, 'note', 'Catatan disposisi');
      return [{ type: 'ComplaintTriaged', data: { complaintId: complaint.complaintId, assignee: d.assignee, triagedBy: d.triagedBy, note, triagedAt: at } }];
    }

    case 'StartComplaintWork': {
      const complaint = existing(state);
      requireStatus(complaint, ['TRIAGED', 'REOPENED'], 'mulai ditangani');
      if (!complaint.assignee) throw conflict('COMPLAINT_NOT_TRIAGED', 'Pengaduan belum didisposisikan.');
      requireAssigneeUnit(complaint, command.data.officer);
      return [{ type: 'ComplaintWorkStarted', data: { complaintId: complaint.complaintId, startedBy: command.data.officer.employeeId, startedAt: at } }];
    }

    case 'ResolveComplaint': {
      const complaint = existing(state);
      requireStatus(complaint, ['IN_PROGRESS'], 'diselesaikan');
      requireAssigneeUnit(complaint, command.data.officer);
      const resolution = requiredText(command.data.resolution, command.lookups.textMaxLength, 'resolution', 'Uraian penyelesaian');
      return [
        ...breachIfDue(complaint, now),
        {
          type: 'ComplaintResolved',
          data: {
            complaintId: complaint.complaintId,
            unitId: complaint.unitId,
            category: complaint.category,
            resolution,
            resolvedBy: command.data.officer.employeeId,
            resolvedAt: at,
            withinSla: now.getTime() < Date.parse(complaint.dueAt),
          },
        },
      ];
    }

    case 'RejectComplaint': {
      const complaint = existing(state);
      requireStatus(complaint, ['RECEIVED', 'TRIAGED', 'IN_PROGRESS', 'REOPENED'], 'ditolak');
      requireAssigneeUnit(complaint, command.data.officer);
      const d = command.data;
      if (!REJECTION_REASON_CODES.includes(d.reasonCode)) throw invalid('UNKNOWN_REASON_CODE', 'Kode alasan penolakan tidak dikenal.', 'reasonCode');
      const reason = requiredText(d.reason, command.lookups.textMaxLength, 'reason', 'Alasan penolakan');
      return [
        ...breachIfDue(complaint, now),
        { type: 'ComplaintRejected', data: { complaintId: complaint.complaintId, reasonCode: d.reasonCode, reason, rejectedBy: d.officer.employeeId, rejectedAt: at } },
      ];
    }

    case 'ConfirmComplaintOutcome': {
      const complaint = existing(state);
      requireStatus(complaint, ['RESOLVED', 'REJECTED'], 'dikonfirmasi');
      requireTrackingCode(complaint, command.data.trackingCodeHash);
      const outcome = complaint.status === 'RESOLVED' ? 'RESOLVED' : 'REJECTED';
      return [{ type: 'ComplaintConfirmed', data: { complaintId: complaint.complaintId, outcome, confirmedAt: at } }];
    }

    case 'ReopenComplaint': {
      const complaint = existing(state);
      if (complaint.status !== 'RESOLVED' && complaint.status !== 'REJECTED') throw transitionConflict(complaint.status, 'dibuka kembali');
      requireTrackingCode(complaint, command.data.trackingCodeHash);
      const config = command.lookups;
      if (config.reopenWindowDays !== undefined && now.getTime() - Date.parse(complaint.closedAt) > config.reopenWindowDays * 86_400_000) {
        throw conflict('REOPEN_WINDOW_PASSED', `Pengaduan hanya dapat dibuka kembali dalam ${config.reopenWindowDays} hari setelah ditanggapi.`);
      }
      const reason = requiredText(command.data.reason, config.textMaxLength, 'reason', 'Alasan membuka kembali');
      const workingDays = slaWorkingDays(config.sla.policy, complaint.category);
      if (workingDays === undefined) throw conflict('CATEGORY_WITHOUT_SLA', `Kategori "${complaint.category}" tidak lagi memiliki SLA.`);
      return [
        {
          type: 'ComplaintReopened',
          data: {
            complaintId: complaint.complaintId,
            reason,
            reopenedAt: at,
            sla: { ...computeSlaDeadline(now, workingDays, config.sla.calendar), policyVersion: config.sla.policy.version },
          },
        },
      ];
    }

    case 'MarkSlaBreached': {
      const complaint = existing(state);
      if (!isOpen(complaint.status) || complaint.slaBreached) return [];
      if (now.getTime() < Date.parse(complaint.dueAt)) throw conflict('SLA_NOT_YET_DUE', 'Batas waktu penanganan pengaduan belum terlewati.');
      return breachIfDue(complaint, now);
    }

    case 'EraseComplaintContact': {
      const complaint = existing(state);
      const by = command.data.requestedBy;
      if (by.kind === 'COMPLAINANT') requireTrackingCode(complaint, by.trackingCodeHash);
      if (!complaint.contactRef || complaint.contactErased) return [];
      return [
        {
          type: 'ComplaintContactErased',
          data: {
            complaintId: complaint.complaintId,
            contactRef: complaint.contactRef,
            requestedBy: by.kind,
            officerId: by.kind === 'OFFICER' ? by.officerId : null,
            erasedAt: at,
          },
        },
      ];
    }

    default: {
      const unreachable: never = command;
      return unreachable;
    }
  }
}

function slaWorkingDays(policy: SlaPolicy, category: string): number | undefined {
  return Object.hasOwn(policy.workingDaysByCategory, category) ? policy.workingDaysByCategory[category] : undefined;
}

const OPEN: readonly Status[] = ['RECEIVED', 'TRIAGED', 'IN_PROGRESS', 'REOPENED'];
const isOpen = (status: Status): boolean => OPEN.includes(status);

const STATUS_LABEL: Record<Status, string> = {
  EMPTY: 'belum ada',
  RECEIVED: 'diterima',
  TRIAGED: 'didisposisikan',
  IN_PROGRESS: 'sedang ditangani',
  REOPENED: 'dibuka kembali',
  RESOLVED: 'selesai',
  REJECTED: 'ditolak',
  CONFIRMED: 'dikonfirmasi pelapor',
};

function existing(state: ComplaintState): Existing {
  if (state.status === 'EMPTY') throw notFound('COMPLAINT_NOT_FOUND', 'Pengaduan tidak ditemukan.');
  return state;
}

function transitionConflict(status: Status, action: string) {
  return conflict('TRANSITION_NOT_ALLOWED', `Pengaduan berstatus "${STATUS_LABEL[status]}" tidak dapat ${action}.`);
}

function requireStatus(complaint: Existing, allowed: readonly Status[], action: string): void {
  if (!allowed.includes(complaint.status)) throw transitionConflict(complaint.status, action);
}

/** Before assignment the receiving unit acts; afterwards the assigned unit. */
function requireAssigneeUnit(complaint: Existing, officer: Officer): void {
  const unitId = complaint.assignee?.unitId ?? complaint.unitId;
  if (officer.unitId !== unitId) throw forbidden('NOT_ASSIGNED_UNIT', 'Pengaduan ini tidak didisposisikan ke unit Anda.');
}

function requireTrackingCode(complaint: Existing, trackingCodeHash: string): void {
  if (!trackingCodeHash || trackingCodeHash !== complaint.trackingCodeHash) throw forbidden('TRACKING_CODE_MISMATCH', 'Kode pelacakan tidak cocok.');
}

function breachIfDue(complaint: Existing, now: Date): ComplaintSlaBreached[] {
  if (complaint.slaBreached || now.getTime() < Date.parse(complaint.dueAt)) return [];
  return [
    {
      type: 'ComplaintSlaBreached',
      data: { complaintId: complaint.complaintId, unitId: complaint.unitId, category: complaint.category, dueAt: complaint.dueAt, detectedAt: now.toISOString() },
    },
  ];
}

export const complaintDecider: Decider<ComplaintCommand, ComplaintEvent, ComplaintState> = {
  initialState: initialComplaintState,
  evolve: evolveComplaint,
  decide: decideComplaint,
};
