import { NotificationsModule } from '../notifications/notifications.module';
import { Module } from '@nestjs/common';
import { FactsModule } from '../facts/facts.module';
import { PeriodsModule } from '../periods/periods.module';
import { UnitEvaluationsModule } from '../unit-evaluations/unit-evaluations.module';
import { EvaluationLookups } from './evaluation-lookups';
import { EvaluationsController } from './evaluations.controller';
import { GetCityDashboardQuery } from './get-city-dashboard.query';
import { GetEmployeeHistoryQuery } from './get-evaluation/get-employee-history.query';
import { GetEvaluationQuery } from './get-evaluation/get-evaluation.query';
import { GetObjectionQueueQuery } from './get-evaluation/get-objection-queue.query';
import { GetRatingsDueQuery } from './get-evaluation/get-ratings-due.query';
import { GetTeamBoardQuery } from './get-evaluation/get-team-board.query';
import { GetOpenObjectionWindowsQuery } from './get-open-objection-windows/get-open-objection-windows.query';
import { GetRecordedFactsQuery } from './get-recorded-facts/get-recorded-facts.query';
import { GetWhatIfQuery } from './get-what-if.query';
import { ObjectionWindowScheduler } from './objection-window.reactor';

/** Ratings, predicates and keberatan per employee and period; the scheduler that ends keberatan windows. */
@Module({
  imports: [PeriodsModule, FactsModule, UnitEvaluationsModule, NotificationsModule],
  controllers: [EvaluationsController],
  providers: [
    EvaluationLookups,
    GetEvaluationQuery,
    GetEmployeeHistoryQuery,
    GetTeamBoardQuery,
    GetObjectionQueueQuery,
    GetRatingsDueQuery,
    GetRecordedFactsQuery,
    GetOpenObjectionWindowsQuery,
    GetWhatIfQuery,
    GetCityDashboardQuery,
    ObjectionWindowScheduler,
  ],
})
export class EvaluationsModule {}
