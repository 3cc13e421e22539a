import { Body, Controller, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { handle } from '@kinerja/event-store';
import { Commands, Public, RouteWithBody, ZodValidationPipe } from '@kinerja/platform';
import { CitizenGate, CitizenGuard } from '../citizen/citizen-gate';
import { CITIZEN, citizenMetadata } from '../citizen/citizen-actor';
import { contactSchema, id, submissionId } from '../citizen/citizen-schemas';
import { hashCitizenCode, newCitizenCode } from '../citizen/codes';
import { FeedbackIntakeConfig } from '../config';
import { Directory } from '../directory/directory';
import { ContactStore } from '../privacy/contact-store';
import { FEEDBACK_INTAKE_CONFIG } from '../tokens';
import { citizenFeedbackDecider, SubmitCitizenFeedback } from './citizen-feedback.decider';
import { citizenFeedbackStreamId } from './citizen-feedback.events';

const submitFeedbackBody = z
  .object({
    submissionId,
    unitId: id('The service unit rated'),
    rating: z.number().describe('1 (tidak baik) to 4 (sangat baik), the SKM perception scale'),
    comment: z.string().optional(),
    channel: z.enum(['WEB_FORM', 'QR_COUNTER', 'KIOSK']),
    counterId: id('Counter (loket) whose QR code was scanned').optional(),
    employeeId: id('NIP of the employee who served, if the citizen names one').optional(),
    contact: contactSchema.optional(),
  })
  .strict();

export interface SubmittedFeedbackResponse {
  feedbackId: string;
  /** Only when contact details were left: the code to erase them later. Shown once. */
  erasureCode?: string;
  message: string;
  duplicate?: true;
}

@ApiTags('citizens: feedback')
@Public()
@UseGuards(CitizenGuard)
@Controller('public/feedback')
export class PublicFeedbackController {
  constructor(
    private readonly commands: Commands,
    @Inject(FEEDBACK_INTAKE_CONFIG) private readonly config: FeedbackIntakeConfig,
    private readonly gate: CitizenGate,
    private readonly directory: Directory,
    private readonly contacts: ContactStore,
  ) {}

  @RouteWithBody(Post(), 'Rate a service unit (1–4) without an account. Rate-limited; an identical resubmission is accepted once (200 "sudah diterima").', submitFeedbackBody)
  async submit(
    @Body(new ZodValidationPipe(submitFeedbackBody)) body: z.infer<typeof submitFeedbackBody>,
    @Req() req: IncomingMessage,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<SubmittedFeedbackResponse> {
    this.gate.admitTarget(`unit:${body.unitId}`, res);
    const { duplicate, result } = await this.gate.once(req, 'feedback', body, () => this.receive(body));
    if (!duplicate) return result;
    res.statusCode = 200;
    return { ...result, duplicate: true, message: 'Masukan yang sama sudah diterima sebelumnya. Terima kasih.' };
  }

  private async receive(body: z.infer<typeof submitFeedbackBody>): Promise<SubmittedFeedbackResponse> {
    const now = this.commands.now();
    const feedbackId = randomUUID();
    const unit = await this.directory.unit(body.unitId);
    // A citizen's answer never tells whether a NIP exists (issue 15 finding 12): an employee who is
    // unknown, or not serving in the unit, is simply not attached to the feedback.
    const named = body.employeeId ? await this.directory.employee(body.employeeId) : null;
    const employeeId = named && named.unitId === body.unitId ? named.employeeId : undefined;
    const employee = employeeId ? named : undefined;
    const contactRef = body.contact ? this.contacts.newRef() : null;
    const erasureCode = body.contact ? newCitizenCode() : undefined;
    const command: SubmitCitizenFeedback = {
      type: 'SubmitCitizenFeedback',
      data: {
        feedbackId,
        unitId: body.unitId,
        counterId: body.counterId ?? null,
        employeeId: employeeId ?? null,
        rating: body.rating,
        comment: body.comment ?? null,
        channel: body.channel,
        contactRef,
      },
      lookups: {
        unit,
        ...(employee !== undefined ? { employee: employee && employee.unitId ? { employeeId: employee.employeeId, unitId: employee.unitId } : null } : {}),
        commentMaxLength: this.config.FEEDBACK_COMMENT_MAX,
      },
      metadata: { now, actor: CITIZEN },
    };
    // Decide first (pure): refused feedback must leave no contact record behind.
    citizenFeedbackDecider.decide(command, citizenFeedbackDecider.initialState());
    if (body.contact && contactRef && erasureCode) {
      await this.contacts.save(contactRef, body.contact, { kind: 'CITIZEN_FEEDBACK', id: feedbackId }, hashCitizenCode(erasureCode));
    }
    try {
      // No read model answers this request, so it does not wait for the projections.
      await handle(this.commands.store, citizenFeedbackStreamId(feedbackId), citizenFeedbackDecider, command, citizenMetadata(now, unit?.agencyId));
    } catch (error) {
      if (contactRef) await this.contacts.discard(contactRef);
      throw error;
    }
    return {
      feedbackId,
      ...(erasureCode ? { erasureCode } : {}),
      message: erasureCode
        ? `Terima kasih, masukan Anda telah diterima. Simpan kode ${erasureCode} bila kelak ingin menghapus data kontak Anda.`
        : 'Terima kasih, masukan Anda telah diterima.',
    };
  }
}
