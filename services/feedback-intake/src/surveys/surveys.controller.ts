import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { forbidden, invalid } from '@kinerja/domain';
import { handle } from '@kinerja/event-store';
import { Actor, Commands, CurrentActor, eventMetadata, periodIdSchema, Public, RouteWithBody, ZodValidationPipe } from '@kinerja/platform';
import { CitizenGate, CitizenGuard } from '../citizen/citizen-gate';
import { CITIZEN, citizenMetadata } from '../citizen/citizen-actor';
import { submissionId } from '../citizen/citizen-schemas';
import { FeedbackIntakeConfig } from '../config';
import { Directory } from '../directory/directory';
import { retryOnConflict } from '../retry';
import { FEEDBACK_INTAKE_CONFIG } from '../tokens';
import { GetIkmQuery, IkmOfYearEntry, IkmResponse } from './get-ikm/get-ikm.query';
import { CloseSurveyPeriod, OpenSurveyPeriod, SubmitSurveyResponse, surveyDecider } from './survey.decider';
import { SURVEY_CHANNELS, surveyStreamId } from './survey.events';

const unitIdParam = z.string().trim().min(1).max(100).regex(/^[A-Za-z0-9._-]+$/, 'Kode unit: huruf, angka, titik, garis bawah atau tanda hubung.');
const periodIdParam = periodIdSchema();
const ikmListQuery = z
  .object({ year: z.coerce.number().int().min(2000).max(2100), agencyId: z.string().trim().min(1).max(100).optional() })
  .strict();
const openBody = z.object({ unitId: unitIdParam, periodId: periodIdParam }).strict();
const responseBody = z
  .object({
    submissionId,
    answers: z.record(z.string(), z.unknown()).describe('U1–U9, each 1–4; an unanswered unsur is left out'),
    channel: z.enum(SURVEY_CHANNELS as unknown as [string, ...string[]]),
  })
  .strict();

/** Staff side: open and close a unit's SKM period; closing computes the IKM. */
@ApiTags('SKM / IKM')
@Controller('skm')
export class SurveysController {
  constructor(
    private readonly commands: Commands,
    @Inject(FEEDBACK_INTAKE_CONFIG) private readonly config: FeedbackIntakeConfig,
    private readonly directory: Directory,
    private readonly ikm: GetIkmQuery,
  ) {}

  @RouteWithBody(Post('periods'), "Open a unit's SKM period (officers of the unit, the agency's admin, city admins).", openBody)
  async open(@Body(new ZodValidationPipe(openBody)) body: z.infer<typeof openBody>, @CurrentActor() actor: Actor): Promise<IkmResponse> {
    const now = this.commands.now();
    const unit = await this.directory.unit(body.unitId);
    if (unit) await this.requireManager(actor, unit.unitId, unit.agencyId);
    const command: OpenSurveyPeriod = {
      type: 'OpenSurveyPeriod',
      data: { unitId: body.unitId, periodId: body.periodId, openedBy: actor.id },
      lookups: { unit: unit && { unitId: unit.unitId, agencyId: unit.agencyId } },
      metadata: { now, actor },
    };
    await this.commands.run(surveyStreamId(body.unitId, body.periodId), surveyDecider, command, eventMetadata(actor, { now, ...(unit ? { agencyId: unit.agencyId } : {}) }));
    return this.ikm.one(body.unitId, body.periodId);
  }

