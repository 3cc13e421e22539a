import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { invalid, notFound } from '@kinerja/domain';
import { readState } from '@kinerja/event-store';
import { Actor, Commands, CurrentActor, eventMetadata, RouteWithBody, ZodValidationPipe } from '@kinerja/platform';
import { WorkPlanningAccess } from '../access';
import { FIELD_LIMITS } from '../employees/field-limits';
import { agencyDecider } from '../agencies/agency.decider';
import { agencyStream } from '../agencies/agency.events';
import { employeeDecider } from '../employees/employee.decider';
import { employeeStream } from '../employees/employee.events';
import { GetOfficialsQuery } from '../officials/get-officials/get-officials.query';
import { IsoDate } from './dates';
import { GetOrgTreeQuery, OrgTreeResponse } from './get-org-tree/get-org-tree.query';
import { GetSupervisorQuery } from './get-supervisor/get-supervisor.query';
import { OrganisationChange, OrganisationChangeDraft, organisationDecider } from './organisation.decider';
import { ASSIGNMENT_TYPES, OrganisationEvent, organisationStream, POSITION_KINDS } from './organisation.events';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Tanggal harus berformat YYYY-MM-DD.');
const id = z.string().trim().min(1).max(120);

/** docs/regulations.md §4.5: a Kepala OPD reports to the Sekda in the Sekretariat Daerah, the Sekda to the kepala daerah. */
const externalParent = {
  parentAgencyId: id
    .nullable()
    .optional()
    .describe('The agency of the parent position when it is another agency of the city (e.g. SETDA for the Sekda); default: this agency'),
  parentOfficialId: id
    .nullable()
    .optional()
    .describe('A city official this position reports to instead of a position (e.g. the kepala daerah as PPK); parentPositionId must then be null'),
};

const createUnitBody = z.object({ unitId: id, name: z.string().trim().min(1).max(FIELD_LIMITS.unitName), parentUnitId: id.nullable().default(null) }).strict();
const createPositionBody = z
  .object({
    positionId: id,
    name: z.string().trim().min(1).max(FIELD_LIMITS.positionName),
    kind: z.enum(POSITION_KINDS),
    unitId: id,
    parentPositionId: id.nullable().default(null).describe('The position this one reports to (the reporting line)'),
    ...externalParent,
    establishedOn: date,
  })
  .strict();
const reportingLineBody = z.object({ parentPositionId: id.nullable(), ...externalParent, effectiveFrom: date }).strict();
const assignBody = z
  .object({
    assignmentId: id.optional().describe('Default: <nip>@<positionId>@<from>'),
    nip: z.string().max(32),
    positionId: id,
    type: z.enum(ASSIGNMENT_TYPES),
    from: date,
    to: date.nullable().default(null).describe('Inclusive last day; required for PLT/PLH'),
  })
  .strict();
const endBody = z.object({ lastDay: date }).strict();

export interface OrganisationChangeResponse {
  agencyId: string;
  /** Events stored; 0 when the change was already in place. */
  events: number;
}

/** The organisation of an agency over time: units, positions and their reporting lines, assignments. */
@ApiTags('organisation')
@Controller('agencies/:agencyId')
export class OrganisationController {
  constructor(
    private readonly commands: Commands,
    private readonly supervisor: GetSupervisorQuery,
    private readonly tree: GetOrgTreeQuery,
    private readonly access: WorkPlanningAccess,
    private readonly officials: GetOfficialsQuery,
    private readonly dataSource: DataSource,
  ) {}

  @RouteWithBody(Post('units'), 'Create a unit (unit kerja). ADMIN_OPD of the agency or ADMIN_CITY.', createUnitBody)
  createUnit(
    @Param('agencyId') agencyId: string,
    @Body(new ZodValidationPipe(createUnitBody)) body: z.infer<typeof createUnitBody>,
    @CurrentActor() actor: Actor,
  ) {
    return this.apply(agencyId, actor, (a) => ({ type: 'CreateUnit', data: { agencyId: a, ...body } }));
  }

  @RouteWithBody(Post('positions'), 'Create a position (jabatan) with its kind and parent position.', createPositionBody)
  async createPosition(
    @Param('agencyId') agencyId: string,
    @Body(new ZodValidationPipe(createPositionBody)) body: z.infer<typeof createPositionBody>,
    @CurrentActor() actor: Actor,
  ) {
    const lookups = await this.externalParentLookup(agencyId, body);
    return this.apply(agencyId, actor, (a) => ({ type: 'CreatePosition', data: { agencyId: a, ...body, ...normalise(body) }, lookups }));
  }

  @HttpCode(200)
  @RouteWithBody(Post('positions/:positionId/reporting-line'), 'Change the parent of a position from a date (effective-dated).', reportingLineBody)
  async changeReportingLine(
    @Param('agencyId') agencyId: string,
    @Param('positionId') positionId: string,
    @Body(new ZodValidationPipe(reportingLineBody)) body: z.infer<typeof reportingLineBody>,
    @CurrentActor() actor: Actor,
  ) {
    const lookups = await this.externalParentLookup(agencyId, body);
    return this.apply(agencyId, actor, (a) => ({ type: 'ChangeReportingLine', data: { agencyId: a, positionId, ...body, ...normalise(body) }, lookups }));
  }

