import { Module } from '@nestjs/common';
import { GetCityDashboardQuery } from './evaluations/get-city-dashboard/get-city-dashboard.query';
import { EvaluationsController } from './evaluations/evaluations.controller';
import { GetEmployeeHistoryQuery } from './evaluations/get-employee-history/get-employee-history.query';
import { GetEvaluationQuery } from './evaluations/get-evaluation/get-evaluation.query';
import { GetOpenObjectionWindowsQuery } from './evaluations/get-open-objection-windows/get-open-objection-windows.query';
import { GetTeamBoardQuery } from './evaluations/get-team-board/get-team-board.query';
import { GetWhatIfQuery } from './evaluations/get-what-if/get-what-if.query';
import { Lookups } from './lookups';
import { OrganisationController } from './organisation/organisation.controller';
import { OrganisationDirectory } from './organisation/organisation.service';
import { GetPeriodsQuery } from './periods/get-periods/get-periods.query';
import { PeriodsController } from './periods/periods.controller';
import { ObjectionWindowScheduler } from './evaluations/objection-window.reactor';
import { GetCurveQuery } from './unit-evaluations/get-curve/get-curve.query';
import { UnitEvaluationsController } from './unit-evaluations/unit-evaluations.controller';

/** The HTTP slices and the scheduler; infrastructure comes from AppModule (global). */
@Module({
  controllers: [PeriodsController, EvaluationsController, UnitEvaluationsController, OrganisationController],
  providers: [
    Lookups,
    OrganisationDirectory,
    GetPeriodsQuery,
    GetEvaluationQuery,
    GetTeamBoardQuery,
    GetEmployeeHistoryQuery,
    GetWhatIfQuery,
    GetCityDashboardQuery,
    GetOpenObjectionWindowsQuery,
    GetCurveQuery,
    ObjectionWindowScheduler,
  ],
  exports: [ObjectionWindowScheduler],
})
export class EvaluationModule {}
