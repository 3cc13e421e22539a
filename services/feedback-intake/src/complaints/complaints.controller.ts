import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { forbidden } from '@kinerja/domain';
import { Actor, assertAccess, Commands, CurrentActor, eventMetadata, Logger, LOGGER, RouteWithBody, ZodValidationPipe } from '@kinerja/platform';
import { FeedbackAccess } from '../access';
import { FEEDBACK_POLICY } from '../policy';
import { contactSchema } from '../citizen/citizen-schemas';
import { FeedbackIntakeConfig } from '../config';
import { Directory } from '../directory/directory';
import { FEEDBACK_INTAKE_CONFIG } from '../tokens';
import { complaintDecider, ComplaintCommand, RejectComplaint, ResolveComplaint, StartComplaintWork, TriageComplaint } from './complaint.decider';
import { complaintStreamId, REJECTION_REASON_CODES } from './complaint.events';
import { ComplaintIntake, FiledComplaintResponse } from './complaint-intake';
import { GetComplaintInboxQuery, InboxItem } from './get-complaint-inbox/get-complaint-inbox.query';
import { ComplaintStatistics, GetComplaintStatisticsQuery } from './get-complaint-inbox/get-complaint-statistics.query';

const unitIdSchema = z.string().trim().min(1).max(100);
const forwardedBody = z
  .object({
    unitId: unitIdSchema,
    category: z.string().trim().min(1).max(50),
    counterId: unitIdSchema.optional(),
    description: z.string().describe('The forwarded message (WhatsApp, letter, e-mail) as received'),
    subjectEmployeeId: unitIdSchema.optional(),
    contact: contactSchema.optional(),
  })
  .strict();
const triageBody = z
  .object({
    assignee: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('UNIT'), unitId: unitIdSchema }).strict(),
      z.object({ kind: z.literal('EMPLOYEE'), unitId: unitIdSchema, employeeId: z.string().trim().min(1).max(100) }).strict(),
    ]),
    note: z.string().optional(),
  })
  .strict();
const resolveBody = z.object({ resolution: z.string() }).strict();
const rejectBody = z.object({ reasonCode: z.enum(REJECTION_REASON_CODES as [string, ...string[]]), reason: z.string() }).strict();
const statisticsQuery = z.object({ agencyId: unitIdSchema.optional() }).strict();
const inboxQuery = z.object({ unitId: unitIdSchema.optional(), open: z.enum(['true', 'false']).optional() }).strict();

/**
 * The unit's side of a complaint. Officers act for the unit the directory places them in; the
 * inbox shows the complaint and its SLA clock, never the complainant.
 */
