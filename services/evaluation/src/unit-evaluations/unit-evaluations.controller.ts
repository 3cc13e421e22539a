import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Actor, assertAccess, Commands, CurrentActor, eventMetadata, RouteWithBody, ZodValidationPipe } from '@kinerja/platform';
import { EVALUATION_POLICY } from '../policy';
import { PeriodLookups } from '../periods/period-lookups';
import { PREDIKAT_ORGANISASI, PredikatPegawai } from '../rule-sets/rule-set';
import { AgencyCurve, GetCurveQuery, UnitCurve } from './get-curve/get-curve.query';
import { FinalizeUnit, SetOrganisationPredicate, unitEvaluationDecider, unitEvaluationIdOf, unitEvaluationStream } from './unit-evaluation.decider';

const organisationPredicateBody = z
  .object({ predicate: z.enum(PREDIKAT_ORGANISASI), basis: z.string().max(5000).optional().describe('Recommendations considered') })
  .strict();
const finalizeBody = z.object({ justification: z.string().max(5000).optional().describe('Required when the distribution breaks the curve under WARN') }).strict();

@ApiTags('unit evaluations')
@Controller('periods/:periodId')
export class UnitEvaluationsController {
  constructor(
    private readonly commands: Commands,
    private readonly periods: PeriodLookups,
    private readonly getCurve: GetCurveQuery,
  ) {}

  @RouteWithBody(Put('units/:unitId/organisation-predicate'), "Set a unit's organisation predicate for the period. The leader one level up only.", organisationPredicateBody)
  async setOrganisationPredicate(
    @Param('periodId') periodId: string,
    @Param('unitId') unitId: string,
    @Body(new ZodValidationPipe(organisationPredicateBody)) body: z.infer<typeof organisationPredicateBody>,
    @CurrentActor() actor: Actor,
  ): Promise<UnitCurve> {
    const now = this.commands.now();
    const period = await this.periods.period(periodId);
    const chart = await this.periods.chart(period, now);
    const { unitLeaderId, leaderOneLevelUpId } = chart.leadershipOf(unitId);
    const unitEvaluationId = unitEvaluationIdOf(periodId, unitId);
    const command: SetOrganisationPredicate = {
      type: 'SetOrganisationPredicate',
      data: { unitEvaluationId, predicate: body.predicate, basis: body.basis },
      lookups: { unitId, period, leaderOneLevelUpId, unitLeaderId },
      metadata: { now, actor },
    };
    await this.commands.run(
      unitEvaluationStream(unitEvaluationId),
      unitEvaluationDecider,
      command,
      eventMetadata(actor, { now, agencyId: this.periods.agencyOf(period) }),
    );
    return this.getCurve.unit(period, unitId, chart, this.periods.ruleSetFor(period));
  }

  @HttpCode(201)
  @RouteWithBody(Post('units/:unitId/finalization'), "Finalise (penetapan) the unit's employee predicates: a curve break needs a justification (WARN) or is refused (BLOCK), per the rule set.", finalizeBody)
  async finalize(
    @Param('periodId') periodId: string,
    @Param('unitId') unitId: string,
    @Body(new ZodValidationPipe(finalizeBody)) body: z.infer<typeof finalizeBody>,
    @CurrentActor() actor: Actor,
  ): Promise<UnitCurve> {
    const now = this.commands.now();
    const period = await this.periods.period(periodId);
    const chart = await this.periods.chart(period, now);
    const ruleSet = this.periods.ruleSetFor(period);
    const live = await this.getCurve.unit(period, unitId, chart, ruleSet);
    const unitEvaluationId = unitEvaluationIdOf(periodId, unitId);
    const command: FinalizeUnit = {
      type: 'FinalizeUnit',
      data: { unitEvaluationId, justification: body.justification },
      lookups: {
        leaderOneLevelUpId: chart.leadershipOf(unitId).leaderOneLevelUpId,
        period,
        employees: live.employees.map((e) => ({ employeeId: e.employeeId, predicate: e.predicate as PredikatPegawai | null })),
        ruleSet,
      },
      metadata: { now, actor },
    };
    await this.commands.run(
      unitEvaluationStream(unitEvaluationId),
      unitEvaluationDecider,
      command,
      eventMetadata(actor, { now, agencyId: this.periods.agencyOf(period), ruleSetVersion: ruleSet.version }),
    );
    return this.getCurve.unit(period, unitId, chart, ruleSet);
  }

  @Get('units/:unitId/curve')
  @ApiOperation({ summary: 'Monitoring Kurva of a unit: counts, shares and which curve condition fails, live.' })
  async unitCurve(@Param('periodId') periodId: string, @Param('unitId') unitId: string, @CurrentActor() actor: Actor): Promise<UnitCurve> {
    const period = await this.periods.period(periodId);
    const chart = await this.periods.chart(period, this.commands.now());
    const { unitLeaderId, leaderOneLevelUpId } = chart.leadershipOf(unitId);
    if (actor.id !== unitLeaderId && actor.id !== leaderOneLevelUpId) this.requireOverseer(actor, this.periods.agencyOf(period));
    return this.getCurve.unit(period, unitId, chart, this.periods.ruleSetFor(period));
  }

  @Get('curve')
  @ApiOperation({ summary: 'Monitoring Kurva of the whole agency: every unit with its curve check, and totals.' })
  async agencyCurve(@Param('periodId') periodId: string, @CurrentActor() actor: Actor): Promise<AgencyCurve> {
    const period = await this.periods.period(periodId);
    const agencyId = this.periods.agencyOf(period);
    this.requireOverseer(actor, agencyId);
    return this.getCurve.agency(period, agencyId, await this.periods.chart(period, this.commands.now()), this.periods.ruleSetFor(period));
  }

  @Get('led-units')
  @ApiOperation({
    summary: "Monitoring Kurva of the caller's own units: those they lead and those they lead one level up (whose organisation predicate and penetapan are theirs), each with its curve check.",
  })
  async ledUnits(@Param('periodId') periodId: string, @CurrentActor() actor: Actor): Promise<{ periodId: string; units: UnitCurve[] }> {
    const period = await this.periods.period(periodId);
    const chart = await this.periods.chart(period, this.commands.now());
    return { periodId, units: await this.getCurve.ledBy(period, actor.id, chart, this.periods.ruleSetFor(period)) };
  }

  /** A PPK oversees its own agency only (a city-wide PPK, without an agency, every one). */
  private requireOverseer(actor: Actor, agencyId: string): void {
    assertAccess(actor, { agencyId }, EVALUATION_POLICY.overseeAgency);
  }
}
