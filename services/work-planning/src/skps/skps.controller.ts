import { Body, Controller, Delete, Get, HttpCode, Logger, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { COMPLAINT_MEASURES, SERVICE_MEASURES } from '@kinerja/contracts';
import { invalid } from '@kinerja/domain';
import { HandleResult, StreamRead } from '@kinerja/event-store';
import { Actor, Commands, CurrentActor, eventMetadata, periodIdSchema, RouteWithBody, zodToOpenApi, ZodValidationPipe } from '@kinerja/platform';
import { ComputedRealisations } from '../realisations/computed/computed-realisations';
import { CORE_VALUES } from './berakhlak';
import { AtasanRhkResponse, GetAtasanRhkQuery } from './get-skp/get-atasan-rhk.query';
import { CascadeNode, GetCascadeQuery } from './get-cascade/get-cascade.query';
import { GetSkpQuery, SkpDocumentResponse } from './get-skp/get-skp.query';
import { annualPeriod, periodFromAssignment } from './skp-period.rules';
import { SkpCommand, skpDecider, SkpState } from './skp.decider';
import { APPROACHES, ASPEK, DIRECTIONS, PERSPEKTIF, Rhk, RHK_JENIS, SkpEvent, skpIdFor, skpStream } from './skp.events';
import { SkpLookups } from './skp-lookups';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Tanggal harus berformat YYYY-MM-DD.');
const id = z.string().trim().min(1).max(100);
const text = z.string().trim().min(1).max(2000);

const createBody = z
  .object({
    year: z.number().int().min(2000).max(2100).optional().describe('Annual SKP: 1 January – 31 December of this year (default: this year)'),
    periodStart: date.optional().describe('A new SKP when the assignment changes mid-year: from this day to year end'),
    periodEnd: date.optional(),
    approach: z.enum(APPROACHES).default('KUANTITATIF'),
    nip: z.string().max(32).optional().describe('Admins create for an employee; employees create their own'),
  })
  .strict();
const target = z.union([
  z.object({ kind: z.literal('QUANTITATIVE'), value: z.number().min(0), unit: text }).strict(),
  z.object({ kind: z.literal('QUALITATIVE'), description: text }).strict(),
]);
const link = z.union([
  z.object({ kind: z.literal('ATASAN_RHK'), skpId: id, rhkId: id }).strict(),
  z.object({ kind: z.literal('PERJANJIAN_KINERJA'), perjanjianKinerjaId: id, sasaranId: id }).strict(),
]);
const rhkBody = z
  .object({
    rhkId: id,
    jenis: z.enum(RHK_JENIS),
    text,
    link: link.nullable().default(null).describe("The superior's RHK this one intervenes on (menginduk), or the unit's Perjanjian Kinerja"),
    perspektif: z.enum(PERSPEKTIF).nullable().default(null).describe('JPT only'),
    indicators: z
      .array(
        z
          .object({
            ikiId: id,
            aspect: z.enum(ASPEK),
            indicator: text,
            target: target.describe("The target for the SKP's whole period (the year)"),
            direction: z
              .enum(DIRECTIONS)
              .optional()
              .describe('Whether a higher or a lower realisation is better; default by aspect: KUANTITAS/KUALITAS higher, WAKTU/BIAYA lower'),
            periodTargets: z
              .array(z.object({ periodId: periodIdSchema(), target }).strict())
              .max(12)
              .default([])
              .describe("Targets per period inside the SKP's period (e.g. 2026-S1, 2026-S2), of the same kind and unit as the annual target"),
            source: z
              .discriminatedUnion('kind', [
                z.object({ kind: z.literal('SERVICE_STANDARD'), serviceCode: id, measure: z.enum(SERVICE_MEASURES) }).strict(),
                z.object({ kind: z.literal('COMPLAINT_SLA'), category: id.nullable(), measure: z.enum(COMPLAINT_MEASURES) }).strict(),
              ])
              .optional()
              .describe('Computed from the service records of a service, or the complaints the employee resolved; absent: typed by the employee'),
          })
          .strict(),
      )
      .min(1)
      .max(20),
  })
  .strict();
const approachBody = z.object({ approach: z.enum(APPROACHES) }).strict();
const lampiranBody = z
  .object({ dukunganSumberDaya: z.array(text).max(50), skemaPertanggungjawaban: z.array(text).max(50), konsekuensi: z.array(text).max(50) })
  .strict();
const ekspektasiBody = z.object({ text: z.string().max(2000).nullable() }).strict();
const returnBody = z.object({ notes: z.string().max(4000) }).strict();
const closeBody = z.object({ reason: z.enum(['PERIOD_ENDED', 'ASSIGNMENT_CHANGED']), closedOn: date }).strict();

/** SKP lifecycle (issue 4 §2): validate → look up → command → handle on `skp-<id>`; answers with the document. */
@ApiTags('skps')
@Controller('skps')
export class SkpsController {
  constructor(
    private readonly commands: Commands,
    private readonly lookups: SkpLookups,
    private readonly getSkp: GetSkpQuery,
    private readonly cascade: GetCascadeQuery,
    private readonly atasanRhk: GetAtasanRhkQuery,
    private readonly computed: ComputedRealisations,
  ) {}

  private readonly logger = new Logger('SkpsController');

  @RouteWithBody(Post(), 'Create an SKP for a period (the employee themself; admins for their agency).', createBody)
  async create(@Body(new ZodValidationPipe(createBody)) body: z.infer<typeof createBody>, @CurrentActor() actor: Actor): Promise<SkpDocumentResponse> {
    const now = this.commands.now();
    const today = now.toISOString().slice(0, 10);
    const nip = body.nip ?? actor.id;
    const period = body.periodStart
      ? { start: body.periodStart, end: body.periodEnd ?? periodFromAssignment(body.periodStart).end }
      : annualPeriod(body.year ?? now.getUTCFullYear());
    const skpId = skpIdFor(nip, period.start);
    const header = await this.lookups.header(nip, period.start, period.end, today);
    const command: SkpCommand = {
      type: 'CreateSkp',
      data: { skpId, ...header, approach: body.approach },
      lookups: { otherSkpsOfEmployee: await this.lookups.otherSkps(nip) },
      metadata: { now, actor },
    };
    return this.run(skpId, command, actor);
  }

  @Get(':id')
  @ApiOperation({ summary: 'The SKP document in the official column order (working copy, or ?version=n of the approved versions).' })
  @ApiQuery({ name: 'version', required: false })
  document(@Param('id') skpId: string, @Query('version') version: string | undefined, @CurrentActor() actor: Actor): Promise<SkpDocumentResponse> {
    const n = version === undefined ? undefined : Number(version);
    if (n !== undefined && !(Number.isInteger(n) && n >= 1)) throw invalid('SKP_VERSION_INVALID', 'Versi harus bilangan bulat positif.', 'version');
    return this.getSkp.document(skpId, actor, this.today(), n);
  }

  @Get(':id/versions')
  @ApiOperation({ summary: 'Every approved version of the SKP, oldest first.' })
  versions(@Param('id') skpId: string, @CurrentActor() actor: Actor) {
    return this.getSkp.versions(skpId, actor, this.today());
  }

  @Get(':id/rhk/:rhkId/cascade')
  @ApiOperation({ summary: 'The cascade (MPPH) of an RHK: every subordinate RHK that intervenes on it, down the whole tree.' })
  async cascadeOf(@Param('id') skpId: string, @Param('rhkId') rhkId: string, @CurrentActor() actor: Actor): Promise<CascadeNode> {
    await this.getSkp.row(skpId, actor, this.today());
    return this.cascade.run(skpId, rhkId);
  }

  @Get(':id/atasan-rhk')
  @ApiOperation({ summary: "The RHK of the SKP's pejabat penilai (their SKP for the period) that this SKP's RHK may intervene on." })
  async atasanRhkOf(@Param('id') skpId: string, @CurrentActor() actor: Actor): Promise<AtasanRhkResponse> {
    const row = await this.getSkp.row(skpId, actor, this.today());
    return this.atasanRhk.run(row, this.today());
  }

  @Put(':id/approach')
  @ApiBody({ schema: zodToOpenApi(approachBody) })
  approach(@Param('id') skpId: string, @Body(new ZodValidationPipe(approachBody)) body: z.infer<typeof approachBody>, @CurrentActor() actor: Actor) {
    return this.run(skpId, { type: 'ChangeApproach', data: { skpId, approach: body.approach }, metadata: this.meta(actor) }, actor);
  }

  @RouteWithBody(Post(':id/rhk'), 'Add an RHK with its indicators; linking to a superior draft RHK is allowed and flagged.', rhkBody)
  async addRhk(@Param('id') skpId: string, @Body(new ZodValidationPipe(rhkBody)) body: z.infer<typeof rhkBody>, @CurrentActor() actor: Actor) {
    const looked = await this.lookups.read(skpId);
    const state = looked.state;
    const linkLookup = await this.lookups.link(body as Rhk, state, this.today());
    return this.run(skpId, { type: 'AddRhk', data: { skpId, rhk: body as Rhk }, lookups: { linkLookup }, metadata: this.meta(actor) }, actor, looked);
  }

  @Put(':id/rhk/:rhkId')
  @ApiBody({ schema: zodToOpenApi(rhkBody) })
  async reviseRhk(
    @Param('id') skpId: string,
    @Param('rhkId') rhkId: string,
    @Body(new ZodValidationPipe(rhkBody)) body: z.infer<typeof rhkBody>,
    @CurrentActor() actor: Actor,
  ) {
    if (body.rhkId !== rhkId) throw invalid('RHK_ID_MISMATCH', 'Kode RHK pada alamat dan isi permintaan harus sama.', 'rhkId');
    const looked = await this.lookups.read(skpId);
    const state = looked.state;
    const linkLookup = await this.lookups.link(body as Rhk, state, this.today());
    return this.run(skpId, { type: 'ReviseRhk', data: { skpId, rhk: body as Rhk }, lookups: { linkLookup }, metadata: this.meta(actor) }, actor, looked);
  }

  @Delete(':id/rhk/:rhkId')
  removeRhk(@Param('id') skpId: string, @Param('rhkId') rhkId: string, @CurrentActor() actor: Actor) {
    return this.run(skpId, { type: 'RemoveRhk', data: { skpId, rhkId }, metadata: this.meta(actor) }, actor);
  }

  @Put(':id/lampiran')
  @ApiBody({ schema: zodToOpenApi(lampiranBody) })
  lampiran(@Param('id') skpId: string, @Body(new ZodValidationPipe(lampiranBody)) body: z.infer<typeof lampiranBody>, @CurrentActor() actor: Actor) {
    return this.run(skpId, { type: 'SetLampiran', data: { skpId, lampiran: body }, metadata: this.meta(actor) }, actor);
  }

  @RouteWithBody(Put(':id/ekspektasi/:coreValue'), 'Ekspektasi khusus pimpinan for one BerAKHLAK value (the pejabat penilai of the period).', ekspektasiBody)
  async ekspektasi(
    @Param('id') skpId: string,
    @Param('coreValue') coreValue: string,
    @Body(new ZodValidationPipe(ekspektasiBody)) body: z.infer<typeof ekspektasiBody>,
    @CurrentActor() actor: Actor,
  ) {
    if (!(CORE_VALUES as readonly string[]).includes(coreValue)) throw invalid('CORE_VALUE_INVALID', 'Nilai BerAKHLAK tidak dikenal.', 'coreValue');
    const looked = await this.lookups.read(skpId);
    const state = looked.state;
    const pejabatPenilaiNip = await this.lookups.pejabatPenilai(state, this.today());
    return this.run(
      skpId,
      { type: 'SetEkspektasiKhusus', data: { skpId, coreValue: coreValue as (typeof CORE_VALUES)[number], text: body.text }, lookups: { pejabatPenilaiNip }, metadata: this.meta(actor) },
      actor,
      looked,
    );
  }

  @Post(':id/submit')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Submit the SKP to the pejabat penilai (the employee). Refused with the reason when approval would be refused: no pejabat penilai in the period (409 SKP_NO_PEJABAT_PENILAI), an RHK not linked to an approved RHK of the superior (409 SKP_LINKS_UNRESOLVED).',
  })
  async submit(@Param('id') skpId: string, @CurrentActor() actor: Actor) {
    const looked = await this.lookups.read(skpId);
    const state = looked.state;
    const [pejabatPenilaiNip, linkTargets] = await Promise.all([this.lookups.pejabatPenilai(state, this.today()), this.lookups.linkTargets(state)]);
    return this.run(skpId, { type: 'SubmitSkp', data: { skpId }, lookups: { pejabatPenilaiNip, linkTargets }, metadata: this.meta(actor) }, actor, looked);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw a submitted SKP before the pejabat penilai decides (the employee); it is editable again (409 SKP_NOT_WITHDRAWABLE otherwise).' })
  withdraw(@Param('id') skpId: string, @CurrentActor() actor: Actor) {
    return this.run(skpId, { type: 'WithdrawSkp', data: { skpId }, metadata: this.meta(actor) }, actor);
  }

  @HttpCode(200)
  @RouteWithBody(Post(':id/return'), 'Return a submitted SKP with notes (the pejabat penilai of the period).', returnBody)
  async return(@Param('id') skpId: string, @Body(new ZodValidationPipe(returnBody)) body: z.infer<typeof returnBody>, @CurrentActor() actor: Actor) {
    const looked = await this.lookups.read(skpId);
    const state = looked.state;
    const pejabatPenilaiNip = await this.lookups.pejabatPenilai(state, this.today());
    return this.run(skpId, { type: 'ReturnSkp', data: { skpId, notes: body.notes }, lookups: { pejabatPenilaiNip }, metadata: this.meta(actor) }, actor, looked);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve a submitted SKP (the pejabat penilai of the period); every link must point at an approved RHK.' })
  async approve(@Param('id') skpId: string, @CurrentActor() actor: Actor) {
    const looked = await this.lookups.read(skpId);
    const state = looked.state;
    const [pejabatPenilaiNip, linkTargets] = await Promise.all([this.lookups.pejabatPenilai(state, this.today()), this.lookups.linkTargets(state)]);
    const command: SkpCommand = { type: 'ApproveSkp', data: { skpId }, lookups: { pejabatPenilaiNip, linkTargets }, metadata: this.meta(actor) };
    const { state: approved } = await this.decide(skpId, command, actor, looked);
    // IKIs bound to service records or complaints get their realisations from the facts already there.
    await this.computed
      .forSkp(skpId, undefined, approved)
      .catch((err: unknown) => this.logger.warn(`computed realisations of ${skpId} not recorded yet: ${String(err)}`));
    return this.getSkp.document(skpId, actor, command.metadata.now.toISOString().slice(0, 10), undefined, approved);
  }

  @Post(':id/amend')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start amending an approved SKP; the approved version stays in force until the amendment is approved.' })
  amend(@Param('id') skpId: string, @CurrentActor() actor: Actor) {
    return this.run(skpId, { type: 'StartAmendment', data: { skpId }, metadata: this.meta(actor) }, actor);
  }

  @Post(':id/close')
  @HttpCode(200)
  @ApiBody({ schema: zodToOpenApi(closeBody) })
  close(@Param('id') skpId: string, @Body(new ZodValidationPipe(closeBody)) body: z.infer<typeof closeBody>, @CurrentActor() actor: Actor) {
    return this.run(skpId, { type: 'CloseSkp', data: { skpId, ...body }, metadata: this.meta(actor) }, actor);
  }

  private today(): string {
    return this.commands.now().toISOString().slice(0, 10);
  }

  private meta(actor: Actor) {
    return { now: this.commands.now(), actor };
  }

  /** Decides and answers with the document of the decided state. */
  private async run(skpId: string, command: SkpCommand, actor: Actor, looked?: StreamRead<SkpState>): Promise<SkpDocumentResponse> {
    const { state } = await this.decide(skpId, command, actor, looked);
    return this.getSkp.document(skpId, actor, command.metadata.now.toISOString().slice(0, 10), undefined, state);
  }

  /**
   * `looked`: the stream as the look-ups read it. `handle` decides on that same read and appends
   * with its revision, so a change between the look-ups and the append fails with 409 instead of
   * deciding on stale look-ups (without it, `handle` reads the stream itself).
   */
  private decide(skpId: string, command: SkpCommand, actor: Actor, looked?: StreamRead<SkpState>): Promise<HandleResult<SkpEvent, SkpState>> {
    const { now } = command.metadata;
    const agencyId = looked && looked.state.status !== 'NONE' ? looked.state.header.agencyId : undefined;
    return this.commands.run(skpStream(skpId), skpDecider, command, eventMetadata(actor, { now, ...(agencyId ? { agencyId } : {}) }), undefined, looked);
  }
}

