import { Module } from '@nestjs/common';
import { DecisionsController } from './decisions/decisions.controller';
import { DevelopmentController } from './development/development.controller';
import { GetDecisionsQuery } from './decisions/get-decisions/get-decisions.query';
import { EligibilityController } from './eligibility/eligibility.controller';
import { GetEligibilityListQuery } from './eligibility/get-eligibility-list/get-eligibility-list.query';
import { Lookups } from './lookups';
import { GetEmployeeRecordQuery } from './performance-record/get-employee-record/get-employee-record.query';
import { PerformanceRecordController } from './performance-record/performance-record.controller';
import { ReEvaluationSaga } from './saga/re-evaluation.saga';
import { GetTalentMapQuery } from './talent/get-talent-map/get-talent-map.query';
import { TalentController } from './talent/talent.controller';
import { ImprovementCasesController } from './under-performance/improvement-cases.controller';

/** The HTTP slices and the saga; infrastructure comes from AppModule (global). */
@Module({
  controllers: [PerformanceRecordController, EligibilityController, DecisionsController, DevelopmentController, ImprovementCasesController, TalentController],
  providers: [Lookups, GetEmployeeRecordQuery, GetEligibilityListQuery, GetDecisionsQuery, GetTalentMapQuery, ReEvaluationSaga],
  exports: [ReEvaluationSaga],
})
export class CareerModule {}
