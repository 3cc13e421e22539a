import { Module } from '@nestjs/common';
import { GetAtasanRhkQuery } from './get-atasan-rhk/get-atasan-rhk.query';
import { GetCascadeQuery } from './get-cascade/get-cascade.query';
import { GetEmployeeSkpsQuery } from './get-employee-skps/get-employee-skps.query';
import { GetSkpCompletionQuery } from './get-skp-completion/get-skp-completion.query';
import { GetSkpQuery } from './get-skp/get-skp.query';
import { GetTeamBoardQuery } from './get-team-board/get-team-board.query';
import { SkpBoardsController } from './skp-boards.controller';
import { SkpLookups } from './skp-lookups';
import { SkpsController } from './skps.controller';

@Module({
  controllers: [SkpsController, SkpBoardsController],
  providers: [SkpLookups, GetSkpQuery, GetCascadeQuery, GetTeamBoardQuery, GetSkpCompletionQuery, GetEmployeeSkpsQuery, GetAtasanRhkQuery],
  exports: [SkpLookups, GetSkpQuery],
})
export class SkpsModule {}
