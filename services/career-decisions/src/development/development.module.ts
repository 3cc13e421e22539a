import { Module } from '@nestjs/common';
import { PerformanceRecordModule } from '../performance-record/performance-record.module';
import { RuleSetsModule } from '../rule-sets/rule-sets.module';
import { DevelopmentController } from './development.controller';
import { GetMentoringRecordQuery } from './get-mentoring/get-mentoring-record.query';
import { MentoringController } from './mentoring.controller';
import { AgencyDevelopmentController } from './get-agency-development/agency-development.controller';
import { GetAgencyDevelopmentQuery } from './get-agency-development/get-agency-development.query';

/** Development plans, mentoring and the 20 JP a year of competency development. */
@Module({ imports: [PerformanceRecordModule, RuleSetsModule], controllers: [DevelopmentController, AgencyDevelopmentController, MentoringController], providers: [GetAgencyDevelopmentQuery, GetMentoringRecordQuery] })
export class DevelopmentModule {}
