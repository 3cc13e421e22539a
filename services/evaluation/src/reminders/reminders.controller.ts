import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Actor, assertAccess, Commands, CurrentActor, eventMetadata, RouteWithBody, ZodValidationPipe } from '@kinerja/platform';
import { adminScopeOf } from '../access';
import { PeriodLookups } from '../periods/period-lookups';
import { EVALUATION_POLICY } from '../policy';
import { GetRatingProgressQuery, RatingProgressResponse } from './get-reminders/get-rating-progress.query';
import { GetRemindersQuery, RemindersResponse } from './get-reminders/get-reminders.query';
import { MAX_RECIPIENTS, reminderDecider, RequestReminder } from './reminder.decider';
import { REMINDER_STAGES, reminderStream } from './reminder.events';

const reminderBody = z
  .object({
    stage: z.enum(REMINDER_STAGES).describe('SUBMIT_SKP and REALISE remind employees; APPROVE_SKP and RATE their pejabat penilai'),
    recipients: z.array(z.string().trim().min(1).max(120)).min(1).max(MAX_RECIPIENTS).describe('NIPs (or a city official id) to remind'),
    note: z.string().trim().max(500).optional().describe('A line added to the reminder'),
  })
  .strict();

/**
 * Who of an agency has not yet done a stage of a period, and reminders to them (issue 17 §2). A
 * reminder is stored as the admin asked it (`ReminderRequested`), pending until the notifier
 * records it sent. SKP and realisation progress are work-planning's `GET /agencies/{id}/skp-progress`.
 */
@ApiTags('periods')
@Controller('periods/:periodId')
export class RemindersController {
  constructor(
    private readonly commands: Commands,
    private readonly periods: PeriodLookups,
    private readonly ratingProgress: GetRatingProgressQuery,
    private readonly reminders: GetRemindersQuery,
  ) {}

  @Get('rating-progress')
  @ApiOperation({ summary: "Everyone of the period's agency, their pejabat penilai and whether they have been rated (admin OPD of the agency, PPK, BKPSDM, auditors)." })
  async progress(@Param('periodId') periodId: string, @CurrentActor() actor: Actor): Promise<RatingProgressResponse> {
    const period = await this.periods.period(periodId);
    assertAccess(actor, { agencyId: this.periods.agencyOf(period) }, EVALUATION_POLICY.overseeAgency);
    return this.ratingProgress.run(period, await this.periods.chart(period, this.commands.now()));
  }

  @Get('reminders')
  @ApiOperation({ summary: 'The reminders asked for in the period, newest first, each PENDING or SENT (admin OPD of the agency, PPK, BKPSDM, auditors).' })
  async list(@Param('periodId') periodId: string, @CurrentActor() actor: Actor): Promise<RemindersResponse> {
    const period = await this.periods.period(periodId);
    assertAccess(actor, { agencyId: this.periods.agencyOf(period) }, EVALUATION_POLICY.overseeAgency);
    return this.reminders.run(period.periodId);
  }

  @RouteWithBody(Post('reminders'), 'Ask that people be reminded of a stage of the period (admin OPD of the agency or BKPSDM). Stored as ReminderRequested, PENDING until the notifier sends it.', reminderBody)
  async request(
    @Param('periodId') periodId: string,
    @Body(new ZodValidationPipe(reminderBody)) body: z.infer<typeof reminderBody>,
    @CurrentActor() actor: Actor,
  ): Promise<RemindersResponse['reminders'][number]> {
    const period = await this.periods.period(periodId);
    const agencyId = this.periods.agencyOf(period);
    const now = this.commands.now();
    const reminderId = randomUUID();
    const command: RequestReminder = {
      type: 'RequestReminder',
      data: { reminderId, periodId: period.periodId, stage: body.stage, recipients: body.recipients, note: body.note || null },
      lookups: { agencyId, adminScope: adminScopeOf(actor) },
      metadata: { now, actor },
    };
    await this.commands.run(reminderStream(reminderId), reminderDecider, command, eventMetadata(actor, { now, agencyId }));
    const { reminders } = await this.reminders.run(period.periodId);
    return reminders.find((r) => r.reminderId === reminderId)!;
  }
}
