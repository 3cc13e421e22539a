import { Module } from '@nestjs/common';
import { EvaluationConfig } from '../config';
import { OrganisationModule } from '../organisation/organisation.module';
import { PeriodsModule } from '../periods/periods.module';
import { EVALUATION_CONFIG } from '../tokens';
import { GetCurveQuery } from '../unit-evaluations/get-curve/get-curve.query';
import { UnitEvaluationsModule } from '../unit-evaluations/unit-evaluations.module';
import { DeadlineScanner } from './deadline-scanner';
import { mailerFor } from './mailer';
import { MAILER, NotificationDispatcher } from './notification-dispatcher';
import { NotificationStore } from './notification-store';
import { NotificationsController } from './notifications.controller';
import { ObjectionNotifier } from './objection-notifier';

/** Notifications in the console and by e-mail (issue 16); the consumer (`NotificationsConsumer`) is listed in app.module.ts. */
@Module({
  imports: [OrganisationModule, PeriodsModule, UnitEvaluationsModule],
  controllers: [NotificationsController],
  providers: [
    NotificationStore,
    DeadlineScanner,
    GetCurveQuery,
    NotificationDispatcher,
    ObjectionNotifier,
    { provide: MAILER, inject: [EVALUATION_CONFIG], useFactory: (config: EvaluationConfig) => mailerFor(config.SMTP_URL, config.MAIL_FROM) },
  ],
  exports: [NotificationDispatcher, ObjectionNotifier],
})
export class NotificationsModule {}
