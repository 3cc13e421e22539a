import { DynamicModule, Inject, Injectable, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DEFAULT_PARTITIONS, TOPICS } from '@kinerja/contracts';
import { createPostgresEventStore, PostgresEventStore } from '@kinerja/event-store';
import { createDataSource, ProjectionRunner } from '@kinerja/projections';
import { createKafkaTransport, createPgLogTransport, createRelay, Relay, RunningConsumer, startConsumer, Transport } from '@kinerja/messaging';
import { Clock, CLOCK, databaseCheck, HealthRegistry, instrumentEventStore, lagCheck, LOGGER, Logger, Metrics } from '@kinerja/platform';
import { CareerModule } from './career.module';
import { CareerConfig, kafkaBrokersOf } from './config';
import { decisionRegisterReadModel, DecisionRegisterView } from './decisions/get-decisions/decision-register.entity';
import { CreateCareerTables1764400000000 } from './migrations/1764400000000-create-career-tables';
import { CreateTalentTables1764500000000 } from './migrations/1764500000000-create-talent-tables';
import { AddPegawaiTeladan1764600000000 } from './migrations/1764600000000-add-pegawai-teladan';
import { EMPLOYEE_HANDLERS } from './organisation/employees.consumer';
import { talentFactsReadModel, TalentFactsView } from './talent/get-talent-map/talent-facts.entity';
import { employeeRecordReadModel, EmployeeRecordView } from './performance-record/get-employee-record/employee-record.entity';
import { predicateHandlers } from './performance-record/predicates.consumer';
import { RELAYED_EVENT_TYPES, toPublicEvents } from './relay/public-events';
import { assertValidRuleSetRegistry } from './rule-sets/rule-set';
import { ReEvaluationSaga } from './saga/re-evaluation.saga';
import { CAREER_CONFIG, EVENT_STORE } from './tokens';

const RAW_EVENT_STORE = Symbol('RAW_EVENT_STORE');
const TRANSPORT = Symbol('TRANSPORT');
const RELAY = Symbol('RELAY');

/** Starts projections, relay, consumer and saga once everything is wired; closes in reverse. */
@Injectable()
class Infrastructure implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer: RunningConsumer | null = null;
  private readonly background: Promise<void>[] = [];
  private stopping = false;

  constructor(
    @Inject(CAREER_CONFIG) private readonly config: CareerConfig,
    @Inject(RAW_EVENT_STORE) private readonly store: PostgresEventStore,
    private readonly dataSource: DataSource,
    private readonly runner: ProjectionRunner,
    private readonly health: HealthRegistry,
    private readonly metrics: Metrics,
    private readonly saga: ReEvaluationSaga,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(TRANSPORT) private readonly transport: Transport | null,
    @Inject(RELAY) private readonly relay: Relay | null,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.health.register(databaseCheck(() => this.dataSource.query('SELECT 1'), 'read-model-database'));
    this.health.register(databaseCheck(() => this.store.pool.query('SELECT 1'), 'event-store'));
    this.health.register(
      lagCheck('projections', async () => Math.max(0, ...(await this.runner.lag()).map((lag) => lag.events)), this.config.PROJECTION_LAG_THRESHOLD),
    );
    await this.runner.start();
    if (this.relay) {
      const relay = this.relay;
      this.background.push(relay.start().catch((error) => this.logger.fatal({ err: error }, 'relay failed to start')));
      relay.done.catch((error) => this.logger.fatal({ err: error }, 'relay stopped: public events are not being published'));
    }
    if (this.transport && this.config.CONSUMER_ENABLED) this.background.push(this.startConsumer(this.transport));
    if (this.config.SAGA_ENABLED) await this.saga.start();
  }

  private async startConsumer(transport: Transport): Promise<void> {
    try {
      const topics = [TOPICS.evaluation, TOPICS.workPlanning].map((topic) => `${this.config.TOPIC_PREFIX}${topic}`);
      for (const topic of topics) await transport.ensureTopic(topic, DEFAULT_PARTITIONS);
      const log = this.logger.child({ component: 'consumer' });
      const consumer = await startConsumer({
        transport,
        dataSource: this.dataSource,
        groupId: this.config.SERVICE_NAME,
        topics,
        handlers: { ...predicateHandlers(this.store, this.clock), ...EMPLOYEE_HANDLERS },
        metrics: this.metrics.registry,
        commitOffsetsWithHandler: this.config.TRANSPORT === 'pg-log' && this.config.MESSAGING_DATABASE_URL === undefined,
        logger: { warn: (message, details) => log.warn(details ?? {}, message) },
      });
      if (this.stopping) await consumer.stop();
      else this.consumer = consumer;
    } catch (error) {
      if (!this.stopping) this.logger.fatal({ err: error }, 'consumer failed to start: predicates are not being consumed');
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.saga.stop();
    await this.consumer?.stop();
    await this.relay?.stop();
    await Promise.all(this.background);
    await this.transport?.close();
    await this.runner.stop();
    await this.dataSource.destroy();
    await this.store.close();
  }
}