  @Post('periods/:unitId/:periodId/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close the period: the IKM is computed under the configured rule set and published (IkmComputed.v1).' })
  async close(
    @Param('unitId', new ZodValidationPipe(unitIdParam)) unitId: string,
    @Param('periodId', new ZodValidationPipe(periodIdParam)) periodId: string,
    @CurrentActor() actor: Actor,
  ): Promise<IkmResponse> {
    const now = this.commands.now();
    const unit = await this.directory.unit(unitId);
    if (!unit) throw invalid('UNKNOWN_UNIT', 'Unit layanan tidak dikenal.', 'unitId');
    await this.requireManager(actor, unit.unitId, unit.agencyId);
    const command: CloseSurveyPeriod = { type: 'CloseSurveyPeriod', data: { unitId, periodId, closedBy: actor.id }, lookups: { ruleSet: this.config.ikmRuleSet }, metadata: { now, actor } };
    await this.commands.run(
      surveyStreamId(unitId, periodId),
      surveyDecider,
      command,
      eventMetadata(actor, { now, agencyId: unit.agencyId, ruleSetVersion: this.config.ikmRuleSet.version }),
    );
    return this.ikm.one(unitId, periodId);
  }

  @Get('ikm')
  @ApiOperation({ summary: "The IKM of every service unit for a year (each SKM period), for the dashboards: the city's (ADMIN_CITY, AUDITOR) or one agency's (its ADMIN_OPD or PPK)." })
  @ApiQuery({ name: 'year', required: true })
  @ApiQuery({ name: 'agencyId', required: false })
  async ikmOfYear(@Query(new ZodValidationPipe(ikmListQuery)) query: z.infer<typeof ikmListQuery>, @CurrentActor() actor: Actor): Promise<IkmOfYearEntry[]> {
    const cityWide = actor.role === 'ADMIN_CITY' || actor.role === 'AUDITOR';
    const ownAgency = (actor.role === 'ADMIN_OPD' || actor.role === 'PPK') && actor.agencyId !== undefined && (!query.agencyId || query.agencyId === actor.agencyId);
    if (!cityWide && !ownAgency) throw forbidden('IKM_LIST_FORBIDDEN', 'Rekap IKM hanya untuk admin kota, auditor, atau admin dan PPK instansi terkait.');
    return this.ikm.ofYear(query.year, cityWide ? query.agencyId : actor.agencyId);
  }

  private async requireManager(actor: Actor, unitId: string, agencyId: string): Promise<void> {
    if (actor.role === 'ADMIN_CITY') return;
    if (actor.role === 'ADMIN_OPD' && actor.agencyId === agencyId) return;
    const employee = await this.directory.employee(actor.id);
    if (employee?.unitId !== unitId) throw forbidden('NOT_UNIT_OFFICER', 'Hanya petugas unit ini atau admin instansinya yang dapat mengelola periode survei.');
  }
}

/** Citizens answer the survey and read the published IKM. */
@ApiTags('citizens: SKM / IKM')
@Public()
@UseGuards(CitizenGuard)
@Controller('public')
export class PublicSurveysController {
  constructor(
    private readonly commands: Commands,
    private readonly gate: CitizenGate,
    private readonly ikm: GetIkmQuery,
  ) {}

  @RouteWithBody(Post('skm/:unitId/:periodId/responses'), 'Answer the SKM of a unit for a period (nine unsur, 1–4). A late answer after closing recomputes the IKM.', responseBody)
  async respond(
    @Param('unitId', new ZodValidationPipe(unitIdParam)) unitId: string,
    @Param('periodId', new ZodValidationPipe(periodIdParam)) periodId: string,
    @Body(new ZodValidationPipe(responseBody)) body: z.infer<typeof responseBody>,
    @Req() req: IncomingMessage,
    @Res({ passthrough: true }) res: ServerResponse,
  ): Promise<{ responseId: string; message: string; duplicate?: true }> {
    this.gate.admitTarget(`unit:${unitId}`, res);
    const { duplicate, result } = await this.gate.once(req, `skm:${unitId}:${periodId}`, body, async () => {
      const now = this.commands.now();
      const responseId = body.submissionId ?? randomUUID();
      const command: SubmitSurveyResponse = {
        type: 'SubmitSurveyResponse',
        data: { unitId, periodId, responseId, answers: body.answers, channel: body.channel as SubmitSurveyResponse['data']['channel'] },
        metadata: { now, actor: CITIZEN },
      };
      const { append } = await retryOnConflict(() => handle(this.commands.store, surveyStreamId(unitId, periodId), surveyDecider, command, citizenMetadata(now)));
      await this.commands.visible.wait(append);
      return { responseId, message: 'Terima kasih, jawaban survei Anda telah diterima.' };
    });
    if (!duplicate) return result;
    res.statusCode = 200;
    return { ...result, duplicate: true, message: 'Jawaban survei yang sama sudah diterima sebelumnya. Terima kasih.' };
  }

  @Get('ikm/:unitId/:periodId')
  @ApiOperation({ summary: 'The IKM of a unit for a period: value, grade (A–D), respondents, weight used.' })
  get(@Param('unitId', new ZodValidationPipe(unitIdParam)) unitId: string, @Param('periodId', new ZodValidationPipe(periodIdParam)) periodId: string): Promise<IkmResponse> {
    return this.ikm.one(unitId, periodId);
  }

  @Get('ikm/:unitId')
  @ApiOperation({ summary: 'Every period of a unit.' })
  list(@Param('unitId', new ZodValidationPipe(unitIdParam)) unitId: string): Promise<IkmResponse[]> {
    return this.ikm.forUnit(unitId);
  }
}
