import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, Clock, CLOCK, CurrentActor } from '@kinerja/platform';
import { CareerAccess } from '../../access';
import { RuleSetLookups } from '../../rule-sets/rule-set-lookups';
import { AgencyImprovementCase, GetAgencyCasesQuery } from './get-agency-cases.query';

@ApiTags('under-performance')
@Controller('agencies/:agencyId/improvement-cases')
export class AgencyCasesController {
  constructor(
    private readonly query: GetAgencyCasesQuery,
    private readonly ruleSets: RuleSetLookups,
    private readonly access: CareerAccess,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Employees of the agency whose predicate calls for an improvement case, with the case and its six-month timeline, or none yet. Readers of the agency.' })
  async list(@Param('agencyId') agencyId: string, @CurrentActor() actor: Actor): Promise<{ agencyId: string; improvementWindowMonths: number; cases: AgencyImprovementCase[] }> {
    this.access.assertOnAgency(actor, 'readAgency', agencyId);
    return this.query.run(agencyId, this.ruleSets.now(this.clock.now()));
  }
}
