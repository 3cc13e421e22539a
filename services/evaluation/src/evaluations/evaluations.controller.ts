import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { handle } from '@kinerja/event-store';
import { Actor, assertAccess, Commands, CurrentActor, eventMetadata, Relation, RouteWithBody, ZodValidationPipe } from '@kinerja/platform';
import { adminScopeOf } from '../access';
import { EVALUATION_POLICY } from '../policy';
import { PeriodLookups } from '../periods/period-lookups';
import { EvaluationFacts, suggestRatings } from '../predicate.rules';
import { EXPLANATION_PARTIES, RATINGS } from '../rule-sets/rule-set';
import { EvaluationCommand, evaluationDecider, evaluationIdOf, evaluationStream, RecordEvaluationFacts, SubmitEvaluation } from './evaluation.decider';
import { EvaluationLookups } from './evaluation-lookups';
import { CityDashboardResponse, GetCityDashboardQuery } from './get-city-dashboard.query';
import { EmployeeHistoryResponse, GetEmployeeHistoryQuery } from './get-evaluation/get-employee-history.query';
import { EvaluationResponse, GetEvaluationQuery } from './get-evaluation/get-evaluation.query';
import { GetObjectionQueueQuery, ObjectionQueueResponse } from './get-evaluation/get-objection-queue.query';
import { ObjectionNotifier } from '../notifications/objection-notifier';
import { GetRatingsDueQuery, RatingsDueResponse } from './get-evaluation/get-ratings-due.query';
import { GetTeamBoardQuery, TeamBoardResponse } from './get-evaluation/get-team-board.query';
import { GetWhatIfQuery } from './get-what-if.query';

const rating = z.enum(RATINGS);
const text = (max: number) => z.string().max(max);
const submitBody = z
  .object({
    ratingHasil: rating.optional().describe('Rating Hasil Kerja; omitted when the leader rule sets it'),
    ratingPerilaku: rating.describe('Rating Perilaku Kerja'),
    justification: text(5000).describe('Written justification of the ratings'),
  })
  .strict();
const objectionBody = z.object({ reasons: text(5000) }).strict();
const explanationRequestBody = z.object({ from: z.enum(EXPLANATION_PARTIES), question: text(5000) }).strict();
const explanationBody = z.object({ from: z.enum(EXPLANATION_PARTIES), explanation: text(5000) }).strict();
const decisionBody = z
  .object({ outcome: z.enum(['KEEP', 'CHANGE']), ratingHasil: rating.optional(), ratingPerilaku: rating.optional(), reasons: text(5000) })
  .strict();
const factsBody = z
  .object({
    indicators: z.array(z.object({ indicatorId: z.string().min(1).max(100), achievement: z.number().min(0).max(100) }).strict()).max(200),
    feedback: z.object({ positive: z.number().int().min(0), negative: z.number().int().min(0) }).strict(),
  })
  .strict();
const whatIfQuery = z.object({ version: z.string().min(1).max(50) }).strict();
const objectionQueueQuery = z.object({ open: z.enum(['true', 'false']).default('true') }).strict();
const dashboardQuery = z
  .object({ year: z.coerce.number().int().min(2000).max(2100), code: z.string().regex(/^(M(0[1-9]|1[0-2])|Q[1-4]|S[12]|ANNUAL)$/, 'Kode periode tidak dikenal').default('ANNUAL') })
  .strict();

@ApiTags('evaluations')
@Controller()
export class EvaluationsController {
  constructor(
    private readonly commands: Commands,
    private readonly lookups: EvaluationLookups,
    private readonly periods: PeriodLookups,
    private readonly getEvaluation: GetEvaluationQuery,
    private readonly getTeamBoard: GetTeamBoardQuery,
    private readonly getHistory: GetEmployeeHistoryQuery,
    private readonly getWhatIf: GetWhatIfQuery,
    private readonly getCityDashboard: GetCityDashboardQuery,
    private readonly getObjectionQueue: GetObjectionQueueQuery,
    private readonly getRatingsDue: GetRatingsDueQuery,
    private readonly objections: ObjectionNotifier,
  ) {}

