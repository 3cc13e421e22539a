import { DynamicModule, Module } from '@nestjs/common';
import { ACTOR_DIRECTORY, eventSourcedProviders } from '@kinerja/platform';
import { WorkPlanningAccess } from './access';
import { AgenciesModule } from './agencies/agencies.module';
import { AgencyView } from './agencies/get-agency/agency-view.entity';
import { WorkPlanningConfig } from './config';
import { EmployeesModule } from './employees/employees.module';
import { EmployeeView } from './employees/get-employee/employee-view.entity';
import { CreateAgencyAndEmployeeViews1763900000000 } from './migrations/1763900000000-create-agency-and-employee-views';
import { CreateOrganisationViews1763900001000 } from './migrations/1763900001000-create-organisation-views';
import { CreateSkpViews1763900002000 } from './migrations/1763900002000-create-skp-views';
import { CreateRealisationViews1763900003000 } from './migrations/1763900003000-create-realisation-views';
import { CreateRoleGrantView1763900004000 } from './migrations/1763900004000-create-role-grant-view';
import { AddEmployeeTmtGolongan1763900004500 } from './migrations/1763900004500-add-employee-tmt-golongan';
import { AddEmployeeEmail1765200000000 } from './migrations/1765200000000-add-employee-email';
import { CityLeadership1765100000000 } from './migrations/1765100000000-city-leadership';
import { ServiceFacts1766000000000 } from './migrations/1766000000000-service-facts';
import { OfficialView } from './officials/get-officials/official-view.entity';
import { OfficialsModule } from './officials/officials.module';
import { PositionView, UnitView } from './organisation/get-org-tree/org-tree.entity';
import { AssignmentInterval, ReportingLineInterval } from './organisation/get-supervisor/reporting-intervals.entity';
import { OrganisationModule } from './organisation/organisation.module';
import { PlacementsConsumer } from './organisation/placements.consumer';
import { ServiceFactsConsumer } from './realisations/computed/service-facts.consumer';
import { ImportsModule } from './org-import/imports.module';
import { READ_MODELS } from './read-models';
import { RealisationView } from './realisations/get-realisations/realisation-view.entity';
import { RealisationsModule } from './realisations/realisations.module';
import { RELAYED_EVENT_TYPES, toPublicEvents } from './relay/public-events';
import { RhkView } from './skps/get-cascade/rhk-view.entity';
import { RoleGrantView } from './role-grants/get-role-grants/role-grant-view.entity';
import { RoleGrantsModule } from './role-grants/role-grants.module';
import { SkpView } from './skps/get-skp/skp-view.entity';
import { SkpsModule } from './skps/skps.module';
import { EVENT_STORE, WORK_PLANNING_CONFIG } from './tokens';

/**
 * Composition root of work-planning: the event-sourced infrastructure (see `eventSourcedProviders`)
 * with the relay of public events, the consumer of career-decisions' placement decisions, and the
 * feature modules. The platform (auth,
 * logging, metrics, health, clock) comes from bootstrapService.
 */
@Module({})
export class AppModule {
  static forRoot(config: WorkPlanningConfig): DynamicModule {
    const infrastructure = eventSourcedProviders({
      config,
      service: 'work-planning',
      eventStoreToken: EVENT_STORE,
      entities: [AgencyView, EmployeeView, AssignmentInterval, ReportingLineInterval, UnitView, PositionView, SkpView, RhkView, RealisationView, OfficialView, RoleGrantView],
      migrations: [CreateAgencyAndEmployeeViews1763900000000, CreateOrganisationViews1763900001000, CreateSkpViews1763900002000, CreateRealisationViews1763900003000, CreateRoleGrantView1763900004000, AddEmployeeTmtGolongan1763900004500, CityLeadership1765100000000, AddEmployeeEmail1765200000000, ServiceFacts1766000000000],
      readModels: READ_MODELS,
      relay: { map: toPublicEvents, types: RELAYED_EVENT_TYPES, start: 'await', clientId: `${config.SERVICE_NAME}-relay` },
      consumer: {
        start: 'background',
        failureMessage: 'consumer failed to start: placement decisions are not being applied',
        handlers: [PlacementsConsumer, ServiceFactsConsumer],
      },
    });
    return {
      module: AppModule,
      global: true,
      imports: [AgenciesModule, EmployeesModule, OfficialsModule, OrganisationModule, ImportsModule, SkpsModule, RealisationsModule, RoleGrantsModule],
      controllers: infrastructure.controllers,
      providers: [{ provide: WORK_PLANNING_CONFIG, useValue: config }, ...infrastructure.providers, WorkPlanningAccess, { provide: ACTOR_DIRECTORY, useExisting: WorkPlanningAccess }],
      exports: [...infrastructure.exports, WORK_PLANNING_CONFIG, WorkPlanningAccess, ACTOR_DIRECTORY],
    };
  }
}
