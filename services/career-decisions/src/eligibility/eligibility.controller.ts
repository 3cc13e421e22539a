import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Actor, CurrentActor, ZodValidationPipe } from '@kinerja/platform';
import { CareerAccess } from '../access';
import { ELIGIBILITY_RULES } from './eligibility.rules';
import { EligibilityListResponse, GetEligibilityListQuery } from './get-eligibility-list.query';

const listQuery = z
  .object({
    rule: z.enum(ELIGIBILITY_RULES),
    asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Tanggal harus YYYY-MM-DD').describe('KP period date (1 April / 1 October) or the date the rule is applied on'),
  })
  .strict();

@ApiTags('eligibility')
@Controller('agencies/:agencyId/eligibility')
export class EligibilityController {
  constructor(
    private readonly list: GetEligibilityListQuery,
    private readonly access: CareerAccess,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Eligibility list of an agency for a rule and period, each result with what is unmet and the facts it rests on.' })
  async eligibility(
    @Param('agencyId') agencyId: string,
    @Query(new ZodValidationPipe(listQuery)) query: z.infer<typeof listQuery>,
    @CurrentActor() actor: Actor,
  ): Promise<EligibilityListResponse> {
    this.access.assertOnAgency(actor, 'readAgency', agencyId);
    return this.list.run(agencyId, query.rule, query.asOf);
  }
}
