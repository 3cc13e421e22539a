import { Body, Controller, Get, Inject, Param, Put } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { EventStore, handle } from '@kinerja/event-store';
import { Actor, Clock, CLOCK, CurrentActor, eventMetadata, ReadYourWrites, zodToOpenApi, ZodValidationPipe } from '@kinerja/platform';
import { EVENT_STORE } from '../tokens';
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
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly visible: ReadYourWrites,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly officials: GetOfficialsQuery,
  ) {}

  @Put(':officialId')
  @ApiOperation({ summary: 'Record or correct a city official (e.g. the kepala daerah as PPK): id, name, office. ADMIN_CITY; the same data again changes nothing.' })
  @ApiBody({ schema: zodToOpenApi(officialBody) })
  async record(
    @Param('officialId') officialId: string,
    @Body(new ZodValidationPipe(officialBody)) body: z.infer<typeof officialBody>,
    @CurrentActor() actor: Actor,
  ): Promise<OfficialResponse> {
    const now = this.clock.now();
    const command: RecordOfficial = { type: 'RecordOfficial', data: { officialId, ...body }, metadata: { now, actor } };
    const { append } = await handle(this.store, officialStream(officialId), officialDecider, command, eventMetadata(actor, { now }));
    await this.visible.wait(append);
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
