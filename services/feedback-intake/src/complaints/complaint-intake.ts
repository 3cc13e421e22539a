import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CommandActor } from '@kinerja/domain';
import { EventMetadata, handle } from '@kinerja/event-store';
import { Commands } from '@kinerja/platform';
import { CitizenChannel } from '../citizen-input.rules';
import { hashCitizenCode, newCitizenCode } from '../citizen/codes';
import { FeedbackIntakeConfig } from '../config';
import { Directory } from '../directory/directory';
import { ContactDetails, ContactStore } from '../privacy/contact-store';
import { FEEDBACK_INTAKE_CONFIG } from '../tokens';
import { complaintDecider, ReceiveComplaint } from './complaint.decider';
import { complaintStreamId } from './complaint.events';
import { COMPLAINT_STATUS_LABELS } from './get-complaint-status/get-complaint-status.query';

export interface ComplaintInput {
  unitId: string;
  category: string;
  channel: CitizenChannel;
  counterId?: string;
  description: string;
  subjectEmployeeId?: string;
  contact?: ContactDetails;
  /** The officer who typed in a forwarded message. */
  forwardedBy?: string;
}

export interface FiledComplaintResponse {
  complaintId: string;
  /** Shown once: the only way for the citizen to follow, confirm, reopen or erase. */
  trackingCode: string;
  status: string;
  statusLabel: string;
  dueOn: string;
  dueAt: string;
  message: string;
  duplicate?: true;
}

/** Receiving a complaint, from the citizen's form or typed in from a forwarded message. */
@Injectable()
export class ComplaintIntake {
  constructor(
    private readonly commands: Commands,
    @Inject(FEEDBACK_INTAKE_CONFIG) private readonly config: FeedbackIntakeConfig,
    private readonly directory: Directory,
    private readonly contacts: ContactStore,
  ) {}

  async receive(input: ComplaintInput, actor: CommandActor, metadata: (now: Date, agencyId: string | undefined) => EventMetadata): Promise<FiledComplaintResponse> {
    const now = this.commands.now();
    const complaintId = randomUUID();
    const trackingCode = newCitizenCode();
    const trackingCodeHash = hashCitizenCode(trackingCode);
    const unit = await this.directory.unit(input.unitId);
    const named = input.subjectEmployeeId ? await this.directory.employee(input.subjectEmployeeId) : undefined;
    // A citizen's form never tells whether a NIP exists (issue 15 finding 12): an unknown employee
    // is not attached (the description keeps what the citizen wrote); staff typing in a forwarded
    // message are told.
    const silent = input.channel !== 'FORWARDED_MESSAGE' && input.subjectEmployeeId !== undefined && !(named && named.unitId === input.unitId);
    const subjectEmployeeId = silent ? undefined : input.subjectEmployeeId;
    const subject = silent ? undefined : named;
    const contactRef = input.contact ? this.contacts.newRef() : null;
    const command: ReceiveComplaint = {
      type: 'ReceiveComplaint',
      data: {
        complaintId,
        unitId: input.unitId,
        category: input.category,
        channel: input.channel,
        counterId: input.counterId ?? null,
        description: input.description,
        subjectEmployeeId: subjectEmployeeId ?? null,
        forwardedBy: input.forwardedBy ?? null,
        contactRef,
        trackingCodeHash,
      },
      lookups: {
        unit,
        ...(subject !== undefined ? { subjectEmployee: subject && subject.unitId ? { employeeId: subject.employeeId, unitId: subject.unitId } : null } : {}),
        sla: { policy: this.config.slaPolicy, calendar: this.config.calendar }, descriptionMaxLength: this.config.COMPLAINT_DESCRIPTION_MAX,
      },
      metadata: { now, actor },
    };
    // Decide first (pure): a refused complaint must leave no contact record behind.
    complaintDecider.decide(command, complaintDecider.initialState());
    if (input.contact && contactRef) await this.contacts.save(contactRef, input.contact, { kind: 'COMPLAINT', id: complaintId }, trackingCodeHash);
    let appended;
    try {
      appended = await handle(this.commands.store, complaintStreamId(complaintId), complaintDecider, command, metadata(now, unit?.agencyId));
    } catch (error) {
      if (contactRef) await this.contacts.discard(contactRef);
      throw error;
    }
    await this.commands.visible.wait(appended.append);
    const received = appended.events[0];
    const sla = received.type === 'ComplaintReceived' ? received.data.sla : null;
    return {
      complaintId,
      trackingCode,
      status: 'RECEIVED',
      statusLabel: COMPLAINT_STATUS_LABELS.RECEIVED,
      dueOn: sla?.dueOn ?? '',
      dueAt: sla?.dueAt ?? '',
      message: `Pengaduan Anda telah diterima. Simpan kode pelacakan ${trackingCode} untuk mengikuti penanganannya.`,
    };
  }
}
