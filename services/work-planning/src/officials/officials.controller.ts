import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Actor, Commands, CurrentActor, eventMetadata, RouteWithBody, ZodValidationPipe } from '@kinerja/platform';
import { GetOfficialsQuery, OfficialResponse } from './get-officials/get-officials.query';
import { officialDecider, RecordOfficial } from './official.decider';
import { officialStream } from './official.events';

const officialBody = z
  .object({
    name: z.string().trim().min(1).max(200).describe('e.g. H. Ahmad Fauzi, S.H.'),
    office: z.string().trim().min(1).max(200).describe('e.g. Wali Kota, Bupati'),
  })
  .strict();

/**
 * City officials who are not ASN (the kepala daerah as PPK): positions may report to them
 * (`parentOfficialId`), and they sign in with their id as the token subject.
 */
@ApiTags('officials')
@Controller('officials')
export class OfficialsController {
  constructor(
    private readonly commands: Commands,
    private readonly officials: GetOfficialsQuery,
  ) {}

  @RouteWithBody(Put(':officialId'), 'Record or correct a city official (e.g. the kepala daerah as PPK): id, name, office. ADMIN_CITY; the same data again changes nothing.', officialBody)
  async record(
    @Param('officialId') officialId: string,
    @Body(new ZodValidationPipe(officialBody)) body: z.infer<typeof officialBody>,
    @CurrentActor() actor: Actor,
  ): Promise<OfficialResponse> {
    const now = this.commands.now();
    const command: RecordOfficial = { type: 'RecordOfficial', data: { officialId, ...body }, metadata: { now, actor } };
    await this.commands.run(officialStream(officialId), officialDecider, command, eventMetadata(actor, { now }));
    return this.officials.get(officialId);
  }

  @Get()
  @ApiOperation({ summary: 'The city officials the organisation knows.' })
  list(): Promise<{ items: OfficialResponse[] }> {
    return this.officials.list();
  }

  @Get(':officialId')
  @ApiOperation({ summary: 'A city official by id.' })
  get(@Param('officialId') officialId: string): Promise<OfficialResponse> {
    return this.officials.get(officialId);
  }
}
