import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { forbidden } from '@kinerja/domain';
import { EventStore, handle } from '@kinerja/event-store';
import { Actor, Clock, CLOCK, CurrentActor, eventMetadata, ReadYourWrites, zodToOpenApi, ZodValidationPipe } from '@kinerja/platform';
import { adminScopeOf, Lookups } from '../lookups';
import { administers } from '../command';
import { ConsumedFacts, suggestionFacts } from '../facts/evaluation-facts';
import { EvaluationFacts, suggestRatings } from '../predicate';
import { EXPLANATION_PARTIES, RATINGS } from '../rule-sets/rule-set';
import { EVENT_STORE } from '../tokens';
import { unitEvaluationIdOf } from '../unit-evaluations/unit-evaluation.decider';
import { EvaluationCommand, evaluationDecider, evaluationIdOf, evaluationStream, SubmitEvaluation } from './evaluation.decider';
import { CityDashboardResponse, GetCityDashboardQuery } from './get-city-dashboard/get-city-dashboard.query';
import { EmployeeHistoryResponse, GetEmployeeHistoryQuery } from './get-employee-history/get-employee-history.query';
import { EvaluationResponse, GetEvaluationQuery } from './get-evaluation/get-evaluation.query';
import { GetTeamBoardQuery, TeamBoardResponse } from './get-team-board/get-team-board.query';
import { GetWhatIfQuery } from './get-what-if/get-what-if.query';

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
const dashboardQuery = z
  .object({ year: z.coerce.number().int().min(2000).max(2100), code: z.string().regex(/^(M(0[1-9]|1[0-2])|Q[1-4]|S[12]|ANNUAL)$/, 'Kode periode tidak dikenal').default('ANNUAL') })
  .strict();

const isAdminOf = (actor: Actor, agencyId: string) => administers(adminScopeOf(actor), agencyId);

