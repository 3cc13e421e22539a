import { Body, Controller, Delete, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { fold, forbidden, invalid } from '@kinerja/domain';
import { toDomainEvent } from '@kinerja/event-store';
import { Actor, Commands, CurrentActor, eventMetadata, periodIdSchema, RouteWithBody, ZodValidationPipe } from '@kinerja/platform';
import { FeedbackIntakeConfig } from '../config';
import { FeedbackAccess } from '../access';
import { Directory } from '../directory/directory';
import { FEEDBACK_INTAKE_CONFIG } from '../tokens';
import { continuousFeedbackDecider, ContinuousFeedbackCommand, ContinuousFeedbackState, FeedbackLimits, GiveColleagueFeedback, GiveSupervisorFeedback, MarkFeedbackAsEvidence, RespondToContinuousFeedback, UnmarkFeedbackAsEvidence } from './continuous-feedback.decider';
import { BERAKHLAK_VALUES, ContinuousFeedbackEvent, continuousFeedbackStreamId } from './continuous-feedback.events';
import { FeedbackTimelineItem, GetFeedbackTimelineQuery } from './get-feedback-timeline/get-feedback-timeline.query';

const nip = z.string().regex(/^[0-9]{18}$/, 'NIP terdiri atas 18 angka.');
const periodId = periodIdSchema();
const giveBody = z
  .object({
    employeeId: nip.describe('NIP of the employee receiving the feedback'),
    periodId,
    topic: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('BERAKHLAK'), value: z.enum(BERAKHLAK_VALUES) }).strict(),
      z.object({ kind: z.literal('RHK'), rhkId: z.string().min(1).max(100) }).strict(),
    ]),
    content: z.string(),
    evidence: z.array(z.object({ ref: z.string().max(500), description: z.string().optional() }).strict()).max(100).optional(),
  })
  .strict();
const colleagueBody = z
  .object({
    employeeId: nip.describe('NIP of the employee receiving the feedback'),
    periodId,
    value: z.enum(BERAKHLAK_VALUES),
    content: z.string(),
    evidence: giveBody.shape.evidence,
  })
  .strict();
const respondBody = z.object({ response: z.string() }).strict();
const timelineQuery = z.object({ periodId: periodId.optional() }).strict();

/** Umpan balik berkelanjutan (PermenPANRB 6/2022): from the pejabat penilai of the period. */
@ApiTags('continuous feedback')
@Controller()
export class ContinuousFeedbackController {
  constructor(
    private readonly commands: Commands,
    @Inject(FEEDBACK_INTAKE_CONFIG) private readonly config: FeedbackIntakeConfig,
    private readonly directory: Directory,
    private readonly timeline: GetFeedbackTimelineQuery,
    private readonly access: FeedbackAccess,
  ) {}

  @RouteWithBody(Post('continuous-feedback'), "The pejabat penilai gives feedback on a subordinate's RHK or a BerAKHLAK value.", giveBody)
  async give(@Body(new ZodValidationPipe(giveBody)) body: z.infer<typeof giveBody>, @CurrentActor() actor: Actor): Promise<FeedbackTimelineItem> {
    const now = this.commands.now();
    const employee = await this.directory.employee(body.employeeId);
    if (!employee) throw invalid('UNKNOWN_EMPLOYEE', 'Pegawai tidak dikenal.', 'employeeId');
    const feedbackId = randomUUID();
    const command: GiveSupervisorFeedback = {
      type: 'GiveSupervisorFeedback',
      data: {
        feedbackId,
        periodId: body.periodId,
        employeeId: body.employeeId,
        giverId: actor.id,
        content: body.content,
        evidence: body.evidence,
        topic: body.topic,
      },
      lookups: {
        pejabatPenilaiId: await this.directory.pejabatPenilaiOn(body.employeeId, this.directory.dateInPeriod(body.periodId)),
        employeeAgencyId: employee.agencyId,
        ...(body.topic.kind === 'RHK' ? { rhk: await this.directory.rhk(body.employeeId, body.topic.rhkId, body.periodId) } : {}),
        ...this.limits(),
      },
      metadata: { now, actor },
    };
    await this.commands.run(continuousFeedbackStreamId(feedbackId), continuousFeedbackDecider, command, eventMetadata(actor, { now, agencyId: employee.agencyId }));
    return this.timeline.one(feedbackId);
  }

