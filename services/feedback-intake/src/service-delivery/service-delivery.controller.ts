import { Body, Controller, Get, Headers, HttpStatus, Param, PayloadTooLargeException, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { parsePeriod, Period, PERIOD_ID_MESSAGE } from '@kinerja/contracts';
import { invalid, notFound, parseCsvText } from '@kinerja/domain';
import { handle } from '@kinerja/event-store';
import { Actor, Commands, CurrentActor, eventMetadata, Public, RequestValidationError, RouteWithBody, zodToOpenApi, ZodValidationPipe } from '@kinerja/platform';
import { FeedbackAccess } from '../access';
import { Directory } from '../directory/directory';
import { GetServiceFiguresQuery, ServiceFiguresResponse, ServiceRecordResponse, ServiceStandardResponse, UnitServiceFiguresResponse } from './get-service-figures/get-service-figures.query';
import { serviceDeliveryDecider } from './service-delivery.decider';
import { SERVICE_TIME_UNITS, serviceStandardsStream } from './service-delivery.events';
import { IntakeReport, MAX_RECORDS_PER_CSV, MAX_RECORDS_PER_JSON_BATCH, ServiceRecordIntake } from './service-record-intake';
import { SERVICE_RECORD_FIELDS } from './service-records.rules';

const MAX_CSV_BYTES = 5 * 1024 * 1024;
const agencyIdParam = z.string().trim().min(1).max(100).regex(/^[A-Za-z0-9._-]+$/, 'Kode instansi tidak valid.');
const codeParam = z.string().trim().min(1).max(100).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'Kode layanan: huruf, angka, titik, garis bawah atau tanda hubung.');
const nipParam = z.string().regex(/^[0-9]{18}$/, 'NIP harus 18 digit.');
const unitIdParam = z.string().trim().min(1).max(100).regex(/^[A-Za-z0-9._-]+$/, 'Kode unit tidak valid.');

const standardBody = z
  .object({
    name: z.string().trim().min(1).max(200).describe('e.g. Penerbitan KTP-el'),
    amount: z.number().positive().describe('The standard time: whole working days, or hours (up to two decimals)'),
    unit: z.enum(SERVICE_TIME_UNITS),
    effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Tanggal YYYY-MM-DD.').optional().describe('Default: today. Applications received from this date are judged by this version.'),
  })
  .strict();

const recordSchema = z
  .object({
    sourceId: z.string().describe("The agency system's own id of the application: sending it again is idempotent"),
    serviceCode: z.string(),
    unitId: z.string(),
    officerNip: z.string().describe('NIP of the officer who completed it'),
    receivedAt: z.string().describe('ISO 8601 with zone, e.g. 2026-03-02T08:15:00+07:00'),
    completedAt: z.string(),
    channel: z.string().describe('LOKET, ONLINE, KELILING or LAINNYA'),
  })
  .describe('No field about the citizen is accepted.');
const recordsBody = z.object({ records: z.array(z.record(z.string(), z.unknown())).min(1), dryRun: z.boolean().optional() }).strict();

