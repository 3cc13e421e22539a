import { Module } from '@nestjs/common';
import { ComplaintIntake } from './complaint-intake';
import { ComplaintsController } from './complaints.controller';
import { GetComplaintInboxQuery } from './get-complaint-inbox/get-complaint-inbox.query';
import { GetComplaintStatisticsQuery } from './get-complaint-statistics/get-complaint-statistics.query';
import { PublicComplaintsController } from './public-complaints.controller';

@Module({ controllers: [PublicComplaintsController, ComplaintsController], providers: [ComplaintIntake, GetComplaintInboxQuery, GetComplaintStatisticsQuery] })
export class ComplaintsModule {}
