import { DynamicModule, Inject, Injectable, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DEFAULT_PARTITIONS, TOPICS } from '@kinerja/contracts';
import { createPostgresEventStore, PostgresEventStore } from '@kinerja/event-store';
import { createDataSource, ProjectionRunner } from '@kinerja/projections';
import { createKafkaTransport, createPgLogTransport, createRelay, Relay, RunningConsumer, startConsumer, Transport } from '@kinerja/messaging';
import { databaseCheck, HealthRegistry, instrumentEventStore, lagCheck, LOGGER, Logger, Metrics } from '@kinerja/platform';
import { EvaluationConfig, kafkaBrokersOf } from './config';
import { EvaluationModule } from './evaluation.module';
import { evaluationReadModel, EvaluationView } from './evaluations/get-evaluation/evaluation-view.entity';
import { OpenObjectionWindow, openObjectionWindowReadModel } from './evaluations/get-open-objection-windows/open-objection-window.entity';
import { FEEDBACK_FACT_HANDLERS, WORK_PLANNING_FACT_HANDLERS } from './facts/consumed-facts.consumer';
import { CreateEvaluationTables1764200000000 } from './migrations/1764200000000-create-evaluation-tables';
import { CreateConsumedFacts1764300000000 } from './migrations/1764300000000-create-consumed-facts';
import { ORGANISATION_HANDLERS } from './organisation/organisation.consumer';
import { periodReadModel, PeriodView } from './periods/get-periods/period-view.entity';
import { RELAYED_EVENT_TYPES, toPublicEvents } from './relay/public-events';
import { assertValidRuleSetRegistry } from './rule-sets/rule-set';
import { ObjectionWindowScheduler } from './scheduler/objection-window.scheduler';
import { EVALUATION_CONFIG, EVENT_STORE } from './tokens';
import { unitEvaluationReadModel, UnitEvaluationView } from './unit-evaluations/get-unit-evaluation/unit-evaluation-view.entity';

const RAW_EVENT_STORE = Symbol('RAW_EVENT_STORE');
const TRANSPORT = Symbol('TRANSPORT');
const RELAY = Symbol('RELAY');

/** Starts projections, relay, consumer and scheduler once everything is wired; closes in reverse. */
@Injectable()
class Infrastructure implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer: RunningConsumer | null = null;
  private readonly background: Promise<void>[] = [];
  private stopping = false;

  constructor(
    @Inject(EVALUATION_CONFIG) private readonly config: EvaluationConfig,
    @Inject(RAW_EVENT_STORE) private readonly store: PostgresEventStore,
    private readonly dataSource: DataSource,
    private readonly runner: ProjectionRunner,
    private readonly health: HealthRegistry,
    private readonly metrics: Metrics,
    private readonly scheduler: ObjectionWindowScheduler,
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
    // A second replica's relay waits for the first one's lock: start it (and the consumer) without holding up the boot.
    if (this.relay) {
      const relay = this.relay;
      this.background.push(relay.start().catch((error) => this.logger.fatal({ err: error }, 'relay failed to start')));
      relay.done.catch((error) => this.logger.fatal({ err: error }, 'relay stopped: public events are not being published'));
    }
    if (this.transport && this.config.CONSUMER_ENABLED) this.background.push(this.startConsumer(this.transport));
    if (this.config.SCHEDULER_ENABLED) this.scheduler.start(this.config.SCHEDULER_INTERVAL_MS);
  }

  private async startConsumer(transport: Transport): Promise<void> {
    try {
      const topics = [TOPICS.workPlanning, TOPICS.feedbackIntake].map((topic) => `${this.config.TOPIC_PREFIX}${topic}`);
      for (const topic of topics) await transport.ensureTopic(topic, DEFAULT_PARTITIONS);
      const log = this.logger.child({ component: 'consumer' });
      const consumer = await startConsumer({
        transport,
        dataSource: this.dataSource,
        groupId: this.config.SERVICE_NAME,
        topics,
        handlers: { ...ORGANISATION_HANDLERS, ...WORK_PLANNING_FACT_HANDLERS, ...FEEDBACK_FACT_HANDLERS },
        metrics: this.metrics.registry,
        commitOffsetsWithHandler: this.config.TRANSPORT === 'pg-log' && this.config.MESSAGING_DATABASE_URL === undefined,
        logger: { warn: (message, details) => log.warn(details ?? {}, message) },
      });
      if (this.stopping) await consumer.stop();
      else this.consumer = consumer;
    } catch (error) {
      if (!this.stopping) this.logger.fatal({ err: error }, 'consumer failed to start: organisation events are not being consumed');
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.scheduler.stop();
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
 * Composition root of evaluation: the event store (PostgreSQL, its own schema), the read-model
 * DataSource (migrations), the projection runner, the transport with the relay (public events)
 * and the consumer (work-planning's organisation events), and the objection-window scheduler.
 * The rule-set registry was validated with the config; it is checked once more here (fail fast).
 */
@Module({})
export class AppModule {
  static forRoot(config: EvaluationConfig): DynamicModule {
    assertValidRuleSetRegistry(config.ruleSets);
    return {
      module: AppModule,
      global: true,
      imports: [EvaluationModule],
      providers: [
        { provide: EVALUATION_CONFIG, useValue: config },
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
              entities: [PeriodView, EvaluationView, UnitEvaluationView, OpenObjectionWindow],
              migrations: [CreateEvaluationTables1764200000000, CreateConsumedFacts1764300000000],
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
              readModels: [periodReadModel, evaluationReadModel, unitEvaluationReadModel, openObjectionWindowReadModel],
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
              service: 'evaluation',
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
      exports: [EVENT_STORE, EVALUATION_CONFIG, DataSource, ProjectionRunner],
    };
  }
}
