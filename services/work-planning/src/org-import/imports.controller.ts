import { Body, Controller, Headers, HttpStatus, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { fold, invalid, notFound } from '@kinerja/domain';
import { AppendResult, EventStore, handle, readState, toDomainEvent } from '@kinerja/event-store';
import { Actor, Clock, CLOCK, CurrentActor, eventMetadata, ReadYourWrites, RequestValidationError } from '@kinerja/platform';
import { agencyDecider } from '../agencies/agency.decider';
import { agencyStream } from '../agencies/agency.events';
import { employeeDecider, EmployeeCommand } from '../employees/employee.decider';
import { employeeStream } from '../employees/employee.events';
import { EmploymentStatus } from '../employees/nip.rules';
import { EVENT_STORE } from '../tokens';
import { DateRange } from '../organisation/dates';
import { organisationDecider, OrganisationState } from '../organisation/organisation.decider';
import { OrganisationEvent, organisationStream } from '../organisation/organisation.events';
import { parseDate } from '../organisation/organisation.controller';
import { EmployeeSnapshot, IMPORT_HEADER, planImport, RowError } from './csv-import.rules';

const MAX_CSV_BYTES = 5 * 1024 * 1024;

/** What this controller uses of Express's request and response. */
type Request = AsyncIterable<Buffer> & { query: Record<string, unknown> };
type Response = { status(code: number): unknown };

const jsonBody = z
  .object({
    csv: z.string().min(1).describe(`CSV text; header: ${IMPORT_HEADER}`),
    asOf: z.string().optional().describe('YYYY-MM-DD the file describes (default today); reporting-line changes take effect from it'),
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
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly visible: ReadYourWrites,
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Import the organisation of an agency from a SIASN-style CSV (text/csv body, or JSON { csv, asOf }).' })
  @ApiConsumes('text/csv', 'application/json')
  @ApiBody({ schema: { type: 'object', properties: { csv: { type: 'string' }, asOf: { type: 'string', format: 'date' } }, required: ['csv'] } })
  async import(
    @Param('agencyId') rawAgencyId: string,
    @Headers('content-type') contentType: string | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
  ): Promise<ImportResponse | ImportRejected> {
    const now = this.clock.now();
    const agencyId = rawAgencyId.toUpperCase();
    const { csv, asOf } = await this.readInput(contentType, req, body, now);

    const agency = await readState(this.store, agencyStream(agencyId), agencyDecider);
    if (agency.status !== 'registered') throw notFound('AGENCY_NOT_FOUND', `OPD ${agencyId} tidak ditemukan.`);
    const orgEvents = await this.store.readStream(organisationStream(agencyId));
    const organisation = fold(organisationDecider, orgEvents.map(toDomainEvent) as OrganisationEvent[]) as OrganisationState;
    const nips = [...new Set(csv.match(/\d{18}/g) ?? [])];
    const [employees, elsewhere] = await Promise.all([this.employees(nips), this.definitiveElsewhere(nips, agencyId)]);

    const metadata = { now, actor };
    const plan = planImport({ agencyId, csv, asOf, organisation, employees, definitiveElsewhere: elsewhere, metadata });
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
      const data = { nip: e.nip, name: e.name, status: e.status, agencyId: e.agencyId, golongan: e.golongan, tmtGolongan: e.tmtGolongan };
      const lookups = { agencyRegistered: true };
      return e.kind === 'REGISTER'
        ? { nip: e.nip, command: { type: 'RegisterEmployee', data, lookups, metadata } }
        : { nip: e.nip, command: { type: 'UpdateEmployee', data, lookups, metadata } };
    });
    // Decide every employee command before storing any, so a refusal stores nothing.
    for (const { nip, command } of commands) {
      const state = await readState(this.store, employeeStream(nip), employeeDecider);
      employeeDecider.decide(command, state);
    }
    organisationDecider.decide(plan.organisation, organisation);

    let last: AppendResult | undefined;
    let events = 0;
    const later = (a: AppendResult | undefined) => {
      if (a && (!last || this.store.compareCheckpoints(a.position, last.position) > 0)) last = a;
    };
    for (let i = 0; i < commands.length; i += 16) {
      const results = await Promise.all(
        commands.slice(i, i + 16).map(({ nip, command }) => handle(this.store, employeeStream(nip), employeeDecider, command, meta)),
      );
      for (const r of results) {
        events += r.events.length;
        later(r.append);
      }
    }
    const org = await handle(this.store, organisationStream(agencyId), organisationDecider, plan.organisation, meta);
    events += org.events.length;
    later(org.append);
    await this.visible.wait(last, 30_000);

    res.status(events > 0 ? HttpStatus.CREATED : HttpStatus.OK);
    return {
      agencyId,
      asOf,
      rows: plan.rows,
      events,
      employeesRegistered: plan.employees.filter((e) => e.kind === 'REGISTER').length,
      employeesUpdated: plan.employees.filter((e) => e.kind === 'UPDATE').length,
      organisationEvents: org.events.length,
      notInFile: plan.notInFile,
    };
  }

  private async readInput(contentType: string | undefined, req: Request, body: unknown, now: Date): Promise<{ csv: string; asOf: string }> {
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
      return { csv: Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, ''), asOf: parseDate(asOfParam, now) };
    }
    const parsed = jsonBody.safeParse(body);
    if (!parsed.success) {
      throw new RequestValidationError(
        parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'csv', code: 'INVALID', message: 'Kirim berkas CSV (text/csv) atau JSON { csv, asOf }.' })),
      );
    }
    return { csv: parsed.data.csv.replace(/^\uFEFF/, ''), asOf: parseDate(parsed.data.asOf, now) };
  }

  private async employees(nips: string[]): Promise<Map<string, EmployeeSnapshot>> {
    if (nips.length === 0) return new Map();
    const rows: { nip: string; agency_id: string; name: string; status: EmploymentStatus; golongan: string | null; pangkat: string | null; tmt_golongan: string | null }[] =
      await this.dataSource.query(`SELECT nip, agency_id, name, status, golongan, pangkat, to_char(tmt_golongan, 'YYYY-MM-DD') AS tmt_golongan FROM employee_view WHERE nip = ANY($1)`, [nips]);
    return new Map(rows.map((r) => [r.nip, { agencyId: r.agency_id, name: r.name, status: r.status, golongan: r.golongan, pangkat: r.pangkat, tmtGolongan: r.tmt_golongan }]));
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
