import { Module } from '@nestjs/common';
import { PerformanceRecordModule } from '../performance-record/performance-record.module';
import { RuleSetsModule } from '../rule-sets/rule-sets.module';
import { EligibilityController } from './eligibility.controller';
import { GetEligibilityListQuery } from './get-eligibility-list.query';

/** Eligibility lists (kenaikan pangkat, KGB PPPK, penghargaan) computed from the performance records. */
@Module({ imports: [PerformanceRecordModule, RuleSetsModule], controllers: [EligibilityController], providers: [GetEligibilityListQuery] })
export class EligibilityModule {}
