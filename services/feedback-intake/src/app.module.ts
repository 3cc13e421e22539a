import { DynamicModule, Inject, Injectable, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TOPICS, DEFAULT_PARTITIONS } from '@kinerja/contracts';
import { createPostgresEventStore, PostgresEventStore } from '@kinerja/event-store';
import { createKafkaTransport, createPgLogTransport, createRelay, Relay, RunningConsumer, startConsumer, Transport } from '@kinerja/messaging';
import { createDataSource, ProjectionRunner } from '@kinerja/projections';
import { Clock, CLOCK, databaseCheck, HealthRegistry, instrumentEventStore, lagCheck, LOGGER, Logger, Metrics } from '@kinerja/platform';
import { CitizenFeedbackModule } from './citizen-feedback/citizen-feedback.module';
import { BodyTooLargeHandler } from './citizen/body-too-large';
import { CitizenGate, CitizenGuard } from './citizen/citizen-gate';
import { ComplaintsModule } from './complaints/complaints.module';
import { complaintInboxReadModel, ComplaintInboxView } from './complaints/get-complaint-inbox/complaint-inbox.entity';
import { complaintStatusReadModel, ComplaintStatusView } from './complaints/get-complaint-status/complaint-status.entity';
import { GetComplaintStatusQuery } from './complaints/get-complaint-status/get-complaint-status.query';
import { dueComplaintReadModel, DueComplaintView } from './complaints/get-due-complaints/due-complaint.entity';
import { SlaScheduler } from './complaints/sla-scheduler';
import { FeedbackIntakeConfig, kafkaBrokersOf } from './config';
import { ContinuousFeedbackModule } from './continuous-feedback/continuous-feedback.module';
import { feedbackTimelineReadModel, FeedbackTimelineView } from './continuous-feedback/get-feedback-timeline/feedback-timeline.entity';
import { Directory } from './directory/directory';
import { DirectoryEmployee, DirectoryUnit } from './directory/directory.entities';
import { DirectoryModule } from './directory/directory.module';
import { organisationHandlers } from './directory/organisation-consumer';
import { CreateFeedbackIntakeTables1764100000000, privacyTablesMigration } from './migrations/1764100000000-create-feedback-intake-tables';
import { CreateOrganisationTables1764100000002 } from './migrations/1764100000002-create-organisation-tables';
import { CreateAgencyFeedbackSettings1764100000003 } from './migrations/1764100000003-create-agency-feedback-settings';
import { ContactStore } from './privacy/contact-store';
import { PrivacyModule } from './privacy/privacy.module';
import { ReadYourWrites } from './read-your-writes';
import { RELAYED_EVENT_TYPES, toPublicEvents } from './relay/public-events';
import { ikmResultReadModel, IkmResultView } from './surveys/get-ikm/ikm-result.entity';
import { SurveysModule } from './surveys/surveys.module';
import { EVENT_STORE, FEEDBACK_INTAKE_CONFIG } from './tokens';

const RAW_EVENT_STORE = Symbol('RAW_EVENT_STORE');
const TRANSPORT = Symbol('TRANSPORT');
const RELAY = Symbol('RELAY');

const ERASURE_EVENT_TYPES = ['ComplaintContactErased', 'CitizenFeedbackContactErased'];

