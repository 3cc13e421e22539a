import { Module } from '@nestjs/common';
import { RuleSetsModule } from '../rule-sets/rule-sets.module';
import { GetTalentMapQuery } from './get-talent-map/get-talent-map.query';
import { TalentController } from './talent.controller';

/** The 9-box talent map from predicates, assessments and penalties. */
@Module({ imports: [RuleSetsModule], controllers: [TalentController], providers: [GetTalentMapQuery] })
export class TalentModule {}
