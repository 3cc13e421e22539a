import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { notFound } from '@kinerja/domain';
import { Commands, Public, RouteWithBody, ZodValidationPipe } from '@kinerja/platform';
import { CitizenGate, CitizenGuard } from '../citizen/citizen-gate';
import { CITIZEN, citizenMetadata } from '../citizen/citizen-actor';
import { contactSchema, id, submissionId } from '../citizen/citizen-schemas';
import { hashCitizenCode } from '../citizen/codes';
import { FeedbackIntakeConfig } from '../config';
import { FEEDBACK_INTAKE_CONFIG } from '../tokens';
import { complaintDecider, ConfirmComplaintOutcome, ReopenComplaint } from './complaint.decider';
import { ComplaintIntake, FiledComplaintResponse } from './complaint-intake';
import { complaintStreamId } from './complaint.events';
import { ComplaintStatusResponse, GetComplaintStatusQuery } from './get-complaint-status/get-complaint-status.query';

const fileComplaintBody = z
  .object({
    submissionId,
    unitId: id('The service unit complained about'),
    category: z.string().trim().min(1).max(50).describe('Complaint category (its SLA in working days is configured)'),
    channel: z.enum(['WEB_FORM', 'QR_COUNTER', 'KIOSK']),
    counterId: id('Counter (loket) whose QR code was scanned').optional(),
    description: z.string().describe('What happened (limited in characters by configuration)'),
    subjectEmployeeId: id('NIP of the employee the complaint is about, if any').optional(),
    contact: contactSchema.optional(),
  })
  .strict();

const trackingCodeParam = z.string().min(4).max(40);
const reopenBody = z.object({ reason: z.string().describe('Why the outcome is not accepted') }).strict();

@ApiTags('citizens: complaints')
@Public()
@UseGuards(CitizenGuard)
@Controller('public/complaints')
export class PublicComplaintsController {
  constructor(
    private readonly commands: Commands,
    @Inject(FEEDBACK_INTAKE_CONFIG) private readonly config: FeedbackIntakeConfig,
    private readonly gate: CitizenGate,
    private readonly intake: ComplaintIntake,
    private readonly status: GetComplaintStatusQuery,
  ) {}

  @RouteWithBody(Post(), 'File a complaint (pengaduan) without an account; answers with a tracking code. Rate-limited; an identical resubmission gets the first answer (200).', fileComplaintBody)
  async file(
    @Body(new ZodValidationPipe(fileComplaintBody)) body: z.infer<typeof fileComplaintBody>,
    @Req() req: IncomingMessage,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<FiledComplaintResponse> {
    this.gate.admitTarget(`unit:${body.unitId}`, res);
    const { duplicate, result } = await this.gate.once(req, 'complaint', body, () => this.intake.receive(body, CITIZEN, citizenMetadata));
    if (!duplicate) return result;
    res.statusCode = 200;
    return { ...result, duplicate: true, message: 'Pengaduan yang sama sudah diterima sebelumnya; gunakan kode pelacakan ini.' };
  }

  @Get(':trackingCode')
  @ApiOperation({ summary: 'Follow a complaint with its tracking code.' })
  async follow(@Param('trackingCode', new ZodValidationPipe(trackingCodeParam)) code: string, @Res({ passthrough: true }) res: ServerResponse): Promise<ComplaintStatusResponse> {
    const hash = hashCitizenCode(code);
    this.gate.admitTarget(`code:${hash}`, res);
    return this.status.byTrackingCodeHash(hash);
  }

  @Post(':trackingCode/confirm')
  @HttpCode(200)
  @ApiOperation({ summary: 'The complainant accepts the outcome (resolved or rejected).' })
  async confirm(@Param('trackingCode', new ZodValidationPipe(trackingCodeParam)) code: string, @Res({ passthrough: true }) res: ServerResponse): Promise<ComplaintStatusResponse> {
    const { hash, complaintId } = await this.resolve(code, res);
    const now = this.commands.now();
    const command: ConfirmComplaintOutcome = { type: 'ConfirmComplaintOutcome', data: { complaintId, trackingCodeHash: hash }, metadata: { now, actor: CITIZEN } };
    await this.commands.run(complaintStreamId(complaintId), complaintDecider, command, citizenMetadata(now));
    return this.status.byTrackingCodeHash(hash);
  }

  @HttpCode(200)
  @RouteWithBody(Post(':trackingCode/reopen'), 'The complainant reopens a resolved or rejected complaint; a new SLA deadline runs from now.', reopenBody)
  async reopen(
    @Param('trackingCode', new ZodValidationPipe(trackingCodeParam)) code: string,
    @Body(new ZodValidationPipe(reopenBody)) body: z.infer<typeof reopenBody>,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<ComplaintStatusResponse> {
    const { hash, complaintId } = await this.resolve(code, res);
    const now = this.commands.now();
    const command: ReopenComplaint = {
      type: 'ReopenComplaint',
      data: {
        complaintId,
        trackingCodeHash: hash,
        reason: body.reason,
      },
      lookups: {
        sla: { policy: this.config.slaPolicy, calendar: this.config.calendar },
        textMaxLength: this.config.TEXT_MAX,
        ...(this.config.COMPLAINT_REOPEN_WINDOW_DAYS ? { reopenWindowDays: this.config.COMPLAINT_REOPEN_WINDOW_DAYS } : {}),
      },
      metadata: { now, actor: CITIZEN },
    };
    await this.commands.run(complaintStreamId(complaintId), complaintDecider, command, citizenMetadata(now));
    return this.status.byTrackingCodeHash(hash);
  }

  private async resolve(code: string, res: ServerResponse): Promise<{ hash: string; complaintId: string }> {
    const hash = hashCitizenCode(code);
    this.gate.admitTarget(`code:${hash}`, res);
    const complaintId = await this.status.complaintIdOf(hash);
    if (!complaintId) throw notFound('TRACKING_CODE_NOT_FOUND', 'Kode pelacakan tidak ditemukan. Periksa kembali kode Anda.');
    return { hash, complaintId };
  }
}