const listQuery = z.object({
  periodId: z.string().describe('2026, 2026-S1, 2026-Q2 or 2026-M04'),
  serviceCode: codeParam.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

type Request = AsyncIterable<Buffer> & { query: Record<string, unknown> };
type Response = { status(code: number): unknown };

function period(periodId: unknown): Period {
  const parsed = parsePeriod(periodId);
  if (!parsed) throw invalid('PERIOD_INVALID', PERIOD_ID_MESSAGE, 'periodId');
  return parsed;
}

/**
 * Service delivery (issue 19): an agency's service-time standards, the completed applications its
 * systems report (JSON single or batch, or a CSV upload; the stream `ServiceRecordReported.v1` goes
 * through the same intake), and the figures per officer and unit with the records behind them.
 */
@ApiTags('service delivery')
@Controller()
export class ServiceDeliveryController {
  constructor(
    private readonly commands: Commands,
    private readonly access: FeedbackAccess,
    private readonly directory: Directory,
    private readonly intake: ServiceRecordIntake,
    private readonly figures: GetServiceFiguresQuery,
  ) {}

  @RouteWithBody(Put('agencies/:agencyId/service-standards/:serviceCode'), "Set a service's standard time (a new version from effectiveFrom; the same standard again changes nothing). Agency admin or city admin.", standardBody)
  async setStandard(
    @Param('agencyId', new ZodValidationPipe(agencyIdParam)) agencyId: string,
    @Param('serviceCode', new ZodValidationPipe(codeParam)) serviceCode: string,
    @Body(new ZodValidationPipe(standardBody)) body: z.infer<typeof standardBody>,
    @CurrentActor() actor: Actor,
  ): Promise<ServiceStandardResponse> {
    this.access.assertServiceDelivery(actor, await this.knownAgency(agencyId));
    const now = this.commands.now();
    const { append } = await handle(
      this.commands.store,
      serviceStandardsStream(agencyId),
      serviceDeliveryDecider,
      {
        type: 'SetServiceStandard',
        data: { agencyId, serviceCode, name: body.name, standard: { amount: body.amount, unit: body.unit }, effectiveFrom: body.effectiveFrom ?? this.directory.today() },
        metadata: { now, actor },
      },
      eventMetadata(actor, { now, agencyId }),
    );
    if (append) await this.commands.visible.wait(append);
    const standard = (await this.figures.standards(agencyId)).find((s) => s.serviceCode === serviceCode);
    if (!standard) throw notFound('SERVICE_STANDARD_NOT_FOUND', 'Standar layanan tidak ditemukan.');
    return standard;
  }

  @Get('agencies/:agencyId/service-standards')
  @ApiOperation({ summary: "An agency's service standards in force, each with its earlier versions." })
  standards(@Param('agencyId', new ZodValidationPipe(agencyIdParam)) agencyId: string): Promise<ServiceStandardResponse[]> {
    return this.figures.standards(agencyId);
  }

  @Public()
  @Get('public/units/:unitId/service-standards')
  @ApiTags('citizens: directory')
  @ApiOperation({ summary: "The standard times of the services of a unit's agency, as the citizens' unit page shows them." })
  async publicStandards(@Param('unitId', new ZodValidationPipe(unitIdParam)) unitId: string): Promise<ServiceStandardResponse[]> {
    const unit = await this.directory.unit(unitId);
    if (!unit) throw notFound('UNIT_NOT_FOUND', 'Unit layanan tidak ditemukan.');
    return (await this.figures.standards(unit.agencyId)).map((s) => ({ ...s, history: [] }));
  }

  @Post('agencies/:agencyId/service-records')
  @ApiOperation({
    summary:
      'Report completed applications: JSON { records: [...] , dryRun? } or one record, or a CSV (text/csv, header ' +
      `${SERVICE_RECORD_FIELDS.join(',')}; ?dryRun=true). Every record is checked; with any problem nothing is stored (400 SERVICE_RECORDS_REJECTED listing each). ` +
      `Records already stored as sent are reported as duplicates. At most ${MAX_RECORDS_PER_JSON_BATCH} records per JSON request, ${MAX_RECORDS_PER_CSV} per CSV (413). 201 when something was stored, else 200.`,
  })
  @ApiConsumes('application/json', 'text/csv')
  @ApiQuery({ name: 'dryRun', required: false })
  @ApiBody({ schema: { oneOf: [zodToOpenApi(recordsBody), zodToOpenApi(recordSchema)] } })
  async report(
    @Param('agencyId', new ZodValidationPipe(agencyIdParam)) agencyId: string,
    @Headers('content-type') contentType: string | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
  ): Promise<IntakeReport | (IntakeReport & { statusCode: 400; code: string; message: string })> {
    this.access.assertServiceDelivery(actor, await this.knownAgency(agencyId));
    const input = await this.readRecords(contentType, req, body);
    const max = input.source === 'CSV' ? MAX_RECORDS_PER_CSV : MAX_RECORDS_PER_JSON_BATCH;
    if (input.records.length > max) throw new PayloadTooLargeException({ code: 'TOO_MANY_RECORDS', message: `Paling banyak ${max} catatan per kiriman; bagi menjadi beberapa kiriman.` });
    const { append: _append, ...report } = await this.intake.accept({ agencyId, records: input.records, source: input.source, actor, dryRun: input.dryRun, lines: input.lines });
    if (report.problems.length > 0) {
      res.status(HttpStatus.BAD_REQUEST);
      const lines = new Set(report.problems.map((p) => p.index)).size;
      return { statusCode: 400, code: 'SERVICE_RECORDS_REJECTED', message: `Kiriman ditolak: ${lines} catatan bermasalah. Tidak ada yang disimpan.`, ...report };
    }
    res.status(report.accepted > 0 && !report.dryRun ? HttpStatus.CREATED : HttpStatus.OK);
    return report;
  }

  @Get('agencies/:agencyId/service-records/rejections')
  @ApiOperation({ summary: 'Records the stream channel could not accept (ServiceRecordReported.v1), newest first, each with every problem: fix and send again.' })
  async rejections(
    @Param('agencyId', new ZodValidationPipe(agencyIdParam)) agencyId: string,
    @CurrentActor() actor: Actor,
  ): Promise<{ sourceId: string; messageId: string; problems: { field: string; code: string; message: string }[]; rejectedAt: string }[]> {
    this.access.assertServiceDelivery(actor, await this.knownAgency(agencyId));
    return this.figures.rejections(agencyId);
  }

  @Get('employees/:nip/service-figures')
  @ApiOperation({ summary: "An officer's service figures in a period: per service the applications completed, within standard, the mean time; complaints they resolved within SLA per category." })
  @ApiQuery({ name: 'periodId', required: true })
  async officerFigures(@Param('nip', new ZodValidationPipe(nipParam)) nip: string, @Query('periodId') periodId: unknown, @CurrentActor() actor: Actor): Promise<ServiceFiguresResponse & { nip: string }> {
    const p = period(periodId);
    await this.access.assertOnEmployee(actor, 'readServiceFigures', nip);
    return { nip, ...(await this.figures.forOfficer(nip, p)) };
  }

  @Get('employees/:nip/service-records')
  @ApiOperation({ summary: 'The records behind an officer’s figures, oldest first.' })
  async officerRecords(@Param('nip', new ZodValidationPipe(nipParam)) nip: string, @Query(new ZodValidationPipe(listQuery)) q: z.infer<typeof listQuery>, @CurrentActor() actor: Actor): Promise<{ total: number; records: ServiceRecordResponse[] }> {
    const p = period(q.periodId);
    await this.access.assertOnEmployee(actor, 'readServiceFigures', nip);
    return this.figures.records({ nip, serviceCode: q.serviceCode }, p, q.limit, q.offset);
  }

  @Get('units/:unitId/service-figures')
  @ApiOperation({ summary: "A unit's service figures in a period, in total and per officer, beside its complaints handled within SLA." })
  @ApiQuery({ name: 'periodId', required: true })
  async unitFigures(@Param('unitId', new ZodValidationPipe(unitIdParam)) unitId: string, @Query('periodId') periodId: unknown, @CurrentActor() actor: Actor): Promise<UnitServiceFiguresResponse> {
    const p = period(periodId);
    await this.assertUnitFigures(actor, unitId);
    return this.figures.forUnit(unitId, p);
  }

  @Get('units/:unitId/service-records')
  @ApiOperation({ summary: "The records behind a unit's figures, oldest first." })
  async unitRecords(@Param('unitId', new ZodValidationPipe(unitIdParam)) unitId: string, @Query(new ZodValidationPipe(listQuery)) q: z.infer<typeof listQuery>, @CurrentActor() actor: Actor): Promise<{ total: number; records: ServiceRecordResponse[] }> {
    const p = period(q.periodId);
    await this.assertUnitFigures(actor, unitId);
    return this.figures.records({ unitId, serviceCode: q.serviceCode }, p, q.limit, q.offset);
  }

  /** The agency as this service knows it (null: unknown), for the access decision. */
  private async knownAgency(agencyId: string): Promise<string | null> {
    return (await this.intake.agencyKnown(agencyId)) ? agencyId : null;
  }

  private async assertUnitFigures(actor: Actor, unitId: string): Promise<void> {
    const unit = await this.directory.unit(unitId);
    if (!unit) throw notFound('UNIT_NOT_FOUND', 'Unit layanan tidak ditemukan.');
    await this.access.assertOnUnit(actor, unitId, unit.agencyId, 'readServiceFigures');
  }

  private async readRecords(contentType: string | undefined, req: Request, body: unknown): Promise<{ records: Record<string, unknown>[]; source: 'API' | 'CSV'; dryRun: boolean; lines?: number[] }> {
    const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
    const dryRunQuery = req.query.dryRun;
    if (dryRunQuery !== undefined && dryRunQuery !== 'true' && dryRunQuery !== 'false') throw invalid('INVALID_DRY_RUN', 'dryRun harus true atau false.', 'dryRun');
    if (type === 'text/csv' || type === 'text/plain') {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of req) {
        size += chunk.length;
        if (size > MAX_CSV_BYTES) throw new PayloadTooLargeException({ code: 'CSV_TOO_LARGE', message: `Berkas CSV melebihi ${MAX_CSV_BYTES} bita.` });
        chunks.push(chunk);
      }
      const parsed = parseCsvText(Buffer.concat(chunks).toString('utf8'));
      if (!parsed.ok) throw invalid('CSV_INVALID', `CSV tidak dapat dibaca pada baris ${parsed.line}: ${parsed.message}`, 'csv');
      const [header, ...rows] = parsed.records;
      if (!header) throw invalid('CSV_EMPTY', 'Berkas CSV kosong.', 'csv');
      const columns = header.fields.map((f) => f.trim());
      const unknown = columns.filter((c) => !(SERVICE_RECORD_FIELDS as readonly string[]).includes(c));
      if (unknown.length > 0) throw invalid('CSV_COLUMN_NOT_ALLOWED', `Kolom tidak dikenal: ${unknown.join(', ')}. Kolom yang diterima: ${SERVICE_RECORD_FIELDS.join(', ')}.`, 'csv');
      const data = rows.filter((r) => r.fields.some((f) => f.trim() !== ''));
      return {
        records: data.map((r) => Object.fromEntries(columns.map((c, i) => [c, r.fields[i] ?? '']))),
        lines: data.map((r) => r.line),
        source: 'CSV',
        dryRun: dryRunQuery === 'true',
      };
    }
    if (body && typeof body === 'object' && !Array.isArray(body) && !('records' in body)) return { records: [body as Record<string, unknown>], source: 'API', dryRun: dryRunQuery === 'true' };
    const parsed = recordsBody.safeParse(body);
    if (!parsed.success) {
      throw new RequestValidationError(parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'records', code: 'INVALID', message: 'Kirim { records: [ ... ] }, satu catatan, atau berkas CSV (text/csv).' })));
    }
    return { records: parsed.data.records, source: 'API', dryRun: parsed.data.dryRun ?? dryRunQuery === 'true' };
  }
}