@ApiTags('complaints (staff)')
@Controller('complaints')
export class ComplaintsController {
  constructor(
    private readonly commands: Commands,
    @Inject(FEEDBACK_INTAKE_CONFIG) private readonly config: FeedbackIntakeConfig,
    private readonly directory: Directory,
    private readonly inbox: GetComplaintInboxQuery,
    private readonly stats: GetComplaintStatisticsQuery,
    private readonly intake: ComplaintIntake,
    private readonly access: FeedbackAccess,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Get('inbox')
  @ApiOperation({ summary: "The complaint inbox of the caller's unit (agency and city admins may name a unit), with SLA clocks, earliest deadline first." })
  async list(@Query(new ZodValidationPipe(inboxQuery)) query: z.infer<typeof inboxQuery>, @CurrentActor() actor: Actor): Promise<InboxItem[]> {
    const unitId = await this.unitOfReader(actor, query.unitId);
    return this.access.visible(actor, await this.inbox.forUnit(unitId, this.commands.now(), query.open !== 'false'));
  }

  @RouteWithBody(Post('forwarded'), 'An officer types in a complaint that reached the unit as a forwarded message; the answer holds the tracking code to pass on to the citizen.', forwardedBody)
  async forwarded(@Body(new ZodValidationPipe(forwardedBody)) body: z.infer<typeof forwardedBody>, @CurrentActor() actor: Actor): Promise<FiledComplaintResponse> {
    const officer = await this.directory.officer(actor);
    return this.intake.receive({ ...body, channel: 'FORWARDED_MESSAGE', forwardedBy: officer.employeeId }, actor, (now, agencyId) =>
      eventMetadata(actor, { now, ...(agencyId ? { agencyId } : {}) }),
    );
  }

  @Get('statistics')
  @ApiOperation({ summary: 'Complaint statistics by agency and category (city admins and auditors: the city; agency admins: their agency).' })
  async statistics(@Query(new ZodValidationPipe(statisticsQuery)) query: z.infer<typeof statisticsQuery>, @CurrentActor() actor: Actor): Promise<ComplaintStatistics[]> {
    // An agency's admin reads their own agency's (the one asked for, else theirs); the city all or one.
    const agencyId = actor.role === 'ADMIN_OPD' ? (query.agencyId ?? actor.agencyId) : query.agencyId;
    assertAccess(actor, { agencyId: agencyId ?? null }, FEEDBACK_POLICY.readComplaintStatistics);
    return this.stats.run(agencyId);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One complaint of the unit, with its SLA clock.' })
  async get(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor): Promise<InboxItem> {
    const row = await this.inbox.one(id);
    await this.access.assertOnComplaint(actor, 'readComplaint', row);
    return this.inbox.toItem(row, this.commands.now());
  }

  @HttpCode(200)
  @RouteWithBody(Post(':id/triage'), 'Assign (disposisi) the complaint to a unit or an employee of a unit.', triageBody)
  async triage(@Param('id', ParseUUIDPipe) id: string, @Body(new ZodValidationPipe(triageBody)) body: z.infer<typeof triageBody>, @CurrentActor() actor: Actor): Promise<InboxItem> {
    const row = await this.inbox.one(id);
    const officer = await this.directory.officer(actor);
    await this.access.assertOnComplaint(actor, 'handleComplaint', row);
    if (body.assignee.kind === 'EMPLOYEE' && (await this.access.conflicted(row.subjectEmployeeId)).has(body.assignee.employeeId)) {
      throw forbidden('ASSIGNEE_CONFLICTED', 'Pengaduan tidak dapat didisposisikan kepada pegawai yang diadukan atau atasannya di bawah kepala unit.');
    }
    if (row.assigneeEmployeeId !== null && (body.assignee.kind !== 'EMPLOYEE' || body.assignee.employeeId !== row.assigneeEmployeeId)) {
      // Reassignment is an event too (ComplaintTriaged, with who triaged); the log line lets an operator follow it at once.
      this.logger.info({ complaintId: id, from: row.assigneeEmployeeId, to: body.assignee.kind === 'EMPLOYEE' ? body.assignee.employeeId : `unit:${body.assignee.unitId}`, by: officer.employeeId }, 'complaint reassigned');
    }
    const assigneeUnit = await this.directory.unit(body.assignee.unitId);
    const employee = body.assignee.kind === 'EMPLOYEE' ? await this.directory.employee(body.assignee.employeeId) : undefined;
    const command: TriageComplaint = {
      type: 'TriageComplaint',
      data: {
        complaintId: id,
        assignee: body.assignee,
        triagedBy: officer.employeeId,
        note: body.note ?? null,
      },
      lookups: {
        assigneeUnit: assigneeUnit && { unitId: assigneeUnit.unitId },
        ...(employee !== undefined ? { assigneeEmployee: employee && employee.unitId ? { employeeId: employee.employeeId, unitId: employee.unitId } : null } : {}),
        textMaxLength: this.config.TEXT_MAX,
      },
      metadata: { now: this.commands.now(), actor },
    };
    return this.run(id, command, actor, row.agencyId);
  }

  @Post(':id/start')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start working on a triaged (or reopened) complaint.' })
  async start(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor): Promise<InboxItem> {
    const officer = await this.directory.officer(actor);
    await this.access.assertOnComplaint(actor, 'handleComplaint', await this.inbox.one(id));
    const command: StartComplaintWork = { type: 'StartComplaintWork', data: { complaintId: id, officer }, metadata: { now: this.commands.now(), actor } };
    return this.run(id, command, actor, officer.agencyId);
  }

  @HttpCode(200)
  @RouteWithBody(Post(':id/resolve'), 'Resolve the complaint; a resolution after the deadline records the SLA breach too.', resolveBody)
  async resolve(@Param('id', ParseUUIDPipe) id: string, @Body(new ZodValidationPipe(resolveBody)) body: z.infer<typeof resolveBody>, @CurrentActor() actor: Actor): Promise<InboxItem> {
    const officer = await this.directory.officer(actor);
    await this.access.assertOnComplaint(actor, 'handleComplaint', await this.inbox.one(id));
    const command: ResolveComplaint = {
      type: 'ResolveComplaint',
      data: { complaintId: id, officer, resolution: body.resolution },
      lookups: { textMaxLength: this.config.TEXT_MAX },
      metadata: { now: this.commands.now(), actor },
    };
    return this.run(id, command, actor, officer.agencyId);
  }

  @HttpCode(200)
  @RouteWithBody(Post(':id/reject'), 'Reject the complaint with a reason code and an explanation.', rejectBody)
  async reject(@Param('id', ParseUUIDPipe) id: string, @Body(new ZodValidationPipe(rejectBody)) body: z.infer<typeof rejectBody>, @CurrentActor() actor: Actor): Promise<InboxItem> {
    const officer = await this.directory.officer(actor);
    await this.access.assertOnComplaint(actor, 'handleComplaint', await this.inbox.one(id));
    const command: RejectComplaint = {
      type: 'RejectComplaint',
      data: { complaintId: id, officer, reasonCode: body.reasonCode as RejectComplaint['data']['reasonCode'], reason: body.reason },
      lookups: { textMaxLength: this.config.TEXT_MAX },
      metadata: { now: this.commands.now(), actor },
    };
    return this.run(id, command, actor, officer.agencyId);
  }

  private async run(id: string, command: ComplaintCommand, actor: Actor, agencyId: string): Promise<InboxItem> {
    const now = command.metadata.now;
    await this.commands.run(complaintStreamId(id), complaintDecider, command, eventMetadata(actor, { now, agencyId }));
    return this.inbox.toItem(await this.inbox.one(id), now);
  }

  private async unitOfReader(actor: Actor, unitId: string | undefined): Promise<string> {
    if (!unitId) return (await this.directory.officer(actor)).unitId;
    const unit = await this.directory.unit(unitId);
    await this.access.assertOnUnit(actor, unitId, unit?.agencyId ?? null);
    return unitId;
  }
}