@ApiTags('evaluations')
@Controller()
export class EvaluationsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly visible: ReadYourWrites,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly lookups: Lookups,
    private readonly getEvaluation: GetEvaluationQuery,
    private readonly getTeamBoard: GetTeamBoardQuery,
    private readonly getHistory: GetEmployeeHistoryQuery,
    private readonly getWhatIf: GetWhatIfQuery,
    private readonly getCityDashboard: GetCityDashboardQuery,
  ) {}

  /** Lookups of SubmitEvaluation: the employee's unit, pejabat penilai and led unit in the period, facts, rule set. */
  private async submissionLookup(
    periodId: string,
    employeeId: string,
    now: Date,
  ): Promise<SubmitEvaluation['lookups'] & { atasanPejabatPenilaiId: string | null; consumed: ConsumedFacts }> {
    const period = await this.lookups.period(periodId);
    const chart = await this.lookups.chart(period, now);
    const chain = chart.chainOf(employeeId);
    const unitId = chain.unitId ?? '';
    const ledUnitId = chart.unitLedBy(employeeId);
    let ledUnit: SubmitEvaluation['lookups']['ledUnit'] = null;
    if (ledUnitId !== null) {
      const unitEvaluation = await this.lookups.unitEvaluation(unitEvaluationIdOf(periodId, ledUnitId));
      ledUnit = { unitId: ledUnitId, organisationPredicate: unitEvaluation.organisationPredicate };
    }
    const unitFinalized = unitId !== '' && (await this.lookups.unitEvaluation(unitEvaluationIdOf(periodId, unitId))).status === 'FINALIZED';
    const consumed = await this.lookups.consumedFacts(period, employeeId, chain.unitId);
    return {
      employeeId,
      unitId,
      period,
      pejabatPenilaiId: chain.pejabatPenilaiId,
      atasanPejabatPenilaiId: chain.atasanPejabatPenilaiId,
      ledUnit,
      facts: suggestionFacts(await this.lookups.facts(periodId, employeeId), consumed),
      consumed,
      unitFinalized,
      ruleSet: this.lookups.ruleSetFor(period),
      timeZone: this.lookups.timeZone,
    };
  }

  @Get('periods/:periodId/employees/:nip/evaluation-context')
  @ApiOperation({ summary: 'What the pejabat penilai sees before rating: who rates whom, the facts and the suggested rating (a suggestion only).' })
  async context(@Param('periodId') periodId: string, @Param('nip') nip: string, @CurrentActor() actor: Actor) {
    const now = this.clock.now();
    const lookup = await this.submissionLookup(periodId, nip, now);
    const agencyId = this.lookups.agencyOf(lookup.period);
    if (actor.id !== nip && actor.id !== lookup.pejabatPenilaiId && actor.id !== lookup.atasanPejabatPenilaiId && !isAdminOf(actor, agencyId) && actor.role !== 'AUDITOR')
      throw forbidden('NOT_ALLOWED', 'Anda tidak berwenang melihat data penilaian pegawai ini');
    const suggestion = lookup.facts === null ? null : suggestRatings(lookup.ruleSet, lookup.facts);
    return {
      evaluationId: evaluationIdOf(periodId, nip),
      period: lookup.period,
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
      suggestion,
      unitFinalized: lookup.unitFinalized,
    };
  }

  @Put('periods/:periodId/employees/:nip/facts')
  @ApiOperation({
    summary:
      'Record the facts behind the suggested rating (indicator achievement, feedback counts) for an employee and period. Admin of the agency; stands in until SKP, realisation and feedback events are consumed.',
  })
  @ApiBody({ schema: zodToOpenApi(factsBody) })
  async putFacts(
    @Param('periodId') periodId: string,
    @Param('nip') nip: string,
    @Body(new ZodValidationPipe(factsBody)) body: EvaluationFacts,
    @CurrentActor() actor: Actor,
  ) {
    const period = await this.lookups.period(periodId);
    if (!isAdminOf(actor, this.lookups.agencyOf(period))) throw forbidden('NOT_AGENCY_ADMIN', 'Hanya admin OPD ini atau BKPSDM yang dapat mencatat data penilaian');
    await this.lookups.saveFacts(periodId, nip, body);
    return this.context(periodId, nip, actor);
  }

  @Post('periods/:periodId/employees/:nip/evaluation')
  @ApiOperation({ summary: "Rate an employee for a period (Rating Hasil Kerja, Rating Perilaku Kerja, justification). Only that period's pejabat penilai." })
  @ApiBody({ schema: zodToOpenApi(submitBody) })
  async submit(
    @Param('periodId') periodId: string,
    @Param('nip') nip: string,
    @Body(new ZodValidationPipe(submitBody)) body: z.infer<typeof submitBody>,
    @CurrentActor() actor: Actor,
  ): Promise<EvaluationResponse> {
    const now = this.clock.now();
    const { atasanPejabatPenilaiId: _atasan, consumed: _consumed, ...lookup } = await this.submissionLookup(periodId, nip, now);
    const evaluationId = evaluationIdOf(periodId, nip);
    const command: SubmitEvaluation = { type: 'SubmitEvaluation', data: { evaluationId, ...body }, lookups: lookup, metadata: { now, actor } };
    const { append } = await handle(
      this.store,
      evaluationStream(evaluationId),
      evaluationDecider,
      command,
      eventMetadata(actor, { now, agencyId: this.lookups.agencyOf(lookup.period), ruleSetVersion: lookup.ruleSet.version }),
    );
    await this.visible.wait(append);
    return this.getEvaluation.run(evaluationId, actor);
  }

  @Get('evaluations/:evaluationId')
  @ApiOperation({ summary: 'One evaluation: ratings, predicate, rule-set version, suggestion and difference, keberatan window, objection.' })
  get(@Param('evaluationId') evaluationId: string, @CurrentActor() actor: Actor): Promise<EvaluationResponse> {
    return this.getEvaluation.run(evaluationId, actor);
  }

  private async run(evaluationId: string, actor: Actor, build: (now: Date) => Promise<EvaluationCommand>): Promise<EvaluationResponse> {
    const now = this.clock.now();
    const command = await build(now);
    const agencyId = evaluationId.split(':')[0];
    const { append } = await handle(
      this.store,
      evaluationStream(evaluationId),
      evaluationDecider,
      command,
      eventMetadata(actor, { now, agencyId }),
    );
    await this.visible.wait(append);
    return this.getEvaluation.run(evaluationId, actor);
  }

  @Post('evaluations/:evaluationId/objection')
  @HttpCode(201)
  @ApiOperation({ summary: 'File a keberatan (PP 30/2019 Pasal 59) within the window, to the atasan pejabat penilai of the period. The evaluated employee only.' })
  @ApiBody({ schema: zodToOpenApi(objectionBody) })
  fileObjection(
    @Param('evaluationId') evaluationId: string,
    @Body(new ZodValidationPipe(objectionBody)) body: z.infer<typeof objectionBody>,
    @CurrentActor() actor: Actor,
  ): Promise<EvaluationResponse> {
    return this.run(evaluationId, actor, async (now) => {
      const state = await this.lookups.evaluation(evaluationId);
      let atasanPejabatPenilaiId: string | null = null;
      if (state.status !== 'NOT_SUBMITTED') {
        const period = await this.lookups.period(state.result.periodId);
        atasanPejabatPenilaiId = (await this.lookups.chart(period, now)).chainOf(state.result.employeeId).atasanPejabatPenilaiId;
      }
      return { type: 'FileObjection', data: { evaluationId, reasons: body.reasons }, lookups: { atasanPejabatPenilaiId }, metadata: { now, actor } };
    });
  }

  @Post('evaluations/:evaluationId/explanation-requests')
  @HttpCode(201)
  @ApiOperation({ summary: 'Ask the pejabat penilai or the employee for an explanation of an objection. The atasan it went to.' })
  @ApiBody({ schema: zodToOpenApi(explanationRequestBody) })
  requestExplanation(
    @Param('evaluationId') evaluationId: string,
    @Body(new ZodValidationPipe(explanationRequestBody)) body: z.infer<typeof explanationRequestBody>,
    @CurrentActor() actor: Actor,
  ): Promise<EvaluationResponse> {
    return this.run(evaluationId, actor, async (now) => ({ type: 'RequestExplanation', data: { evaluationId, ...body }, metadata: { now, actor } }));
  }

  @Post('evaluations/:evaluationId/explanations')
  @HttpCode(201)
  @ApiOperation({ summary: 'Give a requested explanation (the party asked, or the atasan recording it).' })
  @ApiBody({ schema: zodToOpenApi(explanationBody) })
  giveExplanation(
    @Param('evaluationId') evaluationId: string,
    @Body(new ZodValidationPipe(explanationBody)) body: z.infer<typeof explanationBody>,
    @CurrentActor() actor: Actor,
  ): Promise<EvaluationResponse> {
    return this.run(evaluationId, actor, async (now) => ({ type: 'GiveExplanation', data: { evaluationId, ...body }, metadata: { now, actor } }));
  }

  @Post('evaluations/:evaluationId/decision')
  @HttpCode(201)
  @ApiOperation({ summary: 'Decide an objection: keep or change; final (PP 30/2019 Pasal 59(4)). The atasan the objection went to.' })
  @ApiBody({ schema: zodToOpenApi(decisionBody) })
  decide(
    @Param('evaluationId') evaluationId: string,
    @Body(new ZodValidationPipe(decisionBody)) body: z.infer<typeof decisionBody>,
    @CurrentActor() actor: Actor,
  ): Promise<EvaluationResponse> {
    return this.run(evaluationId, actor, async (now) => {
      const state = await this.lookups.evaluation(evaluationId);
      const version = state.status === 'NOT_SUBMITTED' ? this.lookups.ruleSets[this.lookups.ruleSets.length - 1].version : state.result.ruleSetVersion;
      return { type: 'DecideObjection', data: { evaluationId, ...body }, lookups: { ruleSet: this.lookups.ruleSetVersion(version) }, metadata: { now, actor } };
    });
  }

  @Get('periods/:periodId/team-board')
  @ApiOperation({ summary: "The caller's team for the period (as pejabat penilai) and where each evaluation stands." })
  async teamBoard(@Param('periodId') periodId: string, @CurrentActor() actor: Actor): Promise<TeamBoardResponse> {
    const period = await this.lookups.period(periodId);
    return this.getTeamBoard.run(periodId, actor.id, await this.lookups.chart(period, this.clock.now()));
  }

  @Get('employees/:nip/evaluation-history')
  @ApiOperation({ summary: "An employee's evaluations across years (what the caller may read)." })
  history(@Param('nip') nip: string, @CurrentActor() actor: Actor): Promise<EmployeeHistoryResponse> {
    return this.getHistory.run(nip, actor);
  }

  @Get('city-dashboard')
  @ApiOperation({ summary: 'One period (year and code) across the agencies of the city: progress, objections, predicate distribution. BKPSDM and auditors.' })
  cityDashboard(@Query(new ZodValidationPipe(dashboardQuery)) query: z.infer<typeof dashboardQuery>, @CurrentActor() actor: Actor): Promise<CityDashboardResponse> {
    if (actor.role !== 'ADMIN_CITY' && actor.role !== 'AUDITOR') throw forbidden('NOT_CITY_ADMIN', 'Hanya BKPSDM atau auditor yang dapat melihat dasbor kota');
    return this.getCityDashboard.run(query.year, query.code);
  }

  @Get('periods/:periodId/what-if')
  @ApiOperation({ summary: 'Re-score the period under another rule-set version, side by side with what was recorded; changes nothing.' })
  async whatIf(@Param('periodId') periodId: string, @Query(new ZodValidationPipe(whatIfQuery)) query: z.infer<typeof whatIfQuery>, @CurrentActor() actor: Actor) {
    const period = await this.lookups.period(periodId);
    if (!isAdminOf(actor, this.lookups.agencyOf(period)) && actor.role !== 'AUDITOR')
      throw forbidden('NOT_AGENCY_ADMIN', 'Hanya admin OPD ini, BKPSDM atau auditor yang dapat menjalankan simulasi');
    return this.getWhatIf.run(period, this.lookups.ruleSets, query.version);
  }
}
