import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { notFound } from '@kinerja/domain';
import { handle, readState } from '@kinerja/event-store';
import { Actor, Commands, CurrentActor, eventMetadata, RouteWithBody, ZodValidationPipe } from '@kinerja/platform';
import { authorityOf, CareerAccess } from '../access';
import { PerformanceRecordLookups } from '../performance-record/performance-record-lookups';
import { RuleSetLookups } from '../rule-sets/rule-set-lookups';
import { ImprovementCaseCommand, improvementCaseDecider, improvementCaseIdOf, improvementCaseStream, ImprovementCaseState, pendingStep } from './improvement-case.decider';
import { IMPROVEMENT_OUTCOMES, IMPROVEMENT_STEPS } from './improvement-case.events';

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Tanggal harus YYYY-MM-DD');
const planBody = z
  .object({
    agencyId: z.string().min(1).max(100),
    startDate: localDate,
    milestones: z.array(z.object({ milestoneId: z.string().min(1).max(50), title: z.string().min(1).max(500), dueDate: localDate }).strict()).min(1).max(20),
  })
  .strict();
const stepBody = z.object({ step: z.enum(IMPROVEMENT_STEPS) }).strict();
const rejectBody = z.object({ step: z.enum(IMPROVEMENT_STEPS), reason: z.string().max(2000) }).strict();
const milestoneBody = z.object({ achieved: z.boolean(), note: z.string().max(2000).default('') }).strict();
const testBody = z.object({ testedOn: localDate, result: z.enum(['MEMENUHI', 'TIDAK_MEMENUHI']), score: z.number().min(0).max(1000).nullable().optional() }).strict();
const outcomeBody = z
  .object({
    outcome: z.enum(IMPROVEMENT_OUTCOMES),
    positionId: z.string().min(1).max(200).nullable().optional(),
    effectiveDate: localDate,
    until: localDate.nullable().optional(),
    reason: z.string().max(2000),
    /** Until work planning answers vacancy look-ups, HR states what it found. */
    jabatanKind: z.enum(['JPT', 'JA', 'JF']),
    vacancies: z.object({ matchingPost: z.boolean(), lowerPost: z.boolean() }).strict(),
    temporaryPlacementServed: z.boolean().default(false),
  })
  .strict();

export type ImprovementCaseResponse = ImprovementCaseState & { caseId: string; pendingStep: string | null };

/** PP 30/2019 Pasal 56–58: plan → milestones → repeated competency test → outcome, each approved by the PPK. */
@ApiTags('under-performance')
@Controller('employees/:nip/improvement-cases/:year')
export class ImprovementCasesController {
  constructor(
    private readonly commands: Commands,
    private readonly records: PerformanceRecordLookups,
    private readonly ruleSets: RuleSetLookups,
    private readonly access: CareerAccess,
  ) {}

  @RouteWithBody(Post(), 'Propose the six-month improvement plan after a Kurang / Sangat Kurang predicate. Admin OPD of the agency.', planBody)
  async propose(@Param('nip') nip: string, @Param('year') yearText: string, @Body(new ZodValidationPipe(planBody)) body: z.infer<typeof planBody>, @CurrentActor() actor: Actor) {
    const year = Number(yearText);
    const now = this.commands.now();
    const record = await this.records.record(nip);
    const ruleSet = this.ruleSets.now(now);
    return this.run(nip, year, actor, {
      type: 'ProposeImprovementPlan',
      data: { caseId: improvementCaseIdOf(nip, year), nip, agencyId: body.agencyId, year, startDate: body.startDate, milestones: body.milestones },
      lookups: { authority: authorityOf(actor), predicate: record.byYear[year] ?? null, ruleSet },
      metadata: { now, actor },
    });
  }

  @RouteWithBody(Post('approve'), 'Approve the pending step (PLAN, TEST_RESULT, OUTCOME). The PPK or its delegate.', stepBody)
  approve(@Param('nip') nip: string, @Param('year') yearText: string, @Body(new ZodValidationPipe(stepBody)) body: z.infer<typeof stepBody>, @CurrentActor() actor: Actor) {
    const year = Number(yearText);
    return this.run(nip, year, actor, {
      type: 'ApproveImprovementStep',
      data: { caseId: improvementCaseIdOf(nip, year), step: body.step },
      lookups: { authority: authorityOf(actor) },
      metadata: { now: this.commands.now(), actor },
    });
  }

