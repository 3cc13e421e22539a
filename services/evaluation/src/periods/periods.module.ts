import { Module } from '@nestjs/common';
import { OrganisationModule } from '../organisation/organisation.module';
import { GetPeriodsQuery } from './get-periods/get-periods.query';
import { PeriodLookups } from './period-lookups';
import { PeriodsController } from './periods.controller';

/** Evaluation calendars and their periods; the period look-ups the other slices use. */
@Module({ imports: [OrganisationModule], controllers: [PeriodsController], providers: [PeriodLookups, GetPeriodsQuery], exports: [PeriodLookups] })
export class PeriodsModule {}
