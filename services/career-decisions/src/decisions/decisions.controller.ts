import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { notFound } from '@kinerja/domain';
import { Actor, Commands, CurrentActor, eventMetadata, RouteWithBody, ZodValidationPipe } from '@kinerja/platform';
import { authorityOf, CareerAccess } from '../access';
import { CareerPermission } from '../policy';
import { isLocalDate } from '../local-date';
import { decisionDecider, DecisionCommand, decisionStream } from './decision.decider';
import { DecisionLookups } from './decision-lookups';
import { DECISION_KINDS } from './decision.events';
import { DecisionRegisterView } from './get-decisions/decision-register.entity';
import { DecisionRegisterItem, GetDecisionsQuery } from './get-decisions/get-decisions.query';

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Tanggal harus YYYY-MM-DD').refine(isLocalDate, 'Tanggal tidak ada di kalender');
const proposeBody = z
  .object({
    decisionId: z.string().min(1).max(100).regex(/^[A-Za-z0-9._/-]+$/, 'huruf, angka, titik, garis miring, tanda hubung'),
    kind: z.enum(DECISION_KINDS),
    nip: z.string().regex(/^[0-9]{18}$/, 'NIP harus 18 digit'),
    effectiveDate: localDate,
    placement: z.object({ positionId: z.string().min(1).max(200), until: localDate.nullable() }).strict().nullable().optional(),
    note: z.string().max(2000).nullable().optional(),
    /** For placement kinds: the facts (e.g. the talent box) the decision rests on. */
    factIds: z.array(z.string().min(1).max(200)).max(50).optional(),
    /** For a placement carrying out an under-performance outcome: the year of the improvement case. */
    improvementCaseYear: z.number().int().min(2000).max(2100).optional(),
  })
  .strict();
const rejectBody = z.object({ reason: z.string().max(2000) }).strict();
const listQuery = z.object({ status: z.enum(['PROPOSED', 'APPROVED', 'REJECTED', 'ISSUED', 'REVOKED']).optional() }).strict();

@ApiTags('decisions')
@Controller()
export class DecisionsController {
  constructor(
    private readonly commands: Commands,
    private readonly lookups: DecisionLookups,
    private readonly decisions: GetDecisionsQuery,
    private readonly access: CareerAccess,
  ) {}

  @RouteWithBody(Post('agencies/:agencyId/decisions'), 'Propose a career decision; the eligibility of its kind is recomputed and cited. Admin OPD of the agency or BKPSDM.', proposeBody)
  async propose(
    @Param('agencyId') agencyId: string,
    @Body(new ZodValidationPipe(proposeBody)) body: z.infer<typeof proposeBody>,
    @CurrentActor() actor: Actor,
  ): Promise<DecisionRegisterView> {
    await this.access.assertOnEmployee(actor, 'proposeForEmployee', body.nip, agencyId);
    const now = this.commands.now();
    const basis =
      body.improvementCaseYear === undefined
        ? await this.lookups.basisFor(body.kind, body.nip, body.effectiveDate, body.factIds ?? [])
        : await this.lookups.basisFromImprovementCase(body.nip, body.improvementCaseYear, body.kind, body.placement?.positionId ?? null, body.effectiveDate);
    const command: DecisionCommand = {
      type: 'ProposeDecision',
      data: { decisionId: body.decisionId, kind: body.kind, nip: body.nip, agencyId, effectiveDate: body.effectiveDate, placement: body.placement ?? null, note: body.note ?? null },
      lookups: { authority: authorityOf(actor), basis, liveSameKindSameYear: await this.decisions.liveOfKindInYear(body.nip, body.kind, body.effectiveDate.slice(0, 4)) },
      metadata: { now, actor },
    };
    return this.run(body.decisionId, command, actor, { agencyId, ruleSetVersion: basis.ruleSetVersion });
  }

