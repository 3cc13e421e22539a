import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { unitEvaluationIdOf } from '../unit-evaluation.decider';
import { UnitEvaluationView } from './unit-evaluation-view.entity';

/** Units' organisation predicates and finalisation, per period. */
@Injectable()
export class GetUnitEvaluationQuery {
  constructor(private readonly dataSource: DataSource) {}

  one(periodId: string, unitId: string): Promise<UnitEvaluationView | null> {
    return this.dataSource.getRepository(UnitEvaluationView).findOneBy({ unitEvaluationId: unitEvaluationIdOf(periodId, unitId) });
  }

  ofPeriod(periodId: string): Promise<UnitEvaluationView[]> {
    return this.dataSource.getRepository(UnitEvaluationView).find({ where: { periodId } });
  }

  /** Finalised units of the periods with this code in a year, counted by agency. */
  finalizedByAgency(year: number, code: string): Promise<{ agency_id: string; n: number }[]> {
    return this.dataSource.query(
      `SELECT agency_id, count(*)::int AS n FROM unit_evaluation_view WHERE finalized AND right(period_id, length($1)) = $1 GROUP BY agency_id`,
      [`:${year}:${code}`],
    );
  }
}
