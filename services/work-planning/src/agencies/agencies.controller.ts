import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Actor, Commands, CurrentActor, eventMetadata, RouteWithBody, ZodValidationPipe } from '@kinerja/platform';
import { agencyDecider, RegisterAgency } from './agency.decider';
import { agencyStream } from './agency.events';
import { AgencyListResponse, AgencyResponse, GetAgencyQuery } from './get-agency/get-agency.query';
import { parseDate } from '../organisation/organisation.controller';

const listQuery = z
  .object({
    q: z.string().max(100).optional().describe('Part of the code or the name'),
    date: z.string().optional().describe('YYYY-MM-DD: people counted on this date (default today)'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

const registerAgencyBody = z
  .object({
    code: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9.-]{0,31}$/, 'Kode OPD: huruf, angka, titik atau tanda hubung, maksimal 32 karakter.')
      .describe('Agency (OPD) code, unique in the city; upper-cased, it is the agency id'),
    name: z.string().trim().min(1).max(200).describe('Official name of the agency'),
  })
  .strict();

@ApiTags('agencies')
@Controller('agencies')
export class AgenciesController {
  constructor(
    private readonly commands: Commands,
    private readonly getAgency: GetAgencyQuery,
  ) {}

  @RouteWithBody(Post(), 'Register an agency (OPD). City admins (ADMIN_CITY) only.', registerAgencyBody)
  async register(
    @Body(new ZodValidationPipe(registerAgencyBody)) body: z.infer<typeof registerAgencyBody>,
    @CurrentActor() actor: Actor,
  ): Promise<AgencyResponse> {
    const now = this.commands.now();
    const agencyId = body.code.toUpperCase();
    const command: RegisterAgency = { type: 'RegisterAgency', data: { agencyId, code: agencyId, name: body.name }, metadata: { now, actor } };
    await this.commands.run(agencyStream(agencyId), agencyDecider, command, eventMetadata(actor, { now, agencyId }));
    return this.getAgency.run(agencyId);
  }

  @Get()
  @ApiOperation({ summary: 'List or search agencies (OPD) by code or name, paged, with the number of people holding a post on the date. Any authenticated user.' })
  @ApiQuery({ name: 'q', required: false, description: 'Part of the code or the name' })
  @ApiQuery({ name: 'date', required: false, description: 'YYYY-MM-DD (default today)' })
  @ApiQuery({ name: 'limit', required: false, description: '1-200, default 50' })
  @ApiQuery({ name: 'offset', required: false })
  list(@Query(new ZodValidationPipe(listQuery)) query: z.infer<typeof listQuery>): Promise<AgencyListResponse> {
    return this.getAgency.list({ ...query, date: parseDate(query.date, this.commands.now()) });
  }

  @Get(':id')
  @ApiOperation({ summary: 'An agency by id (its code).' })
  get(@Param('id') id: string): Promise<AgencyResponse> {
    return this.getAgency.run(id.toUpperCase());
  }
}
