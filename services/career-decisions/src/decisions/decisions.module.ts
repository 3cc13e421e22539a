import { Module } from '@nestjs/common';
import { PerformanceRecordModule } from '../performance-record/performance-record.module';
import { RuleSetsModule } from '../rule-sets/rule-sets.module';
import { DecisionLookups } from './decision-lookups';
import { DecisionsController } from './decisions.controller';
import { GetDecisionsToReEvaluateQuery } from './get-decisions/get-decisions-to-re-evaluate.query';
import { GetDecisionsQuery } from './get-decisions/get-decisions.query';
import { ReEvaluationSaga } from './re-evaluation.reactor';

/** Career decisions proposed, approved by the PPK and issued, that follow their facts (the re-evaluation saga). */
@Module({
  imports: [PerformanceRecordModule, RuleSetsModule],
  controllers: [DecisionsController],
  providers: [DecisionLookups, GetDecisionsQuery, GetDecisionsToReEvaluateQuery, ReEvaluationSaga],
})
export class DecisionsModule {}
