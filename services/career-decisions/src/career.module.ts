import { Module } from '@nestjs/common';
import { DecisionsController } from './decisions/decisions.controller';
import { DevelopmentController } from './development/development.controller';
import { GetDecisionsToReEvaluateQuery } from './decisions/get-decisions/get-decisions-to-re-evaluate.query';
import { GetDecisionsQuery } from './decisions/get-decisions/get-decisions.query';
import { ReEvaluationSaga } from './decisions/re-evaluation.reactor';
import { EligibilityController } from './eligibility/eligibility.controller';
import { GetEligibilityListQuery } from './eligibility/get-eligibility-list/get-eligibility-list.query';
import { Lookups } from './lookups';
import { GetEmployeeRecordQuery } from './performance-record/get-employee-record/get-employee-record.query';
import { PerformanceRecordController } from './performance-record/performance-record.controller';
import { GetTalentMapQuery } from './talent/get-talent-map/get-talent-map.query';
import { TalentController } from './talent/talent.controller';
import { ImprovementCasesController } from './under-performance/improvement-cases.controller';

/** The HTTP slices and the saga; infrastructure comes from AppModule (global). */
@Module({
  controllers: [PerformanceRecordController, EligibilityController, DecisionsController, DevelopmentController, ImprovementCasesController, TalentController],
  providers: [Lookups, GetEmployeeRecordQuery, GetEligibilityListQuery, GetDecisionsQuery, GetTalentMapQuery, GetDecisionsToReEvaluateQuery, ReEvaluationSaga],
})
export class CareerModule {}
