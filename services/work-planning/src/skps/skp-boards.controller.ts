import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { forbidden, invalid } from '@kinerja/domain';
import { Actor, Clock, CLOCK, CurrentActor } from '@kinerja/platform';
import { WorkPlanningAccess } from '../access';
import { parseDate } from '../organisation/organisation.controller';
import { EmployeeSkpItem, GetEmployeeSkpsQuery } from './get-skp/get-employee-skps.query';
import { GetSkpCompletionQuery, SkpCompletionResponse } from './get-skp-completion.query';
import { GetTeamBoardQuery } from './get-team-board.query';

@ApiTags('skps')
@Controller()
export class SkpBoardsController {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly teamBoard: GetTeamBoardQuery,
    private readonly completion: GetSkpCompletionQuery,
    private readonly employeeSkps: GetEmployeeSkpsQuery,
    private readonly access: WorkPlanningAccess,
  ) {}

  @Get('employees/:nip/skps')
  @ApiOperation({ summary: "An employee's SKPs, newest period first, with status and return notes (the employee, their agency admin, ADMIN_CITY, AUDITOR)." })
  skpsOf(@Param('nip') nip: string, @CurrentActor() actor: Actor): Promise<{ nip: string; skps: EmployeeSkpItem[] }> {
    return this.employeeSkps.run(nip, actor);
  }

  @Get('supervisors/:nip/team')
  @ApiOperation({ summary: "A supervisor's team board on a date: each subordinate's SKP status and unresolved links." })
  @ApiQuery({ name: 'date', required: false })
  async team(@Param('nip') nip: string, @Query('date') date: string | undefined, @CurrentActor() actor: Actor) {
    await this.access.assertOnEmployee(actor, 'readTeamBoard', nip);
    return this.teamBoard.run(nip, parseDate(date, this.clock.now()));
  }

  @Get('agencies/:agencyId/skp-completion')
  @ApiOperation({ summary: 'SKP completion rates of an agency for a year (ADMIN_OPD of the agency, ADMIN_CITY, AUDITOR).' })
  @ApiQuery({ name: 'year', required: false })
  completionOf(@Param('agencyId') rawAgencyId: string, @Query('year') year: string | undefined, @CurrentActor() actor: Actor): Promise<SkpCompletionResponse> {
    const agencyId = rawAgencyId.toUpperCase();
    const allowed = actor.role === 'ADMIN_CITY' || actor.role === 'AUDITOR' || (actor.role === 'ADMIN_OPD' && actor.agencyId === agencyId);
    if (!allowed) throw forbidden('COMPLETION_FORBIDDEN', 'Anda tidak berwenang melihat rekapitulasi SKP instansi ini.');
    const y = year === undefined ? this.clock.now().getUTCFullYear() : Number(year);
    if (!Number.isInteger(y) || y < 2000 || y > 2100) throw invalid('YEAR_INVALID', 'Tahun tidak valid.', 'year');
    return this.completion.run(agencyId, y);
  }
}
