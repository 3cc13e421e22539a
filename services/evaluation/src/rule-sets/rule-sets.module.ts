import { Module } from '@nestjs/common';
import { PeriodsModule } from '../periods/periods.module';
import { EvaluationRuleSetsController } from './get-rule-sets/rule-sets.controller';

/** The rule sets in force and every version, readable by anyone. */
@Module({ imports: [PeriodsModule], controllers: [EvaluationRuleSetsController] })
export class EvaluationRuleSetsModule {}
