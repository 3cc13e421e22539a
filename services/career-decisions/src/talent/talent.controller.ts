import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Actor, Commands, CurrentActor, eventMetadata, RouteWithBody, ZodValidationPipe } from '@kinerja/platform';
import { authorityOf, CareerAccess } from '../access';
import { DISCIPLINARY_LEVELS } from '../predikat';
import { GetTalentMapQuery } from './get-talent-map/get-talent-map.query';
import { TalentMap } from './nine-box.rules';
import { TalentFactsCommand, talentFactsDecider, talentFactsStream } from './talent-facts.decider';

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Tanggal harus YYYY-MM-DD');
const assessmentBody = z.object({ assessmentId: z.string().min(1).max(100), score: z.number().min(0).max(100), assessedOn: localDate }).strict();
const penaltyBody = z.object({ penaltyId: z.string().min(1).max(100), level: z.enum(DISCIPLINARY_LEVELS), from: localDate, until: localDate.nullable() }).strict();
const mapQuery = z.object({ asOf: localDate }).strict();

@ApiTags('talent')
@Controller('agencies/:agencyId')
export class TalentController {
  constructor(
    private readonly commands: Commands,
    private readonly talentMap: GetTalentMapQuery,
    private readonly access: CareerAccess,
  ) {}

  @RouteWithBody(Post('employees/:nip/assessments'), 'Record an assessment result (potensi dan kompetensi, 0–100). Admin OPD of the agency or BKPSDM.', assessmentBody)
  async assessment(@Param('agencyId') agencyId: string, @Param('nip') nip: string, @Body(new ZodValidationPipe(assessmentBody)) body: z.infer<typeof assessmentBody>, @CurrentActor() actor: Actor) {
    const now = this.commands.now();
    await this.run(nip, actor, agencyId, { type: 'RecordAssessment', data: { nip, agencyId, ...body }, lookups: { authority: authorityOf(actor) }, metadata: { now, actor } });
    return { nip, recorded: true };
  }

  @RouteWithBody(Post('employees/:nip/disciplinary-penalties'), 'Record a disciplinary penalty (PP 94/2021) for the talent-pool screen. Admin OPD of the agency or BKPSDM.', penaltyBody)
  async penalty(@Param('agencyId') agencyId: string, @Param('nip') nip: string, @Body(new ZodValidationPipe(penaltyBody)) body: z.infer<typeof penaltyBody>, @CurrentActor() actor: Actor) {
    const now = this.commands.now();
    await this.run(nip, actor, agencyId, { type: 'RecordDisciplinaryPenalty', data: { nip, agencyId, ...body }, lookups: { authority: authorityOf(actor) }, metadata: { now, actor } });
    return { nip, recorded: true };
  }

  @Get('talent-map')
  @ApiOperation({ summary: 'The 9-box talent map of an agency (PermenPANRB 3/2020): counts, names, recommendations, talent pool.' })
  map(@Param('agencyId') agencyId: string, @Query(new ZodValidationPipe(mapQuery)) query: z.infer<typeof mapQuery>, @CurrentActor() actor: Actor): Promise<TalentMap> {
    this.access.assertOnAgency(actor, 'readAgency', agencyId);
    return this.talentMap.run(agencyId, query.asOf);
  }

  private async run(nip: string, actor: Actor, agencyId: string, command: TalentFactsCommand): Promise<void> {
    await this.access.assertOnEmployee(actor, 'proposeForEmployee', nip, agencyId);
    await this.commands.run(talentFactsStream(nip), talentFactsDecider, command, eventMetadata(actor, { now: command.metadata.now, agencyId }));
  }
}
