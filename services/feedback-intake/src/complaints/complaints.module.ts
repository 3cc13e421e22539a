import { Module } from '@nestjs/common';
import { ComplaintIntake } from './complaint-intake';
import { ComplaintsController } from './complaints.controller';
import { GetComplaintInboxQuery } from './get-complaint-inbox/get-complaint-inbox.query';
import { GetComplaintStatisticsQuery } from './get-complaint-statistics/get-complaint-statistics.query';
import { GetDueComplaintsQuery } from './get-due-complaints/get-due-complaints.query';
import { PublicComplaintsController } from './public-complaints.controller';
import { SlaScheduler } from './sla-breach.reactor';

@Module({
  controllers: [PublicComplaintsController, ComplaintsController],
  providers: [ComplaintIntake, GetComplaintInboxQuery, GetComplaintStatisticsQuery, GetDueComplaintsQuery, SlaScheduler],
})
export class ComplaintsModule {}
