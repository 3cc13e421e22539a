import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { fold, notFound } from '@kinerja/domain';
import { readState, toDomainEvent } from '@kinerja/event-store';
import { Actor, Commands, CurrentActor, eventMetadata, RouteWithBody, ZodValidationPipe } from '@kinerja/platform';
import { agencyDecider } from '../agencies/agency.decider';
import { AgencyEvent, agencyStream } from '../agencies/agency.events';
import { employeeDecider, RegisterEmployee, UpdateEmployee } from './employee.decider';
import { employeeStream } from './employee.events';
import { FIELD_LIMITS } from './field-limits';
import { EmployeeResponse, GetEmployeeQuery } from './get-employee/get-employee.query';
import { EmployeeListResponse, GetEmployeesQuery } from './get-employees.query';
import { GetSupervisorOnDateQuery, SupervisorOnDateResponse } from './get-supervisor-on-date.query';
import { parseDate } from '../organisation/organisation.controller';

/** Work e-mail for notifications (evaluation's notifier); lower-cased. */
const employeeEmail = z.string().trim().toLowerCase().max(FIELD_LIMITS.email).email('Alamat e-mail tidak valid.').describe('Work e-mail address for notifications');

const registerEmployeeBody = z
  .object({
    nip: z.string().max(32).describe('NIP (PNS) or Nomor Induk (PPPK), 18 digits'),
    name: z.string().trim().min(1).max(FIELD_LIMITS.employeeName),
    status: z.enum(['PNS', 'PPPK']),
    agencyId: z.string().min(1).max(32).describe('Id (code) of a registered agency'),
    golongan: z.string().max(8).optional().describe('PNS I/a–IV/e, PPPK I–XVII; the pangkat follows from it'),
    tmtGolongan: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Tanggal harus YYYY-MM-DD').optional().describe('TMT golongan (YYYY-MM-DD); needs the golongan'),
    email: employeeEmail.optional(),
  })
  .strict();

const listQuery = z
  .object({
    q: z.string().max(100).optional().describe('Part of the name, or the first digits of the NIP'),
    agencyId: z.string().min(1).max(32).optional(),
    unitId: z.string().min(1).max(120).optional().describe('Only those whose position on the date is in this unit (KODE_UNOR)'),
    date: z.string().optional().describe('YYYY-MM-DD: positions held on this date (default today)'),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

const editEmployeeBody = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    status: z.enum(['PNS', 'PPPK']).optional(),
    agencyId: z.string().min(1).max(32).optional().describe('Move the record to another registered agency (city admins, or an admin of both)'),
    golongan: z.string().max(8).nullable().optional().describe('PNS I/a–IV/e, PPPK I–XVII; the pangkat is derived from it'),
    tmtGolongan: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Tanggal harus berformat YYYY-MM-DD.').nullable().optional().describe('TMT golongan: in this golongan since'),
    email: employeeEmail.nullable().optional(),
  })
  .strict();