/**
 * Composition root of career-decisions: the event store (PostgreSQL, its own schema), the
 * read-model DataSource (migrations), the projection runner, the transport with the relay
 * (DecisionIssued.v1, DecisionRevoked.v1) and the consumer (evaluation's PredicateFinalized.v1, work-planning's
 * EmployeeRegistered.v1 for names),
 * and the re-evaluation saga. The rule-set registry was validated with the config; checked again here.
 */
@Module({})
export class AppModule {
  static forRoot(config: CareerConfig): DynamicModule {
    assertValidRuleSetRegistry(config.ruleSets);
    return {
      module: AppModule,
      global: true,
      imports: [CareerModule],
      providers: [
        { provide: CAREER_CONFIG, useValue: config },
        {
          provide: RAW_EVENT_STORE,
          useFactory: () => createPostgresEventStore({ connectionString: config.DATABASE_URL, schema: config.EVENT_STORE_SCHEMA }),
        },
        {
          provide: EVENT_STORE,
          inject: [RAW_EVENT_STORE, Metrics],
          useFactory: (store: PostgresEventStore, metrics: Metrics) => instrumentEventStore(store, metrics),
        },
        {
          provide: DataSource,
          useFactory: () =>
            createDataSource({
              url: config.DATABASE_URL,
              schema: config.READ_MODEL_SCHEMA,
              entities: [EmployeeRecordView, DecisionRegisterView, TalentFactsView],
              migrations: [CreateCareerTables1764400000000, CreateTalentTables1764500000000, AddPegawaiTeladan1764600000000],
              applicationName: config.SERVICE_NAME,
            }),
        },
        {
          provide: ProjectionRunner,
          inject: [DataSource, RAW_EVENT_STORE, Metrics, LOGGER],
          useFactory: (dataSource: DataSource, store: PostgresEventStore, metrics: Metrics, logger: Logger) =>
            new ProjectionRunner({
              dataSource,
              store,
              readModels: [employeeRecordReadModel, decisionRegisterReadModel, talentFactsReadModel],
              registry: metrics.registry,
              logger: logger.child({ component: 'projections' }),
            }),
        },
        {
          provide: TRANSPORT,
          useFactory: (): Transport | null => {
            if (!config.RELAY_ENABLED && !config.CONSUMER_ENABLED) return null;
            const clientId = config.SERVICE_NAME;
            return config.TRANSPORT === 'kafka'
              ? createKafkaTransport({ brokers: kafkaBrokersOf(config), clientId })
              : createPgLogTransport({ connectionString: config.MESSAGING_DATABASE_URL ?? config.DATABASE_URL, applicationName: `kinerja-pglog-${clientId}` });
          },
        },
        {
          provide: RELAY,
          inject: [TRANSPORT, RAW_EVENT_STORE, Metrics, LOGGER],
          useFactory: (transport: Transport | null, store: PostgresEventStore, metrics: Metrics, logger: Logger): Relay | null => {
            if (!transport || !config.RELAY_ENABLED) return null;
            const log = logger.child({ component: 'relay' });
            return createRelay({
              name: config.SERVICE_NAME,
              service: 'career-decisions',
              store,
              transport,
              connectionString: config.DATABASE_URL,
              map: toPublicEvents,
              filter: { types: RELAYED_EVENT_TYPES },
              topicPrefix: config.TOPIC_PREFIX,
              metrics: metrics.registry,
              logger: { warn: (message, details) => log.warn(details ?? {}, message) },
            });
          },
        },
        Infrastructure,
      ],
      exports: [EVENT_STORE, CAREER_CONFIG, DataSource, ProjectionRunner],
    };
  }
}
