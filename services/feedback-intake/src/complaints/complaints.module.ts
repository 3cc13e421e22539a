import { Module } from '@nestjs/common';
import { CitizenModule } from '../citizen/citizen.module';
import { DirectoryModule } from '../directory/directory.module';
import { ComplaintIntake } from './complaint-intake';
import { ComplaintsController } from './complaints.controller';
import { GetComplaintInboxQuery } from './get-complaint-inbox/get-complaint-inbox.query';
import { GetComplaintStatisticsQuery } from './get-complaint-inbox/get-complaint-statistics.query';
import { GetComplaintStatusQuery } from './get-complaint-status/get-complaint-status.query';
import { GetDueComplaintsQuery } from './get-due-complaints/get-due-complaints.query';
import { PublicComplaintsController } from './public-complaints.controller';
import { SlaScheduler } from './sla-breach.reactor';

/** Citizens' complaints with their SLA, from intake to confirmation; the SLA scheduler. */
@Module({
  imports: [CitizenModule, DirectoryModule],
  controllers: [PublicComplaintsController, ComplaintsController],
  providers: [ComplaintIntake, GetComplaintInboxQuery, GetComplaintStatisticsQuery, GetComplaintStatusQuery, GetDueComplaintsQuery, SlaScheduler],
  exports: [GetComplaintStatusQuery],
})
export class ComplaintsModule {}