@ApiTags('employees')
@Controller('employees')
export class EmployeesController {
  constructor(
    private readonly commands: Commands,
    private readonly getEmployee: GetEmployeeQuery,
    private readonly getSupervisor: GetSupervisorOnDateQuery,
    private readonly getEmployees: GetEmployeesQuery,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List or search employees by name or NIP, paged, with the position held on the date. City admins and auditors; an agency admin their agency.' })
  @ApiQuery({ name: 'q', required: false, description: 'Part of the name, or the first digits of the NIP' })
  @ApiQuery({ name: 'agencyId', required: false })
  @ApiQuery({ name: 'unitId', required: false, description: 'The unit of the position held on the date' })
  @ApiQuery({ name: 'date', required: false, description: 'YYYY-MM-DD' })
  @ApiQuery({ name: 'limit', required: false, description: '1-100, default 20' })
  @ApiQuery({ name: 'offset', required: false })
  list(@Query(new ZodValidationPipe(listQuery)) query: z.infer<typeof listQuery>, @CurrentActor() actor: Actor): Promise<EmployeeListResponse> {
    return this.getEmployees.run({ ...query, date: parseDate(query.date, this.commands.now()) }, actor);
  }

  @RouteWithBody(Post(), 'Register an employee (PNS or PPPK). City admins, or the admin of that agency.', registerEmployeeBody)
  async register(
    @Body(new ZodValidationPipe(registerEmployeeBody)) body: z.infer<typeof registerEmployeeBody>,
    @CurrentActor() actor: Actor,
  ): Promise<EmployeeResponse> {
    const now = this.commands.now();
    const agencyId = body.agencyId.toUpperCase();
    const agencyEvents = await this.commands.store.readStream(agencyStream(agencyId));
    const agency = fold(agencyDecider, agencyEvents.map(toDomainEvent) as AgencyEvent[]);
    const command: RegisterEmployee = {
      type: 'RegisterEmployee',
      data: { ...body, agencyId },
      lookups: { agencyRegistered: agency.status === 'registered' },
      metadata: { now, actor },
    };
    await this.commands.run(employeeStream(body.nip), employeeDecider, command, eventMetadata(actor, { now, agencyId }));
    return this.getEmployee.run(body.nip, actor);
  }

  @RouteWithBody(Patch(':nip'), "Edit an employee's record (name, status, agency, pangkat, golongan, e-mail): only the fields sent change; the same values change nothing. City admins, or the admin of that agency.", editEmployeeBody)
  async edit(
    @Param('nip') nip: string,
    @Body(new ZodValidationPipe(editEmployeeBody)) body: z.infer<typeof editEmployeeBody>,
    @CurrentActor() actor: Actor,
  ): Promise<EmployeeResponse> {
    const now = this.commands.now();
    const current = await readState(this.commands.store, employeeStream(nip), employeeDecider);
    if (current.status !== 'registered') throw notFound('EMPLOYEE_NOT_FOUND', `Pegawai dengan NIP ${nip} tidak ditemukan.`);
    const agencyId = (body.agencyId ?? current.agencyId).toUpperCase();
    const agency = await readState(this.commands.store, agencyStream(agencyId), agencyDecider);
    const command: UpdateEmployee = {
      type: 'UpdateEmployee',
      data: {
        nip,
        name: body.name ?? current.name,
        status: body.status ?? current.employmentStatus,
        agencyId,
        golongan: body.golongan === undefined ? current.golongan : body.golongan,
        ...(body.tmtGolongan !== undefined ? { tmtGolongan: body.tmtGolongan } : {}),
        ...(body.email !== undefined ? { email: body.email } : {}),
      },
      lookups: { agencyRegistered: agency.status === 'registered' },
      metadata: { now, actor },
    };
    await this.commands.run(employeeStream(nip), employeeDecider, command, eventMetadata(actor, { now, agencyId }));
    return this.getEmployee.run(nip, actor);
  }

  @Get(':nip/supervisor')
  @ApiOperation({ summary: 'The pejabat penilai and atasan pejabat penilai of NIP on a date (default today), per the organisation then.' })
  @ApiQuery({ name: 'date', required: false, description: 'YYYY-MM-DD' })
  supervisor(@Param('nip') nip: string, @Query('date') date: string | undefined, @CurrentActor() actor: Actor): Promise<SupervisorOnDateResponse> {
    return this.getSupervisor.run(nip, parseDate(date, this.commands.now()), actor);
  }

  @Get(':nip/profile')
  @ApiOperation({ summary: 'Employee profile: the record, positions held today, current pejabat penilai and atasan.' })
  async profile(@Param('nip') nip: string, @CurrentActor() actor: Actor): Promise<EmployeeResponse & { current: SupervisorOnDateResponse }> {
    const employee = await this.getEmployee.run(nip, actor);
    return { ...employee, current: await this.getSupervisor.run(nip, parseDate(undefined, this.commands.now()), actor) };
  }

  @Get(':nip')
  @ApiOperation({ summary: 'An employee by NIP: the employee themself, their agency admin, city admins and auditors.' })
  get(@Param('nip') nip: string, @CurrentActor() actor: Actor): Promise<EmployeeResponse> {
    return this.getEmployee.run(nip, actor);
  }
}
