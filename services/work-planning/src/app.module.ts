import { DynamicModule, Inject, Injectable, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createPostgresEventStore, PostgresEventStore } from '@kinerja/event-store';
import { createDataSource, ProjectionRunner } from '@kinerja/projections';
import { databaseCheck, HealthRegistry, instrumentEventStore, lagCheck, LOGGER, Logger, Metrics } from '@kinerja/platform';
import { AgenciesModule } from './agencies/agencies.module';
import { agencyReadModel, AgencyView } from './agencies/get-agency/agency-view.entity';
import { WorkPlanningConfig } from './config';
import { EmployeesModule } from './employees/employees.module';
import { employeeReadModel, EmployeeView } from './employees/get-employee/employee-view.entity';
import { CreateAgencyAndEmployeeViews1763900000000 } from './migrations/1763900000000-create-agency-and-employee-views';
import { EVENT_STORE } from './tokens';

const WORK_PLANNING_CONFIG = Symbol('WORK_PLANNING_CONFIG');
const RAW_EVENT_STORE = Symbol('RAW_EVENT_STORE');

/** Starts the projections once everything is wired, registers readiness checks, closes in order. */
@Injectable()
class Infrastructure implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(WORK_PLANNING_CONFIG) private readonly config: WorkPlanningConfig,
    @Inject(RAW_EVENT_STORE) private readonly store: PostgresEventStore,
    private readonly dataSource: DataSource,
    private readonly runner: ProjectionRunner,
    private readonly health: HealthRegistry,
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
  }

  async onApplicationShutdown(): Promise<void> {
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
      imports: [AgenciesModule, EmployeesModule],
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
              entities: [AgencyView, EmployeeView],
              migrations: [CreateAgencyAndEmployeeViews1763900000000],
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
              readModels: [agencyReadModel, employeeReadModel],
              registry: metrics.registry,
              logger: logger.child({ component: 'projections' }),
            }),
        },
        Infrastructure,
      ],
      exports: [EVENT_STORE, DataSource, ProjectionRunner],
    };
  }
}
