import { Body, Controller, Get, HttpStatus, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { DomainError, fold, forbidden, notFound } from '@kinerja/domain';
import { toDomainEvent } from '@kinerja/event-store';
import { Actor, Commands, CurrentActor, eventMetadata, RouteWithBody, zodToOpenApi, ZodValidationPipe } from '@kinerja/platform';
import { authorityOf, CareerAccess } from '../access';
import { isLocalDate } from '../local-date';
import { RuleSetLookups } from '../rule-sets/rule-set-lookups';
import { EmployeeRecordResponse, GetEmployeeRecordQuery, recordResponse } from './get-employee-record/get-employee-record.query';
import { parseLegacyCsv } from './legacy-import.rules';
import { ImportLegacyPredicate, ImportPredicate, NamePegawaiTeladan, performanceRecordDecider, PerformanceRecordCommand, PerformanceRecordState, performanceRecordStream, RecordEmployment } from './performance-record.decider';
import { PerformanceRecordEvent } from './performance-record.events';
import { parsePredicateCsv, PredicateImportProblem } from './predicate-import.rules';

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Tanggal harus YYYY-MM-DD');
const GOLONGAN_PNS = ['I', 'II', 'III'].flatMap((g) => ['a', 'b', 'c', 'd'].map((r) => `${g}/${r}`)).concat(['IV/a', 'IV/b', 'IV/c', 'IV/d', 'IV/e']);
const GOLONGAN_PPPK = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII'];
const nipParam = z.string().regex(/^[0-9]{18}$/, 'NIP harus 18 digit');
/** Golongan as the JSON API of work-planning and its CSV import accept them (PNS I/a–IV/e, PPPK I–XVII). */
const employmentBody = z
  .object({ employmentKind: z.enum(['PNS', 'PPPK']), golongan: z.string().min(1).max(8), rankSince: localDate.refine(isLocalDate, 'Tanggal tidak ada di kalender') })
  .strict()
  .superRefine((body, ctx) => {
    const allowed = body.employmentKind === 'PNS' ? GOLONGAN_PNS : GOLONGAN_PPPK;
    if (!allowed.includes(body.golongan)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['golongan'], message: body.employmentKind === 'PNS' ? 'Golongan PNS I/a sampai IV/e' : 'Golongan PPPK I sampai XVII' });
  });
const teladanBody = z.object({ year: z.number().int().min(2000).max(2100), decreeNumber: z.string().max(200) }).strict();
const importBody = z.object({ csv: z.string().min(1).max(5_000_000).describe('nip,tahun,nilai,inovasi') }).strict();
const predicateImportBody = z
  .object({ csv: z.string().min(1).max(5_000_000).describe('CSV with the columns NIP, TAHUN (or YEAR), PREDIKAT; `,` or `;`; other columns ignored') })
  .strict();
const dryRunQuery = z.object({ dryRun: z.enum(['true', 'false']).default('false').describe('true: check and report, store nothing') }).strict();

/** What this controller uses of Express's response. */
type Response = { status(code: number): unknown };

export interface PredicateImportResponse {
  dryRun: boolean;
  /** Distinct rows of the file (an exact repeat counts once). */
  rows: number;
  /** Years recorded now (with dryRun: that would be recorded). */
  recorded: number;
  /** Rows already recorded with the same predikat: nothing to do. */
  unchanged: number;
}

export interface PredicateImportRejected {
  statusCode: 400;
  code: 'IMPORT_REJECTED';
  message: string;
  errors: PredicateImportProblem[];
}

interface PlannedAppend {
  stream: string;
  expected: number | 'no_stream';
  events: PerformanceRecordEvent[];
}

@ApiTags('performance-record')
@Controller()
export class PerformanceRecordController {
  constructor(
    private readonly commands: Commands,
    private readonly ruleSets: RuleSetLookups,
    private readonly records: GetEmployeeRecordQuery,
    private readonly access: CareerAccess,
  ) {}

