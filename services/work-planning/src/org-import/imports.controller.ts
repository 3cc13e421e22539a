import { Body, Controller, Headers, HttpStatus, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { fold, invalid, notFound } from '@kinerja/domain';
import { AppendResult, handle, readState, toDomainEvent } from '@kinerja/event-store';
import { Actor, Commands, CurrentActor, eventMetadata, RequestValidationError, zodToOpenApi } from '@kinerja/platform';
import { agencyDecider } from '../agencies/agency.decider';
import { agencyStream } from '../agencies/agency.events';
import { employeeDecider, EmployeeCommand } from '../employees/employee.decider';
import { employeeStream } from '../employees/employee.events';
import { EmploymentStatus } from '../employees/nip.rules';
import { DateRange } from '../organisation/dates';
import { organisationDecider, OrganisationState } from '../organisation/organisation.decider';
import { OrganisationEvent, organisationStream } from '../organisation/organisation.events';
import { parseDate } from '../organisation/organisation.controller';
import { EmployeeSnapshot, ExternalSuperior, IMPORT_HEADER, ImportChange, planImport, RowError, supervisorsNamed } from './csv-import.rules';

const MAX_CSV_BYTES = 5 * 1024 * 1024;

function parseDryRun(value: unknown): boolean {
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  throw invalid('INVALID_DRY_RUN', 'dryRun harus true atau false.', 'dryRun');
}

/** What this controller uses of Express's request and response. */
type Request = AsyncIterable<Buffer> & { query: Record<string, unknown> };
type Response = { status(code: number): unknown };

const jsonBody = z
  .object({
    csv: z.string().min(1).describe(`CSV text; header: ${IMPORT_HEADER}`),
    asOf: z.string().optional().describe('YYYY-MM-DD the file describes (default today); reporting-line changes take effect from it'),
    dryRun: z.boolean().optional().describe('true: answer what would change (the diff), store nothing'),
  })
  .strict();

export interface ImportResponse {
  agencyId: string;
  asOf: string;
  rows: number;
  /** Events stored; 0 when the file changes nothing (a re-import). */
  events: number;
  employeesRegistered: number;
  employeesUpdated: number;
  organisationEvents: number;
  /** People holding a post in the agency now but absent from the file: reported, never ended silently. */
  notInFile: string[];
  /** True when nothing was stored (`?dryRun=true`): the diff is what the import would change. */
  dryRun: boolean;
  /** What the import changed (or would change), row by row; empty when the file changes nothing. */
  diff: ImportChange[];
  /** Rows (the JPT heading the agency) whose NIP_ATASAN outside the file holds no post in the city on asOf: imported without a superior. */
  unresolvedSupervisors: { line: number; nip: string; nipAtasan: string }[];
}

export interface ImportRejected {
  statusCode: 400;
  code: 'IMPORT_REJECTED';
  message: string;
  errors: RowError[];
}

/**
 * Whole-file organisation import (issue 4 §1). Everything is validated before anything is stored;
 * a file with bad rows answers 400 with every bad row and stores nothing. The employee records are
 * appended first, then the organisation changes as one batch on the agency's stream. (Streams are
 * appended one by one: should a concurrent writer win a race in between, re-importing the same
 * file finishes the job, since a re-import only plans what is missing.)
 */
@ApiTags('organisation')
@Controller('agencies/:agencyId/imports')
export class ImportsController {
  constructor(
    private readonly commands: Commands,
    private readonly dataSource: DataSource,
  ) {}

  @Post()
  @ApiOperation({
    summary:
      'Import the organisation of an agency from a SIASN-style CSV (text/csv body with ?asOf=&dryRun=, or JSON { csv, asOf, dryRun }): `,` or `;` separated, UTF-8 with or without BOM. ' +
      'NIP_ATASAN of the JPT heading the agency may name a post holder of another agency (the Sekda) or a city official id (the kepala daerah). ' +
      '201 with the diff; 200 when nothing changes or on a dry run (nothing stored); 400 IMPORT_REJECTED with every error of the file (line, column, code).',
  })
  @ApiConsumes('text/csv', 'application/json')
  @ApiQuery({ name: 'asOf', required: false, description: 'YYYY-MM-DD (text/csv body)' })
  @ApiQuery({ name: 'dryRun', required: false, description: 'true: report what would change, store nothing (text/csv body)' })
  @ApiBody({ schema: zodToOpenApi(jsonBody) })
  async import(
    @Param('agencyId') rawAgencyId: string,
    @Headers('content-type') contentType: string | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
  ): Promise<ImportResponse | ImportRejected> {
    const now = this.commands.now();
    const agencyId = rawAgencyId.toUpperCase();
    const { csv, asOf, dryRun } = await this.readInput(contentType, req, body, now);

    const agency = await readState(this.commands.store, agencyStream(agencyId), agencyDecider);
    if (agency.status !== 'registered') throw notFound('AGENCY_NOT_FOUND', `OPD ${agencyId} tidak ditemukan.`);
    const orgEvents = await this.commands.store.readStream(organisationStream(agencyId));
    const organisation = fold(organisationDecider, orgEvents.map(toDomainEvent) as OrganisationEvent[]) as OrganisationState;
    const nips = [...new Set(csv.match(/\d{18}/g) ?? [])];
    const [employees, elsewhere, externalSuperiors] = await Promise.all([
      this.employees(nips),
      this.definitiveElsewhere(nips, agencyId),
      this.externalSuperiors(supervisorsNamed(csv), agencyId, asOf),
    ]);

    const metadata = { now, actor };
    const plan = planImport({ agencyId, csv, asOf, organisation, employees, definitiveElsewhere: elsewhere, externalSuperiors, metadata });
    if (!plan.ok) {
      res.status(HttpStatus.BAD_REQUEST);
      return {
        statusCode: 400,
        code: 'IMPORT_REJECTED',
        message: `Berkas impor ditolak: ${new Set(plan.errors.map((e) => e.line)).size} baris bermasalah. Tidak ada perubahan yang disimpan.`,
        errors: plan.errors,
      };
    }

    const meta = eventMetadata(actor, { now, agencyId });
    const commands: { nip: string; command: EmployeeCommand }[] = plan.employees.map((e) => {
      const data = { nip: e.nip, name: e.name, status: e.status, agencyId: e.agencyId, golongan: e.golongan, tmtGolongan: e.tmtGolongan, ...(e.email ? { email: e.email } : {}) };
      const lookups = { agencyRegistered: true };
      return e.kind === 'REGISTER'
        ? { nip: e.nip, command: { type: 'RegisterEmployee', data, lookups, metadata } }
        : { nip: e.nip, command: { type: 'UpdateEmployee', data, lookups, metadata } };
    });
    // Decide every employee command before storing any, so a refusal stores nothing.
    for (const { nip, command } of commands) {
      const state = await readState(this.commands.store, employeeStream(nip), employeeDecider);
      employeeDecider.decide(command, state);
    }
    const organisationEvents = organisationDecider.decide(plan.organisation, organisation);
    const summary = {
      agencyId,
      asOf,
      rows: plan.rows,
      employeesRegistered: plan.employees.filter((e) => e.kind === 'REGISTER').length,
      employeesUpdated: plan.employees.filter((e) => e.kind === 'UPDATE').length,
      notInFile: plan.notInFile,
      diff: plan.diff,
      unresolvedSupervisors: plan.unresolvedSupervisors,
    };
    if (dryRun) {
      res.status(HttpStatus.OK);
      return { ...summary, events: 0, organisationEvents: organisationEvents.length, dryRun: true };
    }

    let last: AppendResult | undefined;
    let events = 0;
    const later = (a: AppendResult | undefined) => {
      if (a && (!last || this.commands.store.compareCheckpoints(a.position, last.position) > 0)) last = a;
    };
    for (let i = 0; i < commands.length; i += 16) {
      const results = await Promise.all(
        commands.slice(i, i + 16).map(({ nip, command }) => handle(this.commands.store, employeeStream(nip), employeeDecider, command, meta)),
      );
      for (const r of results) {
        events += r.events.length;
        later(r.append);
      }
    }
    const org = await handle(this.commands.store, organisationStream(agencyId), organisationDecider, plan.organisation, meta);
    events += org.events.length;
    later(org.append);
    await this.commands.visible.wait(last, 30_000);

    res.status(events > 0 ? HttpStatus.CREATED : HttpStatus.OK);
    return { ...summary, events, organisationEvents: org.events.length, dryRun: false };
  }

  private async readInput(contentType: string | undefined, req: Request, body: unknown, now: Date): Promise<{ csv: string; asOf: string; dryRun: boolean }> {
    const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
    if (type === 'text/csv' || type === 'text/plain') {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of req as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > MAX_CSV_BYTES) throw invalid('IMPORT_TOO_LARGE', `Berkas CSV melebihi ${MAX_CSV_BYTES} bita.`, 'csv');
        chunks.push(chunk);
      }
      const asOfParam = typeof req.query.asOf === 'string' ? req.query.asOf : undefined;
      return { csv: Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, ''), asOf: parseDate(asOfParam, now), dryRun: parseDryRun(req.query.dryRun) };
    }
    const parsed = jsonBody.safeParse(body);
    if (!parsed.success) {
      throw new RequestValidationError(
        parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'csv', code: 'INVALID', message: 'Kirim berkas CSV (text/csv) atau JSON { csv, asOf }.' })),
      );
    }
    return { csv: parsed.data.csv.replace(/^\uFEFF/, ''), asOf: parseDate(parsed.data.asOf, now), dryRun: parsed.data.dryRun ?? parseDryRun(req.query.dryRun) };
  }

  /** NIP_ATASAN values outside the agency: the post a NIP holds elsewhere on `asOf` (definitive first), or a city official. */
  private async externalSuperiors(values: string[], agencyId: string, asOf: string): Promise<Map<string, ExternalSuperior>> {
    const out = new Map<string, ExternalSuperior>();
    if (values.length === 0) return out;
    const [held, officials]: [{ nip: string; agency_id: string; position_id: string }[], { official_id: string }[]] = await Promise.all([
      this.dataSource.query(
        `SELECT DISTINCT ON (nip) nip, agency_id, position_id FROM assignment_interval
          WHERE nip = ANY($1) AND agency_id <> $2 AND from_date <= $3 AND (to_date IS NULL OR to_date >= $3)
          ORDER BY nip, (type = 'DEFINITIVE') DESC, from_date DESC`,
        [values, agencyId, asOf],
      ),
      this.dataSource.query(`SELECT official_id FROM official_view WHERE official_id = ANY($1)`, [values]),
    ]);
    for (const r of held) out.set(r.nip, { kind: 'POSITION', agencyId: r.agency_id, positionId: r.position_id });
    for (const r of officials) out.set(r.official_id, { kind: 'OFFICIAL', officialId: r.official_id });
    return out;
  }

  private async employees(nips: string[]): Promise<Map<string, EmployeeSnapshot>> {
    if (nips.length === 0) return new Map();
    const rows: { nip: string; agency_id: string; name: string; status: EmploymentStatus; golongan: string | null; pangkat: string | null; tmt_golongan: string | null; email: string | null }[] =
      await this.dataSource.query(`SELECT nip, agency_id, name, status, golongan, pangkat, to_char(tmt_golongan, 'YYYY-MM-DD') AS tmt_golongan, email FROM employee_view WHERE nip = ANY($1)`, [nips]);
    return new Map(rows.map((r) => [r.nip, { agencyId: r.agency_id, name: r.name, status: r.status, golongan: r.golongan, pangkat: r.pangkat, tmtGolongan: r.tmt_golongan, email: r.email }]));
  }

  private async definitiveElsewhere(nips: string[], agencyId: string): Promise<Map<string, DateRange[]>> {
    const out = new Map<string, DateRange[]>();
    if (nips.length === 0) return out;
    const rows: { nip: string; from_date: string; to_date: string | null }[] = await this.dataSource.query(
      `SELECT nip, from_date::text AS from_date, to_date::text AS to_date FROM assignment_interval
        WHERE nip = ANY($1) AND agency_id <> $2 AND type = 'DEFINITIVE'`,
      [nips, agencyId],
    );
    for (const r of rows) out.set(r.nip, [...(out.get(r.nip) ?? []), { from: r.from_date, to: r.to_date }]);
    return out;
  }
}