  @RouteWithBody(Post('continuous-feedback/colleague'), 'A peer at the same level in the same agency, or a direct subordinate, gives BerAKHLAK feedback, where the agency enables it.', colleagueBody)
  async colleague(@Body(new ZodValidationPipe(colleagueBody)) body: z.infer<typeof colleagueBody>, @CurrentActor() actor: Actor): Promise<FeedbackTimelineItem> {
    const now = this.commands.now();
    const date = this.directory.dateInPeriod(body.periodId);
    const employee = await this.directory.colleagueOn(body.employeeId, date);
    if (!employee) throw invalid('UNKNOWN_EMPLOYEE', 'Pegawai tidak tercatat pada jabatan mana pun pada periode ini.', 'employeeId');
    const giver = await this.directory.colleagueOn(actor.id, date);
    if (!giver) throw forbidden('NOT_PEER_OR_SUBORDINATE', 'Anda tidak tercatat pada jabatan mana pun pada periode ini.');
    const feedbackId = randomUUID();
    const command: GiveColleagueFeedback = {
      type: 'GiveColleagueFeedback',
      data: {
        feedbackId,
        periodId: body.periodId,
        employeeId: body.employeeId,
        giverId: actor.id,
        value: body.value,
        content: body.content,
        evidence: body.evidence,
      },
      lookups: {
        giver,
        employee: { employeeId: employee.employeeId, agencyId: employee.agencyId, level: employee.level },
        agencySettings: await this.directory.agencyFeedbackSettings(employee.agencyId),
        ...this.limits(),
      },
      metadata: { now, actor },
    };
    await this.commands.run(continuousFeedbackStreamId(feedbackId), continuousFeedbackDecider, command, eventMetadata(actor, { now, agencyId: employee.agencyId }));
    return this.timeline.one(feedbackId);
  }

  @HttpCode(200)
  @RouteWithBody(Post('continuous-feedback/:id/response'), 'The employee responds to feedback (once).', respondBody)
  async respond(@Param('id', ParseUUIDPipe) id: string, @Body(new ZodValidationPipe(respondBody)) body: z.infer<typeof respondBody>, @CurrentActor() actor: Actor): Promise<FeedbackTimelineItem> {
    const command: RespondToContinuousFeedback = {
      type: 'RespondToContinuousFeedback',
      data: { feedbackId: id, responderId: actor.id, response: body.response },
      lookups: { responseMaxLength: this.config.CONTINUOUS_FEEDBACK_MAX },
      metadata: { now: this.commands.now(), actor },
    };
    return this.run(id, command, actor);
  }

  @Post('continuous-feedback/:id/evidence-mark')
  @HttpCode(200)
  @ApiOperation({ summary: 'The pejabat penilai marks the feedback as evidence for the evaluation (idempotent).' })
  async mark(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor): Promise<FeedbackTimelineItem> {
    const command: MarkFeedbackAsEvidence = {
      type: 'MarkFeedbackAsEvidence',
      data: { feedbackId: id, markedBy: actor.id },
      lookups: { pejabatPenilaiId: await this.pejabatPenilaiOf(id) },
      metadata: { now: this.commands.now(), actor },
    };
    return this.run(id, command, actor);
  }

  @Delete('continuous-feedback/:id/evidence-mark')
  @ApiOperation({ summary: 'The pejabat penilai removes the evidence mark (idempotent).' })
  async unmark(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor): Promise<FeedbackTimelineItem> {
    const command: UnmarkFeedbackAsEvidence = {
      type: 'UnmarkFeedbackAsEvidence',
      data: { feedbackId: id, removedBy: actor.id },
      lookups: { pejabatPenilaiId: await this.pejabatPenilaiOf(id) },
      metadata: { now: this.commands.now(), actor },
    };
    return this.run(id, command, actor);
  }

  @Get('employees/:nip/feedback-timeline')
  @ApiOperation({ summary: "An employee's feedback timeline: the employee, their pejabat penilai, their agency's admin, city admins and auditors." })
  async list(
    @Param('nip', new ZodValidationPipe(nip)) employeeId: string,
    @Query(new ZodValidationPipe(timelineQuery)) query: z.infer<typeof timelineQuery>,
    @CurrentActor() actor: Actor,
  ): Promise<FeedbackTimelineItem[]> {
    await this.access.assertOnEmployee(actor, 'readFeedbackTimeline', employeeId);
    return this.timeline.forEmployee(employeeId, query.periodId);
  }

  private limits(): FeedbackLimits {
    return { contentMaxLength: this.config.CONTINUOUS_FEEDBACK_MAX, maxEvidenceItems: this.config.EVIDENCE_ITEMS_MAX, evidenceDescriptionMaxLength: this.config.TEXT_MAX };
  }

  /** The pejabat penilai of the feedback's employee for the feedback's period. */
  private async pejabatPenilaiOf(feedbackId: string): Promise<string | null> {
    const events = await this.commands.store.readStream(continuousFeedbackStreamId(feedbackId));
    const state: ContinuousFeedbackState = fold(continuousFeedbackDecider, events.map(toDomainEvent) as ContinuousFeedbackEvent[]);
    if (state.status === 'EMPTY') return null;
    return this.directory.pejabatPenilaiOn(state.employeeId, this.directory.dateInPeriod(state.periodId));
  }

  private async run(id: string, command: ContinuousFeedbackCommand, actor: Actor): Promise<FeedbackTimelineItem> {
    const now = command.metadata.now;
    await this.commands.run(continuousFeedbackStreamId(id), continuousFeedbackDecider, command, eventMetadata(actor, { now }));
    return this.timeline.one(id);
  }
}
