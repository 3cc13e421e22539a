import { Module } from '@nestjs/common';
import { PerformanceRecordModule } from '../performance-record/performance-record.module';
import { RuleSetsModule } from '../rule-sets/rule-sets.module';
import { AgencyCasesController } from './get-agency-cases/agency-cases.controller';
import { GetAgencyCasesQuery } from './get-agency-cases/get-agency-cases.query';
import { ImprovementCasesController } from './improvement-cases.controller';

/** Under-performance: the improvement case of PP 30/2019 Pasal 56–58. */
@Module({ imports: [PerformanceRecordModule, RuleSetsModule], controllers: [ImprovementCasesController, AgencyCasesController], providers: [GetAgencyCasesQuery] })
export class UnderPerformanceModule {}
