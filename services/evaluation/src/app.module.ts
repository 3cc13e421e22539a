import { DynamicModule, Module } from '@nestjs/common';
import { ACTOR_DIRECTORY, eventSourcedProviders } from '@kinerja/platform';
import { RoleGrantCopy, RoleGrantsConsumer } from '@kinerja/identity';
import { EvaluationConfig } from './config';
import { EvaluationActors } from './access';
import { EvaluationsModule } from './evaluations/evaluations.module';
import { EvaluationView } from './evaluations/get-evaluation/evaluation-view.entity';
import { OpenObjectionWindow } from './evaluations/get-open-objection-windows/open-objection-window.entity';
import { RecordedFactsView } from './evaluations/get-recorded-facts/recorded-facts.entity';
import { ConsumedFactsConsumer } from './facts/consumed-facts.consumer';
import { CreateEvaluationTables1764200000000 } from './migrations/1764200000000-create-evaluation-tables';
import { CreateConsumedFacts1764300000000 } from './migrations/1764300000000-create-consumed-facts';
import { CreateRecordedFactsAndCurveEntries1764800000000 } from './migrations/1764800000000-create-recorded-facts-and-curve-entries';
import { CreateCitizenRating1764900000500 } from './migrations/1764900000500-create-citizen-rating';
import { OrgExternalParents1765100000000 } from './migrations/1765100000000-org-external-parents';
import { CreateReminderView1765310000000 } from './migrations/1765310000000-create-reminder-view';
import { CreateMentoringEvidence1765419000000 } from './migrations/1765419000000-create-mentoring-evidence';
import { CreateOrgVersion1765500000000 } from './migrations/1765500000000-create-org-version';
import { CreateOrgChange1765520000000 } from './migrations/1765520000000-create-org-change';
import { EvaluationViewYearIndex1765510000000 } from './migrations/1765510000000-evaluation-view-year-index';
import { CreateNotifications1765200000000 } from './migrations/1765200000000-create-notifications';
import { NotificationsConsumer } from './notifications/notifications.consumer';
import { NotificationsModule } from './notifications/notifications.module';
import { OrganisationConsumer } from './organisation/organisation.consumer';
import { OrganisationModule } from './organisation/organisation.module';
import { PeriodView } from './periods/get-periods/period-view.entity';
import { PeriodsModule } from './periods/periods.module';
import { ReminderView } from './reminders/get-reminders/reminder-view.entity';
import { RemindersModule } from './reminders/reminders.module';
import { READ_MODELS } from './read-models';
import { EvaluationRuleSetsModule } from './rule-sets/rule-sets.module';
import { RELAYED_EVENT_TYPES, toPublicEvents } from './relay/public-events';
import { assertValidRuleSetRegistry } from './rule-sets/rule-set';
import { ObjectionWindowScheduler } from './evaluations/objection-window.reactor';
import { EVALUATION_CONFIG, EVENT_STORE } from './tokens';
import { CurveEntryView } from './unit-evaluations/get-curve/curve-entry.entity';
import { UnitEvaluationView } from './unit-evaluations/get-unit-evaluation/unit-evaluation-view.entity';
import { UnitEvaluationsModule } from './unit-evaluations/unit-evaluations.module';

/**
 * Composition root of evaluation: the event-sourced infrastructure (see `eventSourcedProviders`)
 * with the relay (public events) and the consumer (work-planning's organisation events and facts,
 * feedback-intake's facts), and the objection-window scheduler. The rule-set registry was
 * validated with the config; it is checked once more here (fail fast).
 */
@Module({})
export class AppModule {
  static forRoot(config: EvaluationConfig): DynamicModule {
    assertValidRuleSetRegistry(config.ruleSets);
    const infrastructure = eventSourcedProviders({
      config,
      service: 'evaluation',
      eventStoreToken: EVENT_STORE,
      entities: [PeriodView, EvaluationView, RecordedFactsView, UnitEvaluationView, CurveEntryView, OpenObjectionWindow, ReminderView],
      migrations: [CreateEvaluationTables1764200000000, CreateConsumedFacts1764300000000, CreateRecordedFactsAndCurveEntries1764800000000, CreateCitizenRating1764900000500, OrgExternalParents1765100000000, CreateNotifications1765200000000, CreateReminderView1765310000000, CreateMentoringEvidence1765419000000, CreateOrgVersion1765500000000, EvaluationViewYearIndex1765510000000, CreateOrgChange1765520000000],
      readModels: READ_MODELS,
      relay: { map: toPublicEvents, types: RELAYED_EVENT_TYPES },
      consumer: {
        failureMessage: 'consumer failed to start: organisation events are not being consumed',
        handlers: [OrganisationConsumer, ConsumedFactsConsumer, RoleGrantsConsumer, NotificationsConsumer],
      },
      reactors: [ObjectionWindowScheduler],
    });
    return {
      module: AppModule,
      global: true,
      imports: [OrganisationModule, PeriodsModule, UnitEvaluationsModule, EvaluationsModule, EvaluationRuleSetsModule, RemindersModule, NotificationsModule],
      controllers: infrastructure.controllers,
      providers: [{ provide: EVALUATION_CONFIG, useValue: config }, ...infrastructure.providers, RoleGrantCopy, EvaluationActors, { provide: ACTOR_DIRECTORY, useExisting: EvaluationActors }],
      exports: [...infrastructure.exports, EVALUATION_CONFIG, ACTOR_DIRECTORY],
    };
  }
}
