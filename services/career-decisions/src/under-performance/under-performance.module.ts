import { Module } from '@nestjs/common';
import { PerformanceRecordModule } from '../performance-record/performance-record.module';
import { RuleSetsModule } from '../rule-sets/rule-sets.module';
import { ImprovementCasesController } from './improvement-cases.controller';

/** Under-performance: the improvement case of PP 30/2019 Pasal 56–58. */
@Module({ imports: [PerformanceRecordModule, RuleSetsModule], controllers: [ImprovementCasesController] })
export class UnderPerformanceModule {}