  @RouteWithBody(Put('agencies/:agencyId/employees/:nip/employment'), 'Record PNS/PPPK, golongan and TMT pangkat of an employee. Admin OPD of the agency or BKPSDM.', employmentBody)
  async recordEmployment(
    @Param('agencyId') agencyId: string,
    @Param('nip', new ZodValidationPipe(nipParam)) nip: string,
    @Body(new ZodValidationPipe(employmentBody)) body: z.infer<typeof employmentBody>,
    @CurrentActor() actor: Actor,
  ): Promise<EmployeeRecordResponse | null> {
    await this.access.assertOnEmployee(actor, 'proposeForEmployee', nip, agencyId);
    const now = this.commands.now();
    const command: RecordEmployment = { type: 'RecordEmployment', data: { nip, agencyId, ...body }, lookups: { authority: authorityOf(actor) }, metadata: { now, actor } };
    await this.commands.run(performanceRecordStream(nip), performanceRecordDecider, command, eventMetadata(actor, { now, agencyId }));
    const row = await this.records.run(nip);
    return row && recordResponse(row);
  }

  @RouteWithBody(Post('agencies/:agencyId/employees/:nip/pegawai-teladan'), 'Name a pegawai teladan for a year (the year must be Sangat Baik). The PPK of the agency or its delegate.', teladanBody)
  async nameTeladan(
    @Param('agencyId') agencyId: string,
    @Param('nip') nip: string,
    @Body(new ZodValidationPipe(teladanBody)) body: z.infer<typeof teladanBody>,
    @CurrentActor() actor: Actor,
  ): Promise<EmployeeRecordResponse | null> {
    await this.access.assertOnEmployee(actor, 'approveForEmployee', nip, agencyId);
    const now = this.commands.now();
    const ruleSet = this.ruleSets.now(now);
    const command: NamePegawaiTeladan = { type: 'NamePegawaiTeladan', data: { nip, agencyId, ...body }, lookups: { authority: authorityOf(actor), ruleSet }, metadata: { now, actor } };
    await this.commands.run(performanceRecordStream(nip), performanceRecordDecider, command, eventMetadata(actor, { now, agencyId, ruleSetVersion: ruleSet.version }));
    const row = await this.records.run(nip);
    return row && recordResponse(row);
  }

  @RouteWithBody(Post('performance-history/imports'), 'Import pre-2022 PP 30/2019 scores (CSV nip,tahun,nilai,inovasi). BKPSDM. Idempotent; refused whole on a bad row.', importBody)
  async importHistory(@Body(new ZodValidationPipe(importBody)) body: z.infer<typeof importBody>, @CurrentActor() actor: Actor): Promise<{ rows: number; recorded: number }> {
    this.access.assert(actor, 'cityImport');
    const now = this.commands.now();
    const ruleSet = this.ruleSets.now(now);
    const rows = parseLegacyCsv(body.csv, ruleSet);
    const { planned, problems } = await this.plan(rows, (row): ImportLegacyPredicate => ({
      type: 'ImportLegacyPredicate',
      data: { nip: row.nip, year: row.year, score: row.score, predicate: row.predicate },
      lookups: { ruleSet },
      metadata: { now, actor },
    }));
    // Refused whole on the first conflicting row, as before; nothing is stored then.
    if (problems.length > 0) throw problems[0].error;
    await this.appendPlanned(planned, eventMetadata(actor, { now, ruleSetVersion: ruleSet.version }));
    return { rows: rows.length, recorded: planned.reduce((n, p) => n + p.events.length, 0) };
  }