  @Post('decisions/:decisionId/approve')
  @ApiOperation({ summary: 'Approve a proposed decision. The PPK of the agency or its delegate.' })
  async approve(@Param('decisionId') decisionId: string, @CurrentActor() actor: Actor): Promise<DecisionRegisterView> {
    await this.assertOnDecision(actor, 'approveForEmployee', decisionId);
    const now = this.commands.now();
    return this.run(decisionId, { type: 'ApproveDecision', data: { decisionId }, lookups: { authority: authorityOf(actor) }, metadata: { now, actor } }, actor);
  }

  @RouteWithBody(Post('decisions/:decisionId/reject'), 'Reject a proposed decision with a reason. The PPK of the agency or its delegate.', rejectBody)
  async reject(@Param('decisionId') decisionId: string, @Body(new ZodValidationPipe(rejectBody)) body: z.infer<typeof rejectBody>, @CurrentActor() actor: Actor): Promise<DecisionRegisterView> {
    await this.assertOnDecision(actor, 'approveForEmployee', decisionId);
    const now = this.commands.now();
    return this.run(
      decisionId,
      { type: 'RejectDecision', data: { decisionId, reason: body.reason }, lookups: { authority: authorityOf(actor) }, metadata: { now, actor } },
      actor,
    );
  }

  @Post('decisions/:decisionId/issue')
  @ApiOperation({ summary: 'Issue an approved decision (DecisionIssued.v1). The PPK, its delegate, or the admin OPD of the agency.' })
  async issue(@Param('decisionId') decisionId: string, @CurrentActor() actor: Actor): Promise<DecisionRegisterView> {
    await this.assertOnDecision(actor, 'issueForEmployee', decisionId);
    const now = this.commands.now();
    return this.run(decisionId, { type: 'IssueDecision', data: { decisionId }, lookups: { authority: authorityOf(actor) }, metadata: { now, actor } }, actor);
  }

  @Get('agencies/:agencyId/decisions')
  @ApiOperation({ summary: 'The decisions register of an agency: each status, who proposed, approved and issued, the facts it rests on, and the predicate change that re-issued or revoked it.' })
  async list(
    @Param('agencyId') agencyId: string,
    @Query(new ZodValidationPipe(listQuery)) query: z.infer<typeof listQuery>,
    @CurrentActor() actor: Actor,
  ): Promise<DecisionRegisterItem[]> {
    this.access.assertOnAgency(actor, 'readAgency', agencyId);
    return this.decisions.ofAgency(agencyId, query.status);
  }

  @Get('decisions/:decisionId')
  @ApiOperation({ summary: 'One decision. The employee it concerns, or readers of the agency.' })
  async one(@Param('decisionId') decisionId: string, @CurrentActor() actor: Actor): Promise<DecisionRegisterView> {
    const row = await this.decisions.one(decisionId);
    if (row === null) throw notFound('DECISION_NOT_FOUND', 'Keputusan tidak ditemukan');
    await this.access.assertOnEmployee(actor, 'readEmployee', row.nip);
    return row;
  }

  /** The decision's employee and agency from the register; an unknown decision is left to the decider (409). */
  private async assertOnDecision(actor: Actor, permission: CareerPermission, decisionId: string): Promise<void> {
    const row = await this.decisions.one(decisionId);
    if (row !== null) await this.access.assertOnEmployee(actor, permission, row.nip, row.agencyId);
  }

  private async run(decisionId: string, command: DecisionCommand, actor: Actor, extra: { agencyId?: string; ruleSetVersion?: string } = {}): Promise<DecisionRegisterView> {
    const now = command.metadata.now;
    await this.commands.run(decisionStream(decisionId), decisionDecider, command, eventMetadata(actor, { now, ...extra }));
    const row = await this.decisions.one(decisionId);
    if (row === null) throw notFound('DECISION_NOT_FOUND', 'Keputusan tidak ditemukan');
    return row;
  }
}
