import { DynamicModule, Module } from '@nestjs/common';
import { TOPICS } from '@kinerja/contracts';
import { PostgresEventStore } from '@kinerja/event-store';
import { Clock, CLOCK, eventSourcedProviders, RAW_EVENT_STORE } from '@kinerja/platform';
import { CareerModule } from './career.module';
import { CareerConfig } from './config';
import { DecisionRegisterView } from './decisions/get-decisions/decision-register.entity';
import { CreateCareerTables1764400000000 } from './migrations/1764400000000-create-career-tables';
import { CreateTalentTables1764500000000 } from './migrations/1764500000000-create-talent-tables';
import { AddPegawaiTeladan1764600000000 } from './migrations/1764600000000-add-pegawai-teladan';
import { EMPLOYEE_HANDLERS } from './organisation/employees.consumer';
import { EmployeeRecordView } from './performance-record/get-employee-record/employee-record.entity';
import { predicateHandlers } from './performance-record/predicates.consumer';
import { READ_MODELS } from './read-models';
import { RELAYED_EVENT_TYPES, toPublicEvents } from './relay/public-events';
import { assertValidRuleSetRegistry } from './rule-sets/rule-set';
import { ReEvaluationSaga } from './saga/re-evaluation.saga';
import { TalentFactsView } from './talent/get-talent-map/talent-facts.entity';
import { CAREER_CONFIG, EVENT_STORE } from './tokens';

/**
 * Composition root of career-decisions: the event-sourced infrastructure (see `eventSourcedProviders`)
 * with the relay (DecisionIssued.v1, DecisionRevoked.v1) and the consumer (evaluation's
 * PredicateSet.v1 and PredicateFinalized.v1, work-planning's EmployeeRegistered.v1 for names), and
 * the re-evaluation saga. The rule-set registry was validated with the config; checked again here.
 */
@Module({})
export class AppModule {
  static forRoot(config: CareerConfig): DynamicModule {
    assertValidRuleSetRegistry(config.ruleSets);
    const infrastructure = eventSourcedProviders({
      config,
      eventStoreToken: EVENT_STORE,
      entities: [EmployeeRecordView, DecisionRegisterView, TalentFactsView],
      migrations: [CreateCareerTables1764400000000, CreateTalentTables1764500000000, AddPegawaiTeladan1764600000000],
      readModels: READ_MODELS,
      transport: {
        enabled: config.RELAY_ENABLED || config.CONSUMER_ENABLED,
      },
      relay: {
        enabled: config.RELAY_ENABLED,
        service: 'career-decisions',
        map: toPublicEvents,
        types: RELAYED_EVENT_TYPES,
        topicPrefix: config.TOPIC_PREFIX,
        start: 'background',
      },
      consumer: {
        enabled: config.CONSUMER_ENABLED,
        start: 'background',
        commitOffsetsWithHandler: config.TRANSPORT === 'pg-log' && config.MESSAGING_DATABASE_URL === undefined,
        failureMessage: 'consumer failed to start: predicates are not being consumed',
        spec: {
          inject: [RAW_EVENT_STORE, CLOCK],
          useFactory: (store: PostgresEventStore, clock: Clock) => ({
            topics: [TOPICS.evaluation, TOPICS.workPlanning].map((topic) => `${config.TOPIC_PREFIX}${topic}`),
            handlers: { ...predicateHandlers(store, clock), ...EMPLOYEE_HANDLERS },
          }),
        },
      },
      lifecycle: {
        inject: [ReEvaluationSaga],
        useFactory: (saga: ReEvaluationSaga) => ({
          afterStart: async () => {
            if (config.SAGA_ENABLED) await saga.start();
          },
          stop: () => saga.stop(),
        }),
      },
    });
    return {
      module: AppModule,
      global: true,
      imports: [CareerModule],
      providers: [{ provide: CAREER_CONFIG, useValue: config }, ...infrastructure.providers],
      exports: [...infrastructure.exports, CAREER_CONFIG],
    };
  }
}
