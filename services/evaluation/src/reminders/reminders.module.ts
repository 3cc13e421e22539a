import { Module } from '@nestjs/common';
import { PeriodsModule } from '../periods/periods.module';
import { GetRatingProgressQuery } from './get-reminders/get-rating-progress.query';
import { GetRemindersQuery } from './get-reminders/get-reminders.query';
import { RemindersController } from './reminders.controller';

/** Who has not yet done a stage of a period, and the reminders admins ask for. */
@Module({ imports: [PeriodsModule], controllers: [RemindersController], providers: [GetRatingProgressQuery, GetRemindersQuery] })
export class RemindersModule {}