  @Get('periods/:periodId/employees/:nip/evaluation-context')
  @ApiOperation({
    summary:
      "What the pejabat penilai sees before rating: who rates whom, the facts and the suggested rating (a suggestion only) with its basis. `periodId` is the agency's evaluation period (`DINKES:2026:S1`, `DINKES:2026:ANNUAL`); other services' facts are those recorded for the same period in the one vocabulary (`2026-S1`, `2026`), shown as `factsPeriodId`.",
  })
  async context(@Param('periodId') periodId: string, @Param('nip') nip: string, @CurrentActor() actor: Actor) {
    const now = this.commands.now();
    const lookup = await this.lookups.submission(periodId, nip, now);
    const agencyId = this.periods.agencyOf(lookup.period);
    const relations: Relation[] = [];
    if (actor.id === lookup.pejabatPenilaiId) relations.push('PEJABAT_PENILAI');
    if (actor.id === lookup.atasanPejabatPenilaiId) relations.push('ATASAN');
    assertAccess(actor, { nip, agencyId, relations }, EVALUATION_POLICY.readEmployeeEvaluation);
    const suggestion = lookup.facts === null ? null : suggestRatings(lookup.ruleSet, lookup.facts);
    return {
      evaluationId: evaluationIdOf(periodId, nip),
      period: lookup.period,
      /** The period of the one vocabulary under which the facts of other services were looked up (e.g. 2026-S1). */
      factsPeriodId: lookup.consumed.periodId,
      employeeId: nip,
      unitId: lookup.unitId || null,
      pejabatPenilaiId: lookup.pejabatPenilaiId,
      atasanPejabatPenilaiId: lookup.atasanPejabatPenilaiId,
      ledUnit: lookup.ledUnit,
      ruleSetVersion: lookup.ruleSet.version,
      facts: lookup.facts,
      realisations: lookup.consumed.realisations,
      feedbackCounts: lookup.consumed.feedback,
      unitIkm: lookup.consumed.unitIkm,
      citizenRatings: lookup.consumed.citizenRatings,
      /** Mentoring the employee gave in the period: evidence for their BerAKHLAK (issue 19). */
      mentoring: lookup.consumed.mentoring,
      suggestion,
      unitFinalized: lookup.unitFinalized,
    };
  }

  @RouteWithBody(Put('periods/:periodId/employees/:nip/facts'), 'Record the facts behind the suggested rating (indicator achievement, feedback counts) for an employee and period. Admin of the agency; stands in until SKP, realisation and feedback events are consumed.', factsBody)
  async putFacts(
    @Param('periodId') periodId: string,
    @Param('nip') nip: string,
    @Body(new ZodValidationPipe(factsBody)) body: EvaluationFacts,
    @CurrentActor() actor: Actor,
  ) {
    const agencyId = this.periods.agencyOf(await this.periods.period(periodId));
    const now = this.commands.now();
    const evaluationId = evaluationIdOf(periodId, nip);
    const command: RecordEvaluationFacts = {
      type: 'RecordEvaluationFacts',
      data: { evaluationId, employeeId: nip, periodId, facts: body },
      lookups: { adminScope: adminScopeOf(actor), agencyId },
      metadata: { now, actor },
    };
    await this.commands.run(evaluationStream(evaluationId), evaluationDecider, command, eventMetadata(actor, { now, agencyId }));
    return this.context(periodId, nip, actor);
  }