  @RouteWithBody(Post('assignments'), 'Assign an employee to a position: DEFINITIVE from a date, or PLT/PLH for a date range.', assignBody)
  async assign(
    @Param('agencyId') agencyId: string,
    @Body(new ZodValidationPipe(assignBody)) body: z.infer<typeof assignBody>,
    @CurrentActor() actor: Actor,
  ) {
    const employee = await readState(this.commands.store, employeeStream(body.nip), employeeDecider);
    if (employee.status !== 'registered') throw invalid('EMPLOYEE_NOT_REGISTERED', `Pegawai dengan NIP ${body.nip} belum terdaftar.`, 'nip');
    const id = agencyId.toUpperCase();
    const definitiveElsewhere = await this.supervisor.definitiveElsewhere(body.nip, id);
    return this.apply(agencyId, actor, (a) => ({
      type: 'AssignPosition',
      data: {
        agencyId: a,
        assignmentId: body.assignmentId ?? `${body.nip}@${body.positionId}@${body.from}`,
        nip: body.nip,
        positionId: body.positionId,
        type: body.type,
        from: body.from,
        to: body.to,
      },
      lookups: { definitiveElsewhere },
    }));
  }

  @HttpCode(200)
  @RouteWithBody(Post('assignments/:assignmentId/end'), 'End an assignment on its last day (inclusive).', endBody)
  endAssignment(
    @Param('agencyId') agencyId: string,
    @Param('assignmentId') assignmentId: string,
    @Body(new ZodValidationPipe(endBody)) body: z.infer<typeof endBody>,
    @CurrentActor() actor: Actor,
  ) {
    return this.apply(agencyId, actor, (a) => ({ type: 'EndAssignment', data: { agencyId: a, assignmentId, lastDay: body.lastDay } }));
  }

  @Get('organisation')
  @ApiOperation({ summary: 'The org tree of the agency on a date (default today): units, positions, parents, holders.' })
  @ApiQuery({ name: 'date', required: false, description: 'YYYY-MM-DD' })
  async organisation(@Param('agencyId') agencyId: string, @Query('date') on: string | undefined, @CurrentActor() actor: Actor): Promise<OrgTreeResponse> {
    const id = agencyId.toUpperCase();
    await this.access.assertOnAgency(actor, 'readOrganisation', id);
    await this.requireAgency(id);
    return this.tree.run(id, parseDate(on, this.commands.now()));
  }

  /** Whether a parent outside the agency exists: the position in its agency, or the city official. */
  private async externalParentLookup(
    agencyId: string,
    body: { parentPositionId: string | null; parentAgencyId?: string | null; parentOfficialId?: string | null },
  ): Promise<{ externalParentKnown: boolean } | undefined> {
    const { parentAgencyId, parentOfficialId } = normalise(body);
    if (parentOfficialId) return { externalParentKnown: (await this.officials.find(parentOfficialId)) !== null };
    if (!parentAgencyId || parentAgencyId === agencyId.toUpperCase() || body.parentPositionId === null) return undefined;
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM position_view WHERE id = $1`, [`${parentAgencyId}/${body.parentPositionId}`]);
    return { externalParentKnown: rows.length > 0 };
  }

  private async requireAgency(agencyId: string): Promise<void> {
    const agency = await readState(this.commands.store, agencyStream(agencyId), agencyDecider);
    if (agency.status !== 'registered') throw notFound('AGENCY_NOT_FOUND', `OPD ${agencyId} tidak ditemukan.`);
  }

  private async apply(
    rawAgencyId: string,
    actor: Actor,
    build: (agencyId: string) => OrganisationChangeDraft,
  ): Promise<OrganisationChangeResponse> {
    const agencyId = rawAgencyId.toUpperCase();
    await this.requireAgency(agencyId);
    const now = this.commands.now();
    const command = { ...build(agencyId), metadata: { now, actor } } as OrganisationChange;
    const { events } = await this.commands.run(
      organisationStream(agencyId),
      organisationDecider,
      command,
      eventMetadata(actor, { now, agencyId }),
    );
    return { agencyId, events: (events as OrganisationEvent[]).length };
  }
}

/** Agency codes are upper-cased ids. */
const normalise = (body: { parentAgencyId?: string | null; parentOfficialId?: string | null }) => ({
  parentAgencyId: body.parentAgencyId ? body.parentAgencyId.toUpperCase() : null,
  parentOfficialId: body.parentOfficialId ?? null,
});

/** `?date=YYYY-MM-DD`, default the clock's today (UTC). */
export function parseDate(value: string | undefined, now: Date): IsoDate {
  if (value === undefined || value === '') return now.toISOString().slice(0, 10);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!d || d.toISOString().slice(0, 10) !== value) throw invalid('INVALID_DATE', 'Tanggal harus berformat YYYY-MM-DD dan valid.', 'date');
  return value;
}
