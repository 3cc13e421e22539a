import { DynamicModule, Module } from '@nestjs/common';
import { ACTOR_DIRECTORY, eventSourcedProviders } from '@kinerja/platform';
import { CareerAccess } from './access';
import { RoleGrantCopy, RoleGrantsConsumer } from '@kinerja/identity';
import { CareerConfig } from './config';
import { DecisionRegisterView } from './decisions/get-decisions/decision-register.entity';
import { ReplacedFactView } from './decisions/get-decisions/replaced-fact.entity';
import { DecisionsModule } from './decisions/decisions.module';
import { ReEvaluationSaga } from './decisions/re-evaluation.reactor';
import { DevelopmentModule } from './development/development.module';
import { MentoringRecordView } from './development/get-mentoring/mentoring-record.entity';
import { EligibilityModule } from './eligibility/eligibility.module';
import { CreateCareerTables1764400000000 } from './migrations/1764400000000-create-career-tables';
import { CreateTalentTables1764500000000 } from './migrations/1764500000000-create-talent-tables';
import { AddPegawaiTeladan1764600000000 } from './migrations/1764600000000-add-pegawai-teladan';
import { CreateReplacedFact1764700000000 } from './migrations/1764700000000-create-replaced-fact';
import { AddDecisionDuties1764800000000 } from './migrations/1764800000000-add-decision-duties';
import { CreateMentoringRecord1765419000000 } from './migrations/1765419000000-create-mentoring-record';
import { EmployeesConsumer } from './organisation/employees.consumer';
import { EmployeeRecordView } from './performance-record/get-employee-record/employee-record.entity';
import { PerformanceRecordModule } from './performance-record/performance-record.module';
import { PredicatesConsumer } from './performance-record/predicates.consumer';
import { READ_MODELS } from './read-models';
import { RELAYED_EVENT_TYPES, toPublicEvents } from './relay/public-events';
import { assertValidRuleSetRegistry } from './rule-sets/rule-set';
import { TalentFactsView } from './talent/get-talent-map/talent-facts.entity';
import { TalentModule } from './talent/talent.module';
import { CAREER_CONFIG, EVENT_STORE } from './tokens';
import { UnderPerformanceModule } from './under-performance/under-performance.module';

/**
 * Composition root of career-decisions: the event-sourced infrastructure (see `eventSourcedProviders`)
 * with the relay (DecisionIssued.v1, DecisionRevoked.v1) and the consumer (evaluation's
 * PredicateSet.v1 and PredicateFinalized.v1, work-planning's EmployeeRegistered.v1/EmployeeUpdated.v1 for names, golongan and TMT), and
 * the re-evaluation saga. The rule-set registry was validated with the config; checked again here.
 */
@Module({})
export class AppModule {
  static forRoot(config: CareerConfig): DynamicModule {
    assertValidRuleSetRegistry(config.ruleSets);
    const infrastructure = eventSourcedProviders({
      config,
      service: 'career-decisions',
      eventStoreToken: EVENT_STORE,
      entities: [EmployeeRecordView, DecisionRegisterView, ReplacedFactView, TalentFactsView, MentoringRecordView],
      migrations: [CreateCareerTables1764400000000, CreateTalentTables1764500000000, AddPegawaiTeladan1764600000000, CreateReplacedFact1764700000000, AddDecisionDuties1764800000000, CreateMentoringRecord1765419000000],
      readModels: READ_MODELS,
      relay: { map: toPublicEvents, types: RELAYED_EVENT_TYPES },
      consumer: {
        failureMessage: 'consumer failed to start: predicates are not being consumed',
        handlers: [PredicatesConsumer, EmployeesConsumer, RoleGrantsConsumer],
      },
      reactors: [ReEvaluationSaga],
    });
    return {
      module: AppModule,
      global: true,
      imports: [PerformanceRecordModule, EligibilityModule, DecisionsModule, DevelopmentModule, UnderPerformanceModule, TalentModule],
      controllers: infrastructure.controllers,
      providers: [{ provide: CAREER_CONFIG, useValue: config }, ...infrastructure.providers, CareerAccess, RoleGrantCopy, { provide: ACTOR_DIRECTORY, useExisting: CareerAccess }],
      exports: [...infrastructure.exports, CAREER_CONFIG, CareerAccess, ACTOR_DIRECTORY],
    };
  }
}
