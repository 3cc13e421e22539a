import { DynamicModule, Inject, Injectable, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createPostgresEventStore, PostgresEventStore } from '@kinerja/event-store';
import { createDataSource, ProjectionRunner } from '@kinerja/projections';
import { createKafkaTransport, createPgLogTransport, createRelay, Relay, Transport } from '@kinerja/messaging';
import { databaseCheck, HealthRegistry, instrumentEventStore, lagCheck, LOGGER, Logger, Metrics } from '@kinerja/platform';
import { AgenciesModule } from './agencies/agencies.module';
import { agencyReadModel, AgencyView } from './agencies/get-agency/agency-view.entity';
import { kafkaBrokersOf, WorkPlanningConfig } from './config';
import { EmployeesModule } from './employees/employees.module';
import { employeeReadModel, EmployeeView } from './employees/get-employee/employee-view.entity';
import { CreateAgencyAndEmployeeViews1763900000000 } from './migrations/1763900000000-create-agency-and-employee-views';
import { CreateOrganisationViews1763900001000 } from './migrations/1763900001000-create-organisation-views';
import { PositionView, positionReadModel, UnitView, unitReadModel } from './organisation/get-org-tree/org-tree.entity';
import {
  AssignmentInterval,
  assignmentIntervalReadModel,
  ReportingLineInterval,
  reportingLineIntervalReadModel,
} from './organisation/get-supervisor/reporting-intervals.entity';
import { OrganisationModule } from './organisation/organisation.module';
import { ImportsModule } from './org-import/imports.module';
import { CreateSkpViews1763900002000 } from './migrations/1763900002000-create-skp-views';
import { RhkView, rhkReadModel } from './skps/get-cascade/rhk-view.entity';
import { SkpView, skpReadModel } from './skps/get-skp/skp-view.entity';
import { SkpsModule } from './skps/skps.module';
import { CreateRealisationViews1763900003000 } from './migrations/1763900003000-create-realisation-views';
import { RealisationView, realisationReadModel } from './realisations/get-realisations/realisation-view.entity';
import { RealisationsModule } from './realisations/realisations.module';
import { RELAYED_EVENT_TYPES, toPublicEvents } from './relay/public-events';
import { EVENT_STORE, WORK_PLANNING_CONFIG } from './tokens';

const RAW_EVENT_STORE = Symbol('RAW_EVENT_STORE');
const TRANSPORT = Symbol('TRANSPORT');
const RELAY = Symbol('RELAY');

/** Starts the projections once everything is wired, registers readiness checks, closes in order. */
@Injectable()
class Infrastructure implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(WORK_PLANNING_CONFIG) private readonly config: WorkPlanningConfig,
    @Inject(RAW_EVENT_STORE) private readonly store: PostgresEventStore,
    private readonly dataSource: DataSource,
    private readonly runner: ProjectionRunner,
    private readonly health: HealthRegistry,
    @Inject(TRANSPORT) private readonly transport: Transport | null,
    @Inject(RELAY) private readonly relay: Relay | null,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.health.register(databaseCheck(() => this.dataSource.query('SELECT 1'), 'read-model-database'));
    this.health.register(databaseCheck(() => this.store.pool.query('SELECT 1'), 'event-store'));
    this.health.register(
      lagCheck(
        'projections',
        async () => Math.max(0, ...(await this.runner.lag()).map((lag) => lag.events)),
        this.config.PROJECTION_LAG_THRESHOLD,
      ),
    );
    await this.runner.start();
    if (this.relay) {
      await this.relay.start();
      // The relay stops for good only on a mapping or schema error: a bug to fix, so make it loud.
      this.relay.done.catch((error) => this.logger.fatal({ err: error }, 'relay stopped: public events are not being published'));
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
    await this.transport?.close();
    await this.runner.stop();
    await this.dataSource.destroy();
    await this.store.close();
  }
}

/**
 * Composition root of work-planning: the event store (PostgreSQL, its own schema), the read-model
 * DataSource (migrations, never synchronize), the projection runner over every read model, and
 * the feature modules. The platform (auth, logging, metrics, health, clock) comes from bootstrapService.
 */
@Module({})
export class AppModule {
  static forRoot(config: WorkPlanningConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [AgenciesModule, EmployeesModule, OrganisationModule, ImportsModule, SkpsModule, RealisationsModule],
      providers: [
        { provide: WORK_PLANNING_CONFIG, useValue: config },
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
              entities: [AgencyView, EmployeeView, AssignmentInterval, ReportingLineInterval, UnitView, PositionView, SkpView, RhkView, RealisationView],
              migrations: [CreateAgencyAndEmployeeViews1763900000000, CreateOrganisationViews1763900001000, CreateSkpViews1763900002000, CreateRealisationViews1763900003000],
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
              readModels: [
                agencyReadModel,
                employeeReadModel,
                assignmentIntervalReadModel,
                reportingLineIntervalReadModel,
                unitReadModel,
                positionReadModel,
                skpReadModel,
                rhkReadModel,
                realisationReadModel,
              ],
              registry: metrics.registry,
              logger: logger.child({ component: 'projections' }),
            }),
        },
        {
          provide: TRANSPORT,
          useFactory: (): Transport | null => {
            if (!config.RELAY_ENABLED) return null;
            const clientId = `${config.SERVICE_NAME}-relay`;
            return config.TRANSPORT === 'kafka'
              ? createKafkaTransport({ brokers: kafkaBrokersOf(config), clientId })
              : createPgLogTransport({
                  connectionString: config.MESSAGING_DATABASE_URL ?? config.DATABASE_URL,
                  applicationName: `kinerja-pglog-${clientId}`,
                });
          },
        },
        {
          provide: RELAY,
          inject: [TRANSPORT, RAW_EVENT_STORE, Metrics, LOGGER],
          useFactory: (transport: Transport | null, store: PostgresEventStore, metrics: Metrics, logger: Logger): Relay | null => {
            if (!transport) return null;
            const log = logger.child({ component: 'relay' });
            return createRelay({
              name: config.SERVICE_NAME,
              service: 'work-planning',
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
        Infrastructure,
      ],
      exports: [EVENT_STORE, DataSource, ProjectionRunner, WORK_PLANNING_CONFIG],
    };
  }
}
