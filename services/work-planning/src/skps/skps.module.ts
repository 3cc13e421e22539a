import { Module } from '@nestjs/common';
import { EmployeesModule } from '../employees/employees.module';
import { GetCascadeQuery } from './get-cascade/get-cascade.query';
import { GetAtasanRhkQuery } from './get-skp/get-atasan-rhk.query';
import { GetEmployeeSkpsQuery } from './get-skp/get-employee-skps.query';
import { GetSkpCompletionQuery } from './get-skp-completion.query';
import { GetSkpProgressQuery } from './get-skp-progress.query';
import { GetSkpQuery } from './get-skp/get-skp.query';
import { GetTeamBoardQuery } from './get-team-board.query';
import { GetApprovalQueueQuery } from './get-approval-queue.query';
import { SkpBoardsController } from './skp-boards.controller';
import { SkpLookups } from './skp-lookups';
import { SkpsController } from './skps.controller';
import { ComputedRealisations } from '../realisations/computed/computed-realisations';

@Module({
  imports: [EmployeesModule],
  controllers: [SkpsController, SkpBoardsController],
  providers: [SkpLookups, GetSkpQuery, GetCascadeQuery, GetTeamBoardQuery, GetSkpCompletionQuery, GetSkpProgressQuery, GetEmployeeSkpsQuery, GetAtasanRhkQuery, GetApprovalQueueQuery, ComputedRealisations],
  exports: [SkpLookups, GetSkpQuery, ComputedRealisations],
})
export class SkpsModule {}