  @RouteWithBody(Post('periods/:periodId/employees/:nip/evaluation'), "Rate an employee for a period (Rating Hasil Kerja, Rating Perilaku Kerja, justification). Only that period's pejabat penilai.", submitBody)
  async submit(
    @Param('periodId') periodId: string,
    @Param('nip') nip: string,
    @Body(new ZodValidationPipe(submitBody)) body: z.infer<typeof submitBody>,
    @CurrentActor() actor: Actor,
  ): Promise<EvaluationResponse> {
    const now = this.commands.now();
    const { atasanPejabatPenilaiId: _atasan, consumed: _consumed, ...lookup } = await this.lookups.submission(periodId, nip, now);
    const evaluationId = evaluationIdOf(periodId, nip);
    const command: SubmitEvaluation = { type: 'SubmitEvaluation', data: { evaluationId, ...body }, lookups: lookup, metadata: { now, actor } };
    await this.commands.run(
      evaluationStream(evaluationId),
      evaluationDecider,
      command,
      eventMetadata(actor, { now, agencyId: this.periods.agencyOf(lookup.period), ruleSetVersion: lookup.ruleSet.version }),
    );
    return this.getEvaluation.run(evaluationId, actor);
  }

  @Get('evaluations/:evaluationId')
  @ApiOperation({ summary: 'One evaluation: ratings, predicate, rule-set version, suggestion and difference, keberatan window, objection.' })
  get(@Param('evaluationId') evaluationId: string, @CurrentActor() actor: Actor): Promise<EvaluationResponse> {
    return this.getEvaluation.run(evaluationId, actor);
  }

  private async run(evaluationId: string, actor: Actor, build: (now: Date) => Promise<EvaluationCommand>): Promise<EvaluationResponse> {
    const now = this.commands.now();
    const command = await build(now);
    const agencyId = evaluationId.split(':')[0];
    const { append, events } = await handle(
      this.commands.store,
      evaluationStream(evaluationId),
      evaluationDecider,
      command,
      eventMetadata(actor, { now, agencyId }),
    );
    if (append) await this.objections.recorded(events, append.nextRevision);
    await this.commands.visible.wait(append);
    return this.getEvaluation.run(evaluationId, actor);
  }

  @HttpCode(201)
  @RouteWithBody(Post('evaluations/:evaluationId/objection'), 'File a keberatan (PP 30/2019 Pasal 59) within the window, to the atasan pejabat penilai of the period. The evaluated employee only.', objectionBody)
  fileObjection(
    @Param('evaluationId') evaluationId: string,
    @Body(new ZodValidationPipe(objectionBody)) body: z.infer<typeof objectionBody>,
    @CurrentActor() actor: Actor,
  ): Promise<EvaluationResponse> {
    return this.run(evaluationId, actor, async (now) => {
      const atasanPejabatPenilaiId = await this.lookups.atasanPejabatPenilai(await this.lookups.evaluation(evaluationId), now);
      return { type: 'FileObjection', data: { evaluationId, reasons: body.reasons }, lookups: { atasanPejabatPenilaiId }, metadata: { now, actor } };
    });
  }

  @HttpCode(201)
  @RouteWithBody(Post('evaluations/:evaluationId/explanation-requests'), 'Ask the pejabat penilai or the employee for an explanation of an objection. The atasan it went to.', explanationRequestBody)
  requestExplanation(
    @Param('evaluationId') evaluationId: string,
    @Body(new ZodValidationPipe(explanationRequestBody)) body: z.infer<typeof explanationRequestBody>,
    @CurrentActor() actor: Actor,
  ): Promise<EvaluationResponse> {
    return this.run(evaluationId, actor, async (now) => ({ type: 'RequestExplanation', data: { evaluationId, ...body }, metadata: { now, actor } }));
  }

  @HttpCode(201)
  @RouteWithBody(Post('evaluations/:evaluationId/explanations'), 'Give a requested explanation (the party asked, or the atasan recording it).', explanationBody)
  giveExplanation(
    @Param('evaluationId') evaluationId: string,
    @Body(new ZodValidationPipe(explanationBody)) body: z.infer<typeof explanationBody>,
    @CurrentActor() actor: Actor,
  ): Promise<EvaluationResponse> {
    return this.run(evaluationId, actor, async (now) => ({ type: 'GiveExplanation', data: { evaluationId, ...body }, metadata: { now, actor } }));
  }

