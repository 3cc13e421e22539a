import { DynamicModule, Module } from '@nestjs/common';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { PostgresEventStore } from '@kinerja/event-store';
import { RoleGrantCopy, RoleGrantsConsumer } from '@kinerja/identity';
import { eventSourcedProviders, RAW_EVENT_STORE } from '@kinerja/platform';
import { CitizenFeedbackModule } from './citizen-feedback/citizen-feedback.module';
import { ComplaintsModule } from './complaints/complaints.module';
import { ComplaintInboxView } from './complaints/get-complaint-inbox/complaint-inbox.entity';
import { ComplaintStatusView } from './complaints/get-complaint-status/complaint-status.entity';
import { DueComplaintView } from './complaints/get-due-complaints/due-complaint.entity';
import { SlaScheduler } from './complaints/sla-breach.reactor';
import { FeedbackIntakeConfig } from './config';
import { ContinuousFeedbackModule } from './continuous-feedback/continuous-feedback.module';
import { FeedbackTimelineView } from './continuous-feedback/get-feedback-timeline/feedback-timeline.entity';
import { CitizenFeedbackView } from './citizen-feedback/get-citizen-feedback/citizen-feedback-view.entity';
import { DirectoryEmployee, DirectoryUnit } from './directory/directory.entities';
import { DirectoryModule } from './directory/directory.module';
import { OrganisationConsumer } from './directory/organisation-consumer';
import { CreateFeedbackIntakeTables1764100000000, privacyKekMigration, privacyTablesMigration } from './migrations/1764100000000-create-feedback-intake-tables';
import { CreateOrganisationTables1764100000002 } from './migrations/1764100000002-create-organisation-tables';
import { CreateAgencyFeedbackSettings1764100000003 } from './migrations/1764100000003-create-agency-feedback-settings';
import { CreateCitizenFeedbackViewAndPublicDirectory1764100000005 } from './migrations/1764100000005-create-citizen-feedback-view-and-public-directory';
import { OrgExternalParents1765100000000 } from './migrations/1765100000000-org-external-parents';
import { CreateServiceDeliveryTables1766000000000 } from './migrations/1766000000000-create-service-delivery-tables';
import { ComplaintHandlingView, ServiceRecordView, ServiceStandardView } from './service-delivery/get-service-figures/service-delivery.entities';
import { ServiceDeliveryModule } from './service-delivery/service-delivery.module';
import { ServiceRecordsConsumer } from './service-delivery/service-records.consumer';
import { ContactStore } from './privacy/contact-store';
import { KekRotation } from './privacy/kek-rotation';
import { KeyRing } from './privacy/key-ring';
import { PrivacyModule } from './privacy/privacy.module';
import { READ_MODELS } from './read-models';
import { FeedbackRuleSetsModule } from './rule-sets/rule-sets.module';
import { RELAYED_EVENT_TYPES, toPublicEvents } from './relay/public-events';
import { IkmResultView } from './surveys/get-ikm/ikm-result.entity';
import { SurveysModule } from './surveys/surveys.module';
import { EVENT_STORE, FEEDBACK_INTAKE_CONFIG } from './tokens';

const ERASURE_EVENT_TYPES = ['ComplaintContactErased', 'CitizenFeedbackContactErased'];

/** An erasure whose key deletion a crash interrupted is finished here: the events say what to shred. */
async function shredErasedContacts(store: PostgresEventStore, contacts: ContactStore): Promise<void> {
  let from = null;
  for (;;) {
    const page = await store.readAll({ from, limit: 1000, filter: { types: ERASURE_EVENT_TYPES } });
    for (const event of page.events) await contacts.shred((event.data as { contactRef: string }).contactRef);
    if (page.events.length === 0 || !page.checkpoint) return;
    from = page.checkpoint;
  }
}

/**
 * Composition root of feedback-intake: the event-sourced infrastructure (see `eventSourcedProviders`)
 * with the relay of public events and the consumer of organisation events, the encrypted contact
 * store (its own schema; erasures a crash interrupted are finished before the projections start),
 * the SLA scheduler and the features.
 */
@Module({})
export class AppModule {
  static forRoot(config: FeedbackIntakeConfig): DynamicModule {
    const infrastructure = eventSourcedProviders({
      config,
      service: 'feedback-intake',
      eventStoreToken: EVENT_STORE,
      entities: [ComplaintInboxView, ComplaintStatusView, DueComplaintView, IkmResultView, FeedbackTimelineView, CitizenFeedbackView, DirectoryUnit, DirectoryEmployee, ServiceStandardView, ServiceRecordView, ComplaintHandlingView],
      migrations: [
        CreateFeedbackIntakeTables1764100000000, privacyTablesMigration(config.PRIVACY_SCHEMA), CreateOrganisationTables1764100000002, CreateAgencyFeedbackSettings1764100000003, CreateCitizenFeedbackViewAndPublicDirectory1764100000005, OrgExternalParents1765100000000, CreateServiceDeliveryTables1766000000000,
        privacyKekMigration(config.PRIVACY_SCHEMA),
      ],
      readModels: READ_MODELS,
      relay: { map: toPublicEvents, types: RELAYED_EVENT_TYPES, start: 'await' },
      consumer: { start: 'await', handlers: [OrganisationConsumer, RoleGrantsConsumer, ServiceRecordsConsumer] },
      reactors: [SlaScheduler],
      lifecycle: {
        inject: [RAW_EVENT_STORE, ContactStore],
        useFactory: (store: PostgresEventStore, contacts: ContactStore) => ({ beforeProjections: () => shredErasedContacts(store, contacts) }),
      },
    });
    return {
      module: AppModule,
      global: true,
      imports: [ComplaintsModule, CitizenFeedbackModule, SurveysModule, ContinuousFeedbackModule, DirectoryModule, PrivacyModule, FeedbackRuleSetsModule, ServiceDeliveryModule],
      controllers: infrastructure.controllers,
      providers: [
        { provide: FEEDBACK_INTAKE_CONFIG, useValue: config },
        ...infrastructure.providers,
        RoleGrantCopy,
        {
          provide: ContactStore,
          inject: [DataSource],
          useFactory: async (dataSource: DataSource) => new ContactStore(dataSource, config.PRIVACY_SCHEMA, await KeyRing.open(config.PRIVACY_KEY_DIR ?? join(config.AUTH_LOCAL_KEY_DIR, 'privacy'))),
        },
        KekRotation,
      ],
      exports: [...infrastructure.exports, FEEDBACK_INTAKE_CONFIG, ContactStore],
    };
  }
}
