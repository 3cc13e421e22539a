import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { forbidden, invalid } from '@kinerja/domain';
import { parsePeriod, PERIOD_ID_DESCRIPTION, PERIOD_ID_MESSAGE } from '@kinerja/contracts';
import { Actor, Clock, CLOCK, CurrentActor } from '@kinerja/platform';
import { WorkPlanningAccess } from '../access';
import { parseDate } from '../organisation/organisation.controller';
import { EmployeeSkpItem, GetEmployeeSkpsQuery } from './get-skp/get-employee-skps.query';
import { GetSkpCompletionQuery, SkpCompletionResponse } from './get-skp-completion.query';
import { GetSkpProgressQuery, SkpProgressResponse } from './get-skp-progress.query';
import { GetTeamBoardQuery } from './get-team-board.query';
import { ApprovalQueueResponse, GetApprovalQueueQuery } from './get-approval-queue.query';
import { WorkPlanningConfig } from '../config';
import { WORK_PLANNING_CONFIG } from '../tokens';

@ApiTags('skps')
@Controller()
export class SkpBoardsController {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly teamBoard: GetTeamBoardQuery,
    private readonly completion: GetSkpCompletionQuery,
    private readonly employeeSkps: GetEmployeeSkpsQuery,
    private readonly access: WorkPlanningAccess,
    private readonly approvalQueue: GetApprovalQueueQuery,
    @Inject(WORK_PLANNING_CONFIG) private readonly config: WorkPlanningConfig,
    private readonly progress: GetSkpProgressQuery,
  ) {}

  @Get('employees/:nip/skps')
  @ApiOperation({
    summary:
      "An employee's own SKPs, newest period first, with status and return notes (the employee, their agency admin, ADMIN_CITY, AUDITOR). Their realisations: `GET /employees/{nip}/realisations`.",
  })
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

  @Get('supervisors/:nip/queue')
  @ApiOperation({
    summary:
      "The pejabat penilai's queue of SKPs to approve on a date (default today): each submitted SKP of their team with its status, since when it waits, its deadline (SKP_APPROVAL_DUE_DAYS after the period starts) and what approval would still refuse. Ratings due are evaluation's `GET /pejabat-penilai/{nip}/ratings-due`.",
  })
  @ApiQuery({ name: 'date', required: false, description: 'YYYY-MM-DD' })
  queue(@Param('nip') nip: string, @Query('date') date: string | undefined, @CurrentActor() actor: Actor): Promise<ApprovalQueueResponse> {
    const allowed = actor.id === nip || actor.role === 'ADMIN_CITY' || actor.role === 'ADMIN_OPD' || actor.role === 'AUDITOR';
    if (!allowed) throw forbidden('TEAM_BOARD_FORBIDDEN', 'Hanya atasan yang bersangkutan atau admin yang dapat melihat antrean ini.');
    return this.approvalQueue.run(nip, parseDate(date, this.clock.now()), this.config.SKP_APPROVAL_DUE_DAYS);
  }

  @Get('agencies/:agencyId/skp-completion')
  @ApiOperation({ summary: 'SKP completion rates of an agency for a year (ADMIN_OPD of the agency, ADMIN_CITY, AUDITOR).' })
  @ApiQuery({ name: 'year', required: false })
  completionOf(@Param('agencyId') rawAgencyId: string, @Query('year') year: string | undefined, @CurrentActor() actor: Actor): Promise<SkpCompletionResponse> {
    const agencyId = rawAgencyId.toUpperCase();
    const allowed = actor.role === 'ADMIN_CITY' || actor.role === 'AUDITOR' || (actor.role === 'ADMIN_OPD' && actor.agencyId === agencyId);
    if (!allowed) throw forbidden('COMPLETION_FORBIDDEN', 'Anda tidak berwenang melihat rekapitulasi SKP instansi ini.');
    return this.completion.run(agencyId, this.yearOf(year));
  }

  @Get('skp-completion')
  @ApiOperation({ summary: "SKP completion rates of every agency of the city for a year, in one answer (the city dashboard; ADMIN_CITY, AUDITOR)." })
  @ApiQuery({ name: 'year', required: false })
  async completionOfCity(@Query('year') year: string | undefined, @CurrentActor() actor: Actor): Promise<SkpCompletionResponse[]> {
    await this.access.assertOnCity(actor, 'readCityCompletion');
    return this.completion.city(this.yearOf(year));
  }

  @Get('agencies/:agencyId/skp-progress')
  @ApiOperation({
    summary:
      'Who of an agency has submitted, had approved and realised their SKP in a period: everyone holding a post in the agency during the period, with the SKP status of the year, the realisations of the period and their pejabat penilai (ADMIN_OPD of the agency, ADMIN_CITY, AUDITOR). Who has been rated: evaluation\'s `GET /periods/{periodId}/rating-progress`.',
  })
  @ApiQuery({ name: 'periodId', required: true, description: PERIOD_ID_DESCRIPTION })
  async progressOf(@Param('agencyId') rawAgencyId: string, @Query('periodId') periodId: string | undefined, @CurrentActor() actor: Actor): Promise<SkpProgressResponse> {
    const agencyId = rawAgencyId.toUpperCase();
    await this.access.assertOnAgency(actor, 'readAgencyProgress', agencyId);
    const period = parsePeriod(periodId);
    if (!period) throw invalid('PERIOD_INVALID', PERIOD_ID_MESSAGE, 'periodId');
    return this.progress.run(agencyId, period);
  }

  private yearOf(year: string | undefined): number {
    const y = year === undefined ? this.clock.now().getUTCFullYear() : Number(year);
    if (!Number.isInteger(y) || y < 2000 || y > 2100) throw invalid('YEAR_INVALID', 'Tahun tidak valid.', 'year');
    return y;
  }
}