  @Post('performance-history/predicate-imports')
  @ApiOperation({
    summary:
      'Import the yearly predicates of 2022 on as e-Kinerja exports them (CSV: NIP, TAHUN, PREDIKAT; `,` or `;`; BOM accepted). BKPSDM. Every error of the file in one answer (400 IMPORT_REJECTED, each with line and column); nothing stored then. dryRun=true reports what would be recorded. Idempotent.',
  })
  @ApiQuery({ name: 'dryRun', required: false, enum: ['true', 'false'] })
  @ApiBody({ schema: zodToOpenApi(predicateImportBody) })
  async importPredicates(
    @Body(new ZodValidationPipe(predicateImportBody)) body: z.infer<typeof predicateImportBody>,
    @Query(new ZodValidationPipe(dryRunQuery)) query: z.infer<typeof dryRunQuery>,
    @Res({ passthrough: true }) res: Response,
    @CurrentActor() actor: Actor,
  ): Promise<PredicateImportResponse | PredicateImportRejected> {
    if (actor.role !== 'ADMIN_CITY') throw forbidden('NOT_CITY_ADMIN', 'Hanya BKPSDM yang dapat mengimpor riwayat kinerja');
    const now = this.commands.now();
    const ruleSet = this.ruleSets.now(now);
    const parsed = parsePredicateCsv(body.csv, { first: ruleSet.legacyImport.lastYear + 1, last: Number(now.toISOString().slice(0, 4)) - 1 });
    const { planned, problems } = await this.plan(parsed.rows, (row): ImportPredicate => ({
      type: 'ImportPredicate',
      data: { nip: row.nip, year: row.year, predicate: row.predicate },
      lookups: { ruleSet },
      metadata: { now, actor },
    }));
    const errors = [...parsed.problems, ...problems.map(({ row, error }) => ({ line: row.line, ...(error.field === 'year' ? { column: 'TAHUN' as const } : { column: 'PREDIKAT' as const }), code: error.code, message: error.message }))].sort(
      (a, b) => a.line - b.line,
    );
    if (errors.length > 0) {
      res.status(HttpStatus.BAD_REQUEST);
      return {
        statusCode: 400,
        code: 'IMPORT_REJECTED',
        message: `Berkas impor ditolak: ${new Set(errors.map((e) => e.line)).size} baris bermasalah. Tidak ada perubahan yang disimpan.`,
        errors,
      };
    }
    const recorded = planned.reduce((n, p) => n + p.events.length, 0);
    if (query.dryRun === 'false') await this.appendPlanned(planned, eventMetadata(actor, { now, ruleSetVersion: ruleSet.version }));
    return { dryRun: query.dryRun === 'true', rows: parsed.rows.length, recorded, unchanged: parsed.rows.length - recorded };
  }

  /**
   * Decides every row against its employee's record before anything is appended, collecting the
   * rows the decider refuses, so a file is stored whole or not at all.
   */
  private async plan<Row extends { nip: string; line: number }>(
    rows: readonly Row[],
    toCommand: (row: Row) => PerformanceRecordCommand,
  ): Promise<{ planned: PlannedAppend[]; problems: { row: Row; error: DomainError }[] }> {
    const planned: PlannedAppend[] = [];
    const problems: { row: Row; error: DomainError }[] = [];
    const byNip = new Map<string, Row[]>();
    for (const row of rows) byNip.set(row.nip, [...(byNip.get(row.nip) ?? []), row]);
    for (const [nip, own] of byNip) {
      const stream = performanceRecordStream(nip);
      const recorded = await this.commands.store.readStream(stream);
      let state: PerformanceRecordState = fold(performanceRecordDecider, recorded.map(toDomainEvent) as PerformanceRecordEvent[]);
      const events: PerformanceRecordEvent[] = [];
      for (const row of own) {
        try {
          const decided = performanceRecordDecider.decide(toCommand(row), state);
          state = decided.reduce(performanceRecordDecider.evolve, state);
          events.push(...decided);
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          problems.push({ row, error });
        }
      }
      if (events.length > 0) planned.push({ stream, expected: recorded.length === 0 ? 'no_stream' : recorded[recorded.length - 1].revision, events });
    }
    return { planned, problems: problems.sort((a, b) => a.row.line - b.row.line) };
  }

  private async appendPlanned(planned: readonly PlannedAppend[], metadata: ReturnType<typeof eventMetadata>): Promise<void> {
    let last;
    for (const p of planned) last = await this.commands.store.append(p.stream, p.events.map((e) => ({ type: e.type, data: e.data, metadata })), { expected: p.expected });
    await this.commands.visible.wait(last);
  }

  @Get('employees/:nip/performance-record')
  @ApiOperation({ summary: "An employee's annual predicates across years (with the fact ids) and employment facts. The employee, or readers of the agency." })
  async record(@Param('nip') nip: string, @CurrentActor() actor: Actor): Promise<EmployeeRecordResponse> {
    await this.access.assertOnEmployee(actor, 'readEmployee', nip);
    const row = await this.records.run(nip);
    if (row === null) throw notFound('RECORD_NOT_FOUND', 'Riwayat kinerja pegawai tidak ditemukan');
    return recordResponse(row);
  }
}
