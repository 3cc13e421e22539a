import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Actor, Clock, CLOCK, CurrentActor, ZodValidationPipe } from '@kinerja/platform';
import { CareerAccess } from '../../access';
import { utcDateOf } from '../../local-date';
import { RuleSetLookups } from '../../rule-sets/rule-set-lookups';
import { AgencyDevelopmentResponse, GetAgencyDevelopmentQuery } from './get-agency-development.query';

const yearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) }).strict();

@ApiTags('development')
@Controller('agencies/:agencyId/trainings')
export class AgencyDevelopmentController {
  constructor(
    private readonly query: GetAgencyDevelopmentQuery,
    private readonly ruleSets: RuleSetLookups,
    private readonly access: CareerAccess,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Progress against 20 JP in a year for every employee of the agency, with the agency totals. Readers of the agency.' })
  async agency(
    @Param('agencyId') agencyId: string,
    @Query(new ZodValidationPipe(yearQuery)) query: z.infer<typeof yearQuery>,
    @CurrentActor() actor: Actor,
  ): Promise<AgencyDevelopmentResponse> {
    this.access.assertOnAgency(actor, 'readAgency', agencyId);
    const now = this.clock.now();
    return this.query.run(agencyId, query.year, utcDateOf(now), this.ruleSets.now(now));
  }
}
