import { Body, Controller, Get, Headers, Inject, Param, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { isPeriodId, PERIOD_ID_DESCRIPTION, PERIOD_ID_MESSAGE } from '@kinerja/contracts';
import { forbidden, invalid, notFound } from '@kinerja/domain';
import { Actor, Commands, CurrentActor, eventMetadata, periodIdSchema, RouteWithBody, ZodValidationPipe } from '@kinerja/platform';
import { WorkPlanningConfig } from '../config';
import { GetSkpQuery } from '../skps/get-skp/get-skp.query';
import { SkpLookups } from '../skps/skp-lookups';
import { currentVersion } from '../skps/skp.decider';
import { WORK_PLANNING_CONFIG } from '../tokens';
import { evaluationPeriod } from './evaluation-period.rules';
import { RealisationView } from './get-realisations/realisation-view.entity';
import { realisationRow, RealisationViewRow } from './get-realisations/realisation-view.projection';
import { RecordRealisation, realisationDecider, RealisationState, TargetKind } from './realisation.decider';
import { Evidence, realisationStream } from './realisation.events';

const recordBody = z
  .object({
    periodId: periodIdSchema(),
    ikiId: z.string().trim().min(1).max(100),
    value: z.number().nullable().default(null).describe('The realised value (quantitative targets)'),
    narrative: z.string().max(10000).nullable().default(null).describe('Required for qualitative targets'),
    occurredOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Tanggal harus berformat YYYY-MM-DD.'),
    evidence: z
      .array(
        z.union([
          z.object({ kind: z.literal('LINK'), url: z.string().max(2000), title: z.string().max(300).nullable().default(null) }).strict(),
          z.object({ kind: z.literal('FILE'), sha256: z.string().regex(/^[0-9a-f]{64}$/, 'SHA-256 heksadesimal 64 karakter.') }).strict(),
        ]),
      )
      .max(20)
      .default([]),
  })
  .strict();

/** What this controller uses of Express's request and response. */
type RawRequest = AsyncIterable<Buffer> & { query: Record<string, unknown> };

/**
 * Realisations per indicator and evaluation period (issue 4 §3), and their evidence files. File
 * bytes live in `evidence_file` (the read-model database), addressed by SHA-256, so the same file
 * uploaded twice is stored once; events carry only hash, size, name and media type.
 */
@ApiTags('realisations')
@Controller('skps/:skpId')
export class RealisationsController {
  constructor(
    private readonly commands: Commands,
    private readonly dataSource: DataSource,
    @Inject(WORK_PLANNING_CONFIG) private readonly config: WorkPlanningConfig,
    private readonly lookups: SkpLookups,
    private readonly getSkp: GetSkpQuery,
  ) {}

  @Post('evidence-files')
  @ApiOperation({ summary: 'Upload an evidence file (raw body, its media type as Content-Type, ?fileName=). The SKP owner only.' })
  @ApiConsumes('application/octet-stream', 'application/pdf', 'image/jpeg', 'image/png')
  @ApiQuery({ name: 'fileName', required: true })
  async upload(
    @Param('skpId') skpId: string,
    @Headers('content-type') contentType: string | undefined,
    @Req() req: RawRequest,
    @CurrentActor() actor: Actor,
  ): Promise<{ sha256: string; sizeBytes: number; fileName: string; mediaType: string }> {
    const state = await this.lookups.skp(skpId);
    if (state.status === 'NONE') throw notFound('SKP_NOT_FOUND', 'SKP tidak ditemukan.');
    if (actor.id !== state.header.nip) throw forbidden('REALISATION_OWNER_ONLY', 'Hanya pegawai pemilik SKP yang dapat mengunggah bukti dukung.');
    const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
    if (!mediaType || mediaType === 'application/json' || mediaType.startsWith('multipart/'))
      throw invalid('EVIDENCE_MEDIA_TYPE', 'Kirim isi berkas apa adanya dengan Content-Type jenis berkasnya (misalnya application/pdf).', 'content-type');
    const fileName = typeof req.query.fileName === 'string' ? req.query.fileName.trim() : '';
    if (!fileName || fileName.length > 300) throw invalid('EVIDENCE_FILE_NAME_REQUIRED', 'Nama berkas (fileName) wajib diisi, maksimal 300 karakter.', 'fileName');
    const max = this.config.EVIDENCE_MAX_BYTES;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += chunk.length;
      if (size > max) throw invalid('EVIDENCE_TOO_LARGE', `Berkas bukti dukung melebihi ukuran maksimum ${max} bita.`, 'file');
      chunks.push(chunk);
    }
    if (size === 0) throw invalid('EVIDENCE_FILE_EMPTY', 'Berkas bukti dukung kosong.', 'file');
    const bytes = Buffer.concat(chunks);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await this.dataSource.query(
      `INSERT INTO evidence_file (sha256, size_bytes, media_type, file_name, bytes, uploaded_by, uploaded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (sha256) DO NOTHING`,
      [sha256, size, mediaType, fileName, bytes, actor.id, this.commands.now()],
    );
    return { sha256, sizeBytes: size, fileName, mediaType };
  }

  @Get('evidence-files/:sha256')
  @ApiOperation({ summary: 'Download an evidence file referenced by a realisation of this SKP.' })
  async download(
    @Param('skpId') skpId: string,
    @Param('sha256') sha256: string,
    @Res({ passthrough: true }) res: { setHeader(name: string, value: string): void },
    @CurrentActor() actor: Actor,
  ): Promise<StreamableFile> {
    await this.getSkp.row(skpId, actor, this.today());
    const [file] = await this.dataSource.query(`SELECT media_type, file_name, bytes FROM evidence_file WHERE sha256 = $1`, [sha256]);
    if (!file) throw notFound('EVIDENCE_FILE_NOT_FOUND', 'Berkas bukti dukung tidak ditemukan.');
    res.setHeader('content-type', file.media_type);
    res.setHeader('content-disposition', `attachment; filename="${String(file.file_name).replace(/["\r\n]/g, '_')}"`);
    return new StreamableFile(file.bytes as Buffer);
  }

  @RouteWithBody(Post('realisations'), 'Record the realisation of an IKI in an evaluation period (value or narrative, evidence); late ones are marked.', recordBody)
  async record(@Param('skpId') skpId: string, @Body(new ZodValidationPipe(recordBody)) body: z.infer<typeof recordBody>, @CurrentActor() actor: Actor) {
    const now = this.commands.now();
    const state = await this.lookups.skp(skpId);
    if (state.status === 'NONE') throw notFound('SKP_NOT_FOUND', 'SKP tidak ditemukan.');
    const period = evaluationPeriod(body.periodId, this.config.REALISATION_DEADLINE_DAYS);
    if (!period) throw invalid('PERIOD_UNKNOWN', PERIOD_ID_MESSAGE, 'periodId');
    const approved = currentVersion(state);
    const approvedIndicators: Record<string, TargetKind> | null = approved
      ? Object.fromEntries(approved.rhk.flatMap((r) => r.indicators.map((i) => [i.ikiId, i.target.kind])))
      : null;
    const computedIndicators = approved ? approved.rhk.flatMap((r) => r.indicators.filter((i) => i.source !== undefined).map((i) => i.ikiId)) : [];
    // Every uploaded file the realisation cites, in one look-up.
    const cited = body.evidence.flatMap((e) => (e.kind === 'FILE' ? [e.sha256] : []));
    const rows: { sha256: string; size_bytes: number; file_name: string; media_type: string }[] =
      cited.length > 0 ? await this.dataSource.query(`SELECT sha256, size_bytes, file_name, media_type FROM evidence_file WHERE sha256 = ANY($1::text[])`, [cited]) : [];
    const files = new Map(rows.map((row) => [row.sha256, row]));
    const evidence: Evidence[] = body.evidence.map((e) => {
      if (e.kind === 'LINK') return { kind: 'LINK', url: e.url, title: e.title };
      const file = files.get(e.sha256);
      if (!file) throw invalid('EVIDENCE_FILE_UNKNOWN', 'Berkas bukti dukung belum diunggah.', 'evidence');
      return { kind: 'FILE', sha256: e.sha256, sizeBytes: file.size_bytes, fileName: file.file_name, mediaType: file.media_type };
    });
    const command: RecordRealisation = {
      type: 'RecordRealisation',
      data: {
        skpId,
        periodId: body.periodId,
        ikiId: body.ikiId,
        outcome: { value: body.value, narrative: body.narrative },
        evidence,
        occurredOn: body.occurredOn,
      },
      lookups: {
        skp: { nip: state.header.nip, periodStart: state.header.periodStart, periodEnd: state.header.periodEnd, approvedIndicators, computedIndicators },
        period: { start: period.start, end: period.end, deadline: period.deadline, finalized: period.finalized },
        maxEvidenceFileBytes: this.config.EVIDENCE_MAX_BYTES,
      },
      metadata: { now, actor },
    };
    const { state: decided } = await this.commands.run(
      realisationStream(skpId, body.periodId),
      realisationDecider,
      command,
      eventMetadata(actor, { now, agencyId: state.header.agencyId, occurredAt: `${body.occurredOn}T00:00:00.000Z` }),
    );
    // The answer is the period's realisations as the command decided them, built by the read
    // model's own projection: what a GET returns once the write is visible (`run` waited for that),
    // without reading the SKP's and the realisations' rows back.
    await this.getSkp.stateRow(state, actor, now.toISOString().slice(0, 10));
    return realisationsAnswer(skpId, latestRecords(decided));
  }

  @Get('realisations')
  @ApiOperation({ summary: 'The latest realisation of each IKI of the SKP (optionally in one period), with revisions and late marks.' })
  @ApiQuery({ name: 'periodId', required: false, description: PERIOD_ID_DESCRIPTION })
  async list(@Param('skpId') skpId: string, @Query('periodId') periodId: string | undefined, @CurrentActor() actor: Actor) {
    if (periodId !== undefined && !isPeriodId(periodId)) throw invalid('PERIOD_UNKNOWN', PERIOD_ID_MESSAGE, 'periodId');
    await this.getSkp.row(skpId, actor, this.today());
    const rows = await this.dataSource.getRepository(RealisationView).find({ where: periodId ? { skpId, periodId } : { skpId } });
    return realisationsAnswer(skpId, rows);
  }

  private today(): string {
    return this.commands.now().toISOString().slice(0, 10);
  }
}

/** The read model's rows of a realisation stream: the latest record of each indicator. */
function latestRecords(state: RealisationState): RealisationViewRow[] {
  if (state.status !== 'RECORDING') return [];
  return Object.values(state.byIki).flatMap((records) => (records.length > 0 ? [realisationRow(records[records.length - 1])] : []));
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** GET …/realisations and the answer of a recorded realisation: by period, then indicator (code-point order, whatever the database's collation). */
function realisationsAnswer(skpId: string, rows: readonly RealisationViewRow[]) {
  return {
    skpId,
    realisations: [...rows]
      .sort((a, b) => byCodePoint(a.periodId, b.periodId) || byCodePoint(a.ikiId, b.ikiId))
      .map((r) => ({
        periodId: r.periodId,
        ikiId: r.ikiId,
        revision: r.revision,
        value: r.value,
        narrative: r.narrative,
        evidence: r.evidence,
        occurredOn: r.occurredOn,
        recordedAt: r.recordedAt.toISOString(),
        late: r.late,
        computed: r.computed,
      })),
  };
}