  @HttpCode(201)
  @RouteWithBody(Post('evaluations/:evaluationId/decision'), 'Decide an objection: keep or change; final (PP 30/2019 Pasal 59(4)). The atasan the objection went to.', decisionBody)
  decide(
    @Param('evaluationId') evaluationId: string,
    @Body(new ZodValidationPipe(decisionBody)) body: z.infer<typeof decisionBody>,
    @CurrentActor() actor: Actor,
  ): Promise<EvaluationResponse> {
    return this.run(evaluationId, actor, async (now) => {
      const state = await this.lookups.evaluation(evaluationId);
      const version = state.status === 'NOT_SUBMITTED' ? this.periods.ruleSets[this.periods.ruleSets.length - 1].version : state.result.ruleSetVersion;
      return { type: 'DecideObjection', data: { evaluationId, ...body }, lookups: { ruleSet: this.periods.ruleSetVersion(version) }, metadata: { now, actor } };
    });
  }

  @Get('periods/:periodId/team-board')
  @ApiOperation({ summary: "The caller's team for the period (as pejabat penilai) and where each evaluation stands." })
  async teamBoard(@Param('periodId') periodId: string, @CurrentActor() actor: Actor): Promise<TeamBoardResponse> {
    const period = await this.periods.period(periodId);
    return this.getTeamBoard.run(periodId, actor.id, await this.periods.chart(period, this.commands.now()));
  }

  @Get('atasan/:nip/objections')
  @ApiOperation({ summary: 'The keberatan this atasan pejabat penilai has to decide, oldest first (open=false: also the decided ones).' })
  @ApiQuery({ name: 'open', required: false, enum: ['true', 'false'] })
  objectionQueue(
    @Param('nip') nip: string,
    @Query(new ZodValidationPipe(objectionQueueQuery)) query: z.infer<typeof objectionQueueQuery>,
    @CurrentActor() actor: Actor,
  ): Promise<ObjectionQueueResponse> {
    return this.getObjectionQueue.run(nip, query.open === 'true', actor);
  }

  @Get('pejabat-penilai/:nip/ratings-due')
  @ApiOperation({
    summary:
      "The pejabat penilai's queue of ratings due: for each ended period (this year and last) the employees they rate whose evaluation is not submitted, with the period's fill deadline (batas pengisian) and whether it is overdue. SKPs to approve are work-planning's `GET /supervisors/{nip}/queue`.",
  })
  ratingsDue(@Param('nip') nip: string, @CurrentActor() actor: Actor): Promise<RatingsDueResponse> {
    return this.getRatingsDue.run(nip, actor, this.commands.now());
  }

  @Get('employees/:nip/evaluation-history')
  @ApiOperation({ summary: "An employee's evaluations across years (what the caller may read)." })
  history(@Param('nip') nip: string, @CurrentActor() actor: Actor): Promise<EmployeeHistoryResponse> {
    return this.getHistory.run(nip, actor);
  }

  @Get('city-dashboard')
  @ApiOperation({ summary: 'One period (year and code) across the agencies of the city: progress, objections, predicate distribution. BKPSDM and auditors.' })
  cityDashboard(@Query(new ZodValidationPipe(dashboardQuery)) query: z.infer<typeof dashboardQuery>, @CurrentActor() actor: Actor): Promise<CityDashboardResponse> {
    assertAccess(actor, null, EVALUATION_POLICY.overseeCity);
    return this.getCityDashboard.run(query.year, query.code);
  }

  @Get('periods/:periodId/what-if')
  @ApiOperation({ summary: 'Re-score the period under another rule-set version, side by side with what was recorded; changes nothing.' })
  async whatIf(@Param('periodId') periodId: string, @Query(new ZodValidationPipe(whatIfQuery)) query: z.infer<typeof whatIfQuery>, @CurrentActor() actor: Actor) {
    const period = await this.periods.period(periodId);
    assertAccess(actor, { agencyId: this.periods.agencyOf(period) }, EVALUATION_POLICY.simulateAgency);
    return this.getWhatIf.run(period, this.periods.ruleSets, query.version);
  }
}
