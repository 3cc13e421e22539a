import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { fold, invalid } from '@kinerja/domain';
import { toDomainEvent } from '@kinerja/event-store';
import { Actor, Commands, CurrentActor, eventMetadata, GRANTED_ROLES, isGrantedRole, parseRoleHeader, RoleHeaderError, RouteWithBody, ZodValidationPipe } from '@kinerja/platform';
import { agencyDecider } from '../agencies/agency.decider';
import { AgencyEvent, agencyStream } from '../agencies/agency.events';
import { EmployeeView } from '../employees/get-employee/employee-view.entity';
import { DataSource } from 'typeorm';
import { GetRoleGrantHistoryQuery, RoleGrantHistoryResponse } from './get-role-grants/get-role-grant-history.query';
import { GetRoleGrantsQuery, RoleGrantListResponse } from './get-role-grants/get-role-grants.query';
import { GrantRole, roleGrantDecider, RevokeRole } from './role-grant.decider';
import { GrantedRole, roleGrantStream } from './role-grant.events';

const NIP = z.string().regex(/^\d{18}$/, 'NIP: 18 angka.');

const grantBody = z
  .object({
    nip: NIP.describe('The person (their NIP, the username at the identity provider)'),
    role: z.enum(GRANTED_ROLES).describe('ADMIN_OPD needs agencyId; ADMIN_CITY and AUDITOR take none; PPK may name one'),
    agencyId: z.string().min(1).max(32).optional(),
    reason: z.string().trim().min(1).max(500).optional().describe('Why (e.g. the SK number): part of the audit'),
  })
  .strict();

const listQuery = z
  .object({
    nip: NIP.optional(),
    agencyId: z.string().min(1).max(32).optional(),
  })
  .strict();

/** The grant named in the path, in the X-Kinerja-Role header's form. */
function parseGrant(key: string): { role: GrantedRole; agencyId?: string } {
  let grant;
  try {
    grant = parseRoleHeader(key.toUpperCase());
  } catch (error) {
    if (error instanceof RoleHeaderError) throw invalid('ROLE_GRANT_INVALID', error.message, 'grant');
    throw error;
  }
  if (!grant || !isGrantedRole(grant.role)) throw invalid('ROLE_GRANT_INVALID', `${key} bukan peran yang diberikan (${GRANTED_ROLES.join(', ')}).`, 'grant');
  return { role: grant.role, ...(grant.agencyId ? { agencyId: grant.agencyId } : {}) };
}

@ApiTags('role-grants')
@Controller('role-grants')
export class RoleGrantsController {
  constructor(
    private readonly commands: Commands,
    private readonly dataSource: DataSource,
    private readonly getRoleGrants: GetRoleGrantsQuery,
    private readonly getHistory: GetRoleGrantHistoryQuery,
  ) {}

  @Get(':nip/history')
  @ApiOperation({ summary: "A person's grants and revocations over time (who, when, why), oldest first. The person, city admins and auditors; an agency admin for the agency's people." })
  history(@Param('nip') nip: string, @CurrentActor() actor: Actor): Promise<RoleGrantHistoryResponse> {
    if (!NIP.safeParse(nip).success) throw invalid('NIP_INVALID', 'NIP: 18 angka.', 'nip');
    return this.getHistory.run(nip, actor);
  }

  @Get()
  @ApiOperation({ summary: 'Role grants in force. Anyone their own (nip = themself); an agency admin those of their agency (agencyId); city admins and auditors all.' })
  @ApiQuery({ name: 'nip', required: false })
  @ApiQuery({ name: 'agencyId', required: false })
  list(@Query(new ZodValidationPipe(listQuery)) query: z.infer<typeof listQuery>, @CurrentActor() actor: Actor): Promise<RoleGrantListResponse> {
    return this.getRoleGrants.run({ ...(query.nip ? { nip: query.nip } : {}), ...(query.agencyId ? { agencyId: query.agencyId.toUpperCase() } : {}) }, actor);
  }

  @RouteWithBody(Post(), 'Grant a role (ADMIN_OPD of an agency, ADMIN_CITY, PPK, AUDITOR). City admins (ADMIN_CITY) only; recorded as RoleGranted.', grantBody)
  async grant(@Body(new ZodValidationPipe(grantBody)) body: z.infer<typeof grantBody>, @CurrentActor() actor: Actor): Promise<RoleGrantListResponse> {
    const now = this.commands.now();
    const agencyId = body.agencyId?.toUpperCase() ?? null;
    const command: GrantRole = {
      type: 'GrantRole',
      data: { nip: body.nip, role: body.role, agencyId, reason: body.reason ?? null },
      lookups: {
        employeeKnown: (await this.dataSource.getRepository(EmployeeView).countBy({ nip: body.nip })) > 0,
        agencyKnown: agencyId === null || (await this.agencyKnown(agencyId)),
      },
      metadata: { now, actor },
    };
    await this.commands.run(roleGrantStream(body.nip), roleGrantDecider, command, eventMetadata(actor, { now }));
    return this.getRoleGrants.run({ nip: body.nip }, { ...actor, role: 'ADMIN_CITY' });
  }

  @Delete(':nip/:grant')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke a role grant (`ROLE` or `ROLE:agencyId`). City admins (ADMIN_CITY) only; recorded as RoleRevoked.' })
  @ApiParam({ name: 'grant', description: 'ROLE or ROLE:agencyId, e.g. ADMIN_OPD:DINKES' })
  async revoke(@Param('nip') nip: string, @Param('grant') key: string, @CurrentActor() actor: Actor): Promise<RoleGrantListResponse> {
    if (!NIP.safeParse(nip).success) throw invalid('NIP_INVALID', 'NIP: 18 angka.', 'nip');
    const grant = parseGrant(key);
    const now = this.commands.now();
    const command: RevokeRole = {
      type: 'RevokeRole',
      data: { nip, role: grant.role, agencyId: grant.agencyId ?? null, reason: null },
      metadata: { now, actor },
    };
    await this.commands.run(roleGrantStream(nip), roleGrantDecider, command, eventMetadata(actor, { now }));
    return this.getRoleGrants.run({ nip }, { ...actor, role: 'ADMIN_CITY' });
  }

  private async agencyKnown(agencyId: string): Promise<boolean> {
    const events = await this.commands.store.readStream(agencyStream(agencyId));
    return fold(agencyDecider, events.map(toDomainEvent) as AgencyEvent[]).status === 'registered';
  }
}
