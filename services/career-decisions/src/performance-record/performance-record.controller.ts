import { Body, Controller, Get, Inject, Param, Post, Put } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { fold, notFound } from '@kinerja/domain';
import { EventStore, handle, toDomainEvent } from '@kinerja/event-store';
import { Actor, Clock, CLOCK, CurrentActor, eventMetadata, ReadYourWrites, zodToOpenApi, ZodValidationPipe } from '@kinerja/platform';
import { authorityOf, CareerAccess } from '../access';
import { isLocalDate } from '../local-date';
import { RuleSetLookups } from '../rule-sets/rule-set-lookups';
import { EVENT_STORE } from '../tokens';
import { EmployeeRecordView } from './get-employee-record/employee-record.entity';
import { GetEmployeeRecordQuery } from './get-employee-record/get-employee-record.query';
import { parseLegacyCsv } from './legacy-import.rules';
import { ImportLegacyPredicate, NamePegawaiTeladan, performanceRecordDecider, PerformanceRecordState, performanceRecordStream, RecordEmployment } from './performance-record.decider';
import { PerformanceRecordEvent } from './performance-record.events';

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

@ApiTags('performance-record')
@Controller()
export class PerformanceRecordController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly visible: ReadYourWrites,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly ruleSets: RuleSetLookups,
    private readonly records: GetEmployeeRecordQuery,
    private readonly access: CareerAccess,
  ) {}

  @Put('agencies/:agencyId/employees/:nip/employment')
  @ApiOperation({ summary: 'Record PNS/PPPK, golongan and TMT pangkat of an employee. Admin OPD of the agency or BKPSDM.' })
  @ApiBody({ schema: zodToOpenApi(employmentBody) })
  async recordEmployment(
    @Param('agencyId') agencyId: string,
    @Param('nip', new ZodValidationPipe(nipParam)) nip: string,
    @Body(new ZodValidationPipe(employmentBody)) body: z.infer<typeof employmentBody>,
    @CurrentActor() actor: Actor,
  ): Promise<EmployeeRecordView | null> {
    await this.access.assertOnEmployee(actor, 'proposeForEmployee', nip, agencyId);
    const now = this.clock.now();
    const command: RecordEmployment = { type: 'RecordEmployment', data: { nip, agencyId, ...body }, lookups: { authority: authorityOf(actor) }, metadata: { now, actor } };
    const { append } = await handle(this.store, performanceRecordStream(nip), performanceRecordDecider, command, eventMetadata(actor, { now, agencyId }));
    await this.visible.wait(append);
    return this.records.run(nip);
  }

  @Post('agencies/:agencyId/employees/:nip/pegawai-teladan')
  @ApiOperation({ summary: 'Name a pegawai teladan for a year (the year must be Sangat Baik). The PPK of the agency or its delegate.' })
  @ApiBody({ schema: zodToOpenApi(teladanBody) })
  async nameTeladan(
    @Param('agencyId') agencyId: string,
    @Param('nip') nip: string,
    @Body(new ZodValidationPipe(teladanBody)) body: z.infer<typeof teladanBody>,
    @CurrentActor() actor: Actor,
  ): Promise<EmployeeRecordView | null> {
    await this.access.assertOnEmployee(actor, 'approveForEmployee', nip, agencyId);
    const now = this.clock.now();
    const ruleSet = this.ruleSets.now(now);
    const command: NamePegawaiTeladan = { type: 'NamePegawaiTeladan', data: { nip, agencyId, ...body }, lookups: { authority: authorityOf(actor), ruleSet }, metadata: { now, actor } };
    const { append } = await handle(this.store, performanceRecordStream(nip), performanceRecordDecider, command, eventMetadata(actor, { now, agencyId, ruleSetVersion: ruleSet.version }));
    await this.visible.wait(append);
    return this.records.run(nip);
  }

  @Post('performance-history/imports')
  @ApiOperation({ summary: 'Import pre-2022 PP 30/2019 scores (CSV nip,tahun,nilai,inovasi). BKPSDM. Idempotent; refused whole on a bad row.' })
  @ApiBody({ schema: zodToOpenApi(importBody) })
  async importHistory(@Body(new ZodValidationPipe(importBody)) body: z.infer<typeof importBody>, @CurrentActor() actor: Actor): Promise<{ rows: number; recorded: number }> {
    this.access.assert(actor, 'cityImport');
    const now = this.clock.now();
    const ruleSet = this.ruleSets.now(now);
    const rows = parseLegacyCsv(body.csv, ruleSet);
    // Every row is decided before anything is appended, so a conflicting row stores nothing.
    const planned: { stream: string; expected: number | 'no_stream'; events: PerformanceRecordEvent[] }[] = [];
    const byNip = new Map<string, typeof rows>();
    for (const row of rows) byNip.set(row.nip, [...(byNip.get(row.nip) ?? []), row]);
    for (const [nip, own] of byNip) {
      const stream = performanceRecordStream(nip);
      const recorded = await this.store.readStream(stream);
      let state: PerformanceRecordState = fold(performanceRecordDecider, recorded.map(toDomainEvent) as PerformanceRecordEvent[]);
      const events: PerformanceRecordEvent[] = [];
      for (const row of own) {
        const command: ImportLegacyPredicate = { type: 'ImportLegacyPredicate', data: { nip, year: row.year, score: row.score, predicate: row.predicate }, lookups: { ruleSet }, metadata: { now, actor } };
        const decided = performanceRecordDecider.decide(command, state);
        state = decided.reduce(performanceRecordDecider.evolve, state);
        events.push(...decided);
      }
      if (events.length > 0) planned.push({ stream, expected: recorded.length === 0 ? 'no_stream' : recorded[recorded.length - 1].revision, events });
    }
    const metadata = eventMetadata(actor, { now, ruleSetVersion: ruleSet.version });
    let last;
    for (const p of planned) last = await this.store.append(p.stream, p.events.map((e) => ({ type: e.type, data: e.data, metadata })), { expected: p.expected });
    await this.visible.wait(last);
    return { rows: rows.length, recorded: planned.reduce((n, p) => n + p.events.length, 0) };
  }

  @Get('employees/:nip/performance-record')
  @ApiOperation({ summary: "An employee's annual predicates across years (with the fact ids) and employment facts. The employee, or readers of the agency." })
  async record(@Param('nip') nip: string, @CurrentActor() actor: Actor): Promise<EmployeeRecordView> {
    await this.access.assertOnEmployee(actor, 'readEmployee', nip);
    const row = await this.records.run(nip);
    if (row === null) throw notFound('RECORD_NOT_FOUND', 'Riwayat kinerja pegawai tidak ditemukan');
    return row;
  }
}