/** Starts projections, the relay, the consumer and the SLA scheduler once everything is wired; closes in order. */
@Injectable()
class Infrastructure implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer: RunningConsumer | null = null;

  constructor(
    @Inject(FEEDBACK_INTAKE_CONFIG) private readonly config: FeedbackIntakeConfig,
    @Inject(RAW_EVENT_STORE) private readonly store: PostgresEventStore,
    private readonly dataSource: DataSource,
    private readonly runner: ProjectionRunner,
    private readonly health: HealthRegistry,
    private readonly contacts: ContactStore,
    private readonly scheduler: SlaScheduler,
    private readonly metrics: Metrics,
    @Inject(TRANSPORT) private readonly transport: Transport | null,
    @Inject(RELAY) private readonly relay: Relay | null,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.health.register(databaseCheck(() => this.dataSource.query('SELECT 1'), 'read-model-database'));
    this.health.register(databaseCheck(() => this.store.pool.query('SELECT 1'), 'event-store'));
    this.health.register(lagCheck('projections', async () => Math.max(0, ...(await this.runner.lag()).map((lag) => lag.events)), this.config.PROJECTION_LAG_THRESHOLD));
    await this.shredErasedContacts();
    await this.runner.start();
    if (this.relay) {
      await this.relay.start();
      // The relay stops for good only on a mapping or schema error: a bug to fix, so make it loud.
      this.relay.done.catch((error) => this.logger.fatal({ err: error }, 'relay stopped: public events are not being published'));
    }
    if (this.transport && this.config.CONSUMER_ENABLED) {
      const topic = `${this.config.RELAY_TOPIC_PREFIX}${TOPICS.workPlanning}`;
      await this.transport.ensureTopic(topic, DEFAULT_PARTITIONS);
      const log = this.logger.child({ component: 'consumer' });
      this.consumer = await startConsumer({
        transport: this.transport,
        dataSource: this.dataSource,
        groupId: this.config.SERVICE_NAME,
        topics: [topic],
        handlers: organisationHandlers(),
        metrics: this.metrics.registry,
        commitOffsetsWithHandler: this.config.TRANSPORT === 'pg-log' && !this.config.MESSAGING_DATABASE_URL,
        logger: { warn: (message, details) => log.warn(details ?? {}, message) },
      });
    }
    if (this.config.SLA_SCHEDULER_ENABLED) this.scheduler.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.scheduler.stop();
    await this.consumer?.stop();
    await this.relay?.stop();
    await this.transport?.close();
    await this.runner.stop();
    await this.dataSource.destroy();
    await this.store.close();
  }

  /** An erasure whose key deletion a crash interrupted is finished here: the events say what to shred. */
  private async shredErasedContacts(): Promise<void> {
    let from = null;
    for (;;) {
      const page = await this.store.readAll({ from, limit: 1000, filter: { types: ERASURE_EVENT_TYPES } });
      for (const event of page.events) await this.contacts.shred((event.data as { contactRef: string }).contactRef);
      if (page.events.length === 0 || !page.checkpoint) return;
      from = page.checkpoint;
    }
  }
}

/**
 * Composition root of feedback-intake: the event store (PostgreSQL, its own schema), the read-model
 * DataSource (migrations), the encrypted contact store (its own schema), the projection runner, the
 * relay of public events, the consumer of organisation events, the SLA scheduler and the features.
 */
@Module({})
export class AppModule {
  static forRoot(config: FeedbackIntakeConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [ComplaintsModule, CitizenFeedbackModule, SurveysModule, ContinuousFeedbackModule, DirectoryModule, PrivacyModule],
      providers: [
        { provide: FEEDBACK_INTAKE_CONFIG, useValue: config },
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
              entities: [ComplaintInboxView, ComplaintStatusView, DueComplaintView, IkmResultView, FeedbackTimelineView, DirectoryUnit, DirectoryEmployee],
              migrations: [CreateFeedbackIntakeTables1764100000000, privacyTablesMigration(config.PRIVACY_SCHEMA), CreateOrganisationTables1764100000002, CreateAgencyFeedbackSettings1764100000003],
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
              readModels: [complaintInboxReadModel, complaintStatusReadModel, dueComplaintReadModel, ikmResultReadModel, feedbackTimelineReadModel],
              registry: metrics.registry,
              logger: logger.child({ component: 'projections' }),
            }),
        },
        { provide: ContactStore, inject: [DataSource], useFactory: (dataSource: DataSource) => new ContactStore(dataSource, config.PRIVACY_SCHEMA) },
        {
          provide: SlaScheduler,
          inject: [EVENT_STORE, DataSource, CLOCK, LOGGER],
          useFactory: (store: PostgresEventStore, dataSource: DataSource, clock: Clock, logger: Logger) =>
            new SlaScheduler({ store, dataSource, clock, intervalMs: config.SLA_SCHEDULER_INTERVAL_MS, logger: logger.child({ component: 'sla-scheduler' }) }),
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
              service: 'feedback-intake',
              store,
              transport,
              connectionString: config.DATABASE_URL,
              map: toPublicEvents,
              filter: { types: RELAYED_EVENT_TYPES },
              topicPrefix: config.RELAY_TOPIC_PREFIX,
              metrics: metrics.registry,
              logger: { warn: (message, details) => log.warn(details ?? {}, message) },
            });
          },
        },
        BodyTooLargeHandler,
        ReadYourWrites,
        Directory,
        CitizenGate,
        CitizenGuard,
        GetComplaintStatusQuery,
        Infrastructure,
      ],
      exports: [ReadYourWrites, EVENT_STORE, FEEDBACK_INTAKE_CONFIG, DataSource, ProjectionRunner, ContactStore, SlaScheduler, Directory, CitizenGate, CitizenGuard, GetComplaintStatusQuery],
    };
  }
}
