import { Module } from '@nestjs/common';
import { PeriodsModule } from '../periods/periods.module';
import { GetCurveQuery } from './get-curve/get-curve.query';
import { GetUnitEvaluationQuery } from './get-unit-evaluation/get-unit-evaluation.query';
import { UnitEvaluationsController } from './unit-evaluations.controller';

/** Organisation predicates, the distribution curve (Monitoring Kurva) and penetapan per unit and period. */
@Module({
  imports: [PeriodsModule],
  controllers: [UnitEvaluationsController],
  providers: [GetUnitEvaluationQuery, GetCurveQuery],
  exports: [GetUnitEvaluationQuery],
})
export class UnitEvaluationsModule {}
