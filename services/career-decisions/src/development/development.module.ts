import { Module } from '@nestjs/common';
import { PerformanceRecordModule } from '../performance-record/performance-record.module';
import { RuleSetsModule } from '../rule-sets/rule-sets.module';
import { DevelopmentController } from './development.controller';

/** Development plans and the 20 JP a year of competency development. */
@Module({ imports: [PerformanceRecordModule, RuleSetsModule], controllers: [DevelopmentController] })
export class DevelopmentModule {}
