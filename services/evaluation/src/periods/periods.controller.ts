import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Actor, Commands, CurrentActor, eventMetadata, RouteWithBody, ZodValidationPipe } from '@kinerja/platform';
import { adminScopeOf } from '../access';
import { localDate } from '../local-date';
import { CADENCES, ruleSetInForce } from '../rule-sets/rule-set';
import { calendarId, calendarStream, ChangeFillDeadline, evaluationCalendarDecider, SetUpEvaluationCalendar } from './evaluation-calendar.decider';
import { GetPeriodsQuery, PeriodsResponse } from './get-periods/get-periods.query';
import { PeriodLookups } from './period-lookups';

const localDateField = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Tanggal harus YYYY-MM-DD');
const setUpBody = z
  .object({
    year: z.number().int().min(2000).max(2100),
    cadence: z.enum(CADENCES).describe('Periodic evaluations: MONTHLY, QUARTERLY or SEMESTER (plus the annual one)'),
    fillDeadlines: z.record(z.string(), localDateField).optional().describe('Batas pengisian per period code (M01.., Q1.., S1.., ANNUAL)'),
  })
  .strict();
const fillDeadlineBody = z.object({ fillDeadline: localDateField }).strict();
const yearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) }).strict();

@ApiTags('periods')
@Controller('agencies/:agencyId')
export class PeriodsController {
  constructor(
    private readonly commands: Commands,
    private readonly lookups: PeriodLookups,
    private readonly getPeriods: GetPeriodsQuery,
  ) {}

  @RouteWithBody(Post('evaluation-calendars'), 'Set up the evaluation periods of an agency for a year (cadence, fill deadlines). Admin OPD of the agency or BKPSDM.', setUpBody)
  async setUp(
    @Param('agencyId') agencyId: string,
    @Body(new ZodValidationPipe(setUpBody)) body: z.infer<typeof setUpBody>,
    @CurrentActor() actor: Actor,
  ): Promise<PeriodsResponse> {
    const now = this.commands.now();
    const ruleSet = ruleSetInForce(this.lookups.ruleSets, localDate(body.year, 1, 1));
    const command: SetUpEvaluationCalendar = {
      type: 'SetUpEvaluationCalendar',
      data: { agencyId, year: body.year, cadence: body.cadence, fillDeadlines: body.fillDeadlines },
      lookups: { ruleSet, adminScope: adminScopeOf(actor) },
      metadata: { now, actor },
    };
    await this.commands.run(
      calendarStream(calendarId(agencyId, body.year)),
      evaluationCalendarDecider,
      command,
      eventMetadata(actor, { now, agencyId, ruleSetVersion: ruleSet.version }),
    );
    return this.getPeriods.run(agencyId, body.year);
  }

  @RouteWithBody(Put('evaluation-calendars/:year/periods/:code/fill-deadline'), 'Change the fill deadline (batas pengisian) of one period. Admin OPD of the agency or BKPSDM.', fillDeadlineBody)
  async changeFillDeadline(
    @Param('agencyId') agencyId: string,
    @Param('year') yearText: string,
    @Param('code') code: string,
    @Body(new ZodValidationPipe(fillDeadlineBody)) body: z.infer<typeof fillDeadlineBody>,
    @CurrentActor() actor: Actor,
  ): Promise<PeriodsResponse> {
    const now = this.commands.now();
    const year = Number(yearText);
    const id = calendarId(agencyId, year);
    const command: ChangeFillDeadline = {
      type: 'ChangeFillDeadline',
      data: { calendarId: id, periodId: `${id}:${code}`, fillDeadline: body.fillDeadline },
      lookups: { adminScope: adminScopeOf(actor) },
      metadata: { now, actor },
    };
    await this.commands.run(calendarStream(id), evaluationCalendarDecider, command, eventMetadata(actor, { now, agencyId }));
    return this.getPeriods.run(agencyId, year);
  }

  @Get('periods')
  @ApiOperation({ summary: 'The evaluation periods of an agency for a year, with their fill deadlines.' })
  periods(@Param('agencyId') agencyId: string, @Query(new ZodValidationPipe(yearQuery)) query: z.infer<typeof yearQuery>): Promise<PeriodsResponse> {
    return this.getPeriods.run(agencyId, query.year);
  }
}