  @RouteWithBody(Post('reject'), 'Reject the pending step with a reason. The PPK or its delegate.', rejectBody)
  reject(@Param('nip') nip: string, @Param('year') yearText: string, @Body(new ZodValidationPipe(rejectBody)) body: z.infer<typeof rejectBody>, @CurrentActor() actor: Actor) {
    const year = Number(yearText);
    return this.run(nip, year, actor, {
      type: 'RejectImprovementStep',
      data: { caseId: improvementCaseIdOf(nip, year), step: body.step, reason: body.reason },
      lookups: { authority: authorityOf(actor) },
      metadata: { now: this.commands.now(), actor },
    });
  }

  @RouteWithBody(Post('milestones/:milestoneId'), 'Record whether a milestone of the approved plan was achieved. Admin OPD of the agency.', milestoneBody)
  milestone(
    @Param('nip') nip: string,
    @Param('year') yearText: string,
    @Param('milestoneId') milestoneId: string,
    @Body(new ZodValidationPipe(milestoneBody)) body: z.infer<typeof milestoneBody>,
    @CurrentActor() actor: Actor,
  ) {
    const year = Number(yearText);
    return this.run(nip, year, actor, {
      type: 'RecordMilestone',
      data: { caseId: improvementCaseIdOf(nip, year), milestoneId, achieved: body.achieved, note: body.note },
      lookups: { authority: authorityOf(actor) },
      metadata: { now: this.commands.now(), actor },
    });
  }

  @RouteWithBody(Post('competency-test'), 'Propose the result of the repeated competency test (after the six months). Admin OPD of the agency.', testBody)
  test(@Param('nip') nip: string, @Param('year') yearText: string, @Body(new ZodValidationPipe(testBody)) body: z.infer<typeof testBody>, @CurrentActor() actor: Actor) {
    const year = Number(yearText);
    return this.run(nip, year, actor, {
      type: 'ProposeCompetencyTestResult',
      data: { caseId: improvementCaseIdOf(nip, year), testedOn: body.testedOn, result: body.result, score: body.score ?? null },
      lookups: { authority: authorityOf(actor) },
      metadata: { now: this.commands.now(), actor },
    });
  }

  @RouteWithBody(Post('outcome'), 'Propose the outcome: post matching competence, lower post, temporary placement (≤ 1 year) or honourable dismissal. Admin OPD.', outcomeBody)
  outcome(@Param('nip') nip: string, @Param('year') yearText: string, @Body(new ZodValidationPipe(outcomeBody)) body: z.infer<typeof outcomeBody>, @CurrentActor() actor: Actor) {
    const year = Number(yearText);
    const now = this.commands.now();
    return this.run(nip, year, actor, {
      type: 'ProposeImprovementOutcome',
      data: { caseId: improvementCaseIdOf(nip, year), outcome: body.outcome, positionId: body.positionId ?? null, effectiveDate: body.effectiveDate, until: body.until ?? null, reason: body.reason },
      lookups: {
        authority: authorityOf(actor),
        jabatanKind: body.jabatanKind,
        vacancies: body.vacancies,
        temporaryPlacementServed: body.temporaryPlacementServed,
        ruleSet: this.ruleSets.now(now),
      },
      metadata: { now, actor },
    });
  }

  @Get()
  @ApiOperation({ summary: 'The improvement case and the step awaiting approval. The employee, or readers of the agency.' })
  async get(@Param('nip') nip: string, @Param('year') yearText: string, @CurrentActor() actor: Actor): Promise<ImprovementCaseResponse> {
    const caseId = improvementCaseIdOf(nip, Number(yearText));
    const state = await readState(this.commands.store, improvementCaseStream(caseId), improvementCaseDecider);
    if (state.status === 'NONE') throw notFound('CASE_NOT_FOUND', 'Rencana perbaikan kinerja tidak ditemukan');
    await this.access.assertOnEmployee(actor, 'readEmployee', nip);
    return { caseId, ...state, pendingStep: pendingStep(state) };
  }

  private async run(nip: string, year: number, actor: Actor, command: ImprovementCaseCommand): Promise<ImprovementCaseResponse> {
    const approving = command.type === 'ApproveImprovementStep' || command.type === 'RejectImprovementStep';
    const agencyId = command.type === 'ProposeImprovementPlan' ? command.data.agencyId : undefined;
    await this.access.assertOnEmployee(actor, approving ? 'approveForEmployee' : 'proposeForEmployee', nip, agencyId);
    const caseId = improvementCaseIdOf(nip, year);
    const { state } = await handle(this.commands.store, improvementCaseStream(caseId), improvementCaseDecider, command, eventMetadata(actor, { now: command.metadata.now }));
    return { caseId, ...state, pendingStep: pendingStep(state) };
  }
}
