import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { forbidden } from '@kinerja/domain';
import { Actor, CurrentActor, RouteWithBody, ZodValidationPipe } from '@kinerja/platform';
import { administers } from '../command';
import { adminScopeOf } from '../access';
import { organisationFact } from './organisation-facts';
import { OrganisationDirectory } from './organisation.service';

const factsBody = z.object({ facts: z.array(organisationFact).min(1).max(5000) }).strict();
const chainQuery = z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Tanggal harus YYYY-MM-DD') }).strict();

@ApiTags('organisation')
@Controller('organisation')
export class OrganisationController {
  constructor(private readonly directory: OrganisationDirectory) {}

  @HttpCode(200)
  @RouteWithBody(Post('facts'), "Load organisation facts (units, positions, reporting lines, assignments) into evaluation's local copy, the same facts the consumer takes from work-planning's public events. Admin of the agency or BKPSDM; idempotent.", factsBody)
  async load(@Body(new ZodValidationPipe(factsBody)) body: z.infer<typeof factsBody>, @CurrentActor() actor: Actor): Promise<{ applied: number }> {
    const scope = adminScopeOf(actor);
    const outside = body.facts.find((f) => !administers(scope, f.data.agencyId));
    if (outside) throw forbidden('NOT_AGENCY_ADMIN', `Hanya admin OPD ${outside.data.agencyId} atau BKPSDM yang dapat memuat data organisasi`);
    await this.directory.apply(body.facts);
    return { applied: body.facts.length };
  }

  @Get('agencies/:agencyId/employees/:nip/reporting-chain')
  @ApiOperation({ summary: 'Who rates whom on a date: the employee\'s unit, pejabat penilai and atasan pejabat penilai, as evaluation sees them.' })
  async chain(@Param('agencyId') agencyId: string, @Param('nip') nip: string, @Query(new ZodValidationPipe(chainQuery)) query: z.infer<typeof chainQuery>) {
    const chart = await this.directory.chartOf(agencyId, query.date);
    return { ...chart.chainOf(nip), ledUnitId: chart.unitLedBy(nip) };
  }
}
