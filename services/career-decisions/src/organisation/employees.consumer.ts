import { Controller, Inject } from '@nestjs/common';
import { EventStore, handle } from '@kinerja/event-store';
import type { PublicEvent } from '@kinerja/messaging';
import { Clock, CLOCK, PublicEventContext, PublicEventPattern, RAW_EVENT_STORE } from '@kinerja/platform';
import { performanceRecordDecider, performanceRecordStream, RecordOrganisationEmployment } from '../performance-record/performance-record.decider';

const ACTOR = { id: 'system:work-planning-consumer', role: 'SYSTEM' };

/**
 * work-planning's EmployeeRegistered.v1 / EmployeeUpdated.v1 → the local directory of names (in the
 * consumer's transaction, with its inbox row) and, when the event carries the golongan with its TMT,
 * the employment facts eligibility reads (docs/regulations.md §5.2). `RecordOrganisationEmployment`
 * is idempotent (the same golongan and TMT record nothing), so a redelivery changes nothing.
 */
@Controller()
export class EmployeesConsumer {
  constructor(
    @Inject(RAW_EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @PublicEventPattern('EmployeeRegistered.v1')
  async employeeRegistered(event: PublicEvent<'EmployeeRegistered.v1'>, context: PublicEventContext): Promise<void> {
    await this.employee(event, context);
  }

  @PublicEventPattern('EmployeeUpdated.v1')
  async employeeUpdated(event: PublicEvent<'EmployeeUpdated.v1'>, context: PublicEventContext): Promise<void> {
    await this.employee(event, context);
  }

  private async employee(event: PublicEvent<'EmployeeRegistered.v1' | 'EmployeeUpdated.v1'>, context: PublicEventContext): Promise<void> {
    const d = event.data;
    await context.query(
      `INSERT INTO employee_directory (nip, name, status, agency_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (nip) DO UPDATE SET name = EXCLUDED.name, status = EXCLUDED.status, agency_id = EXCLUDED.agency_id`,
      [d.nip, d.name, d.status, d.agencyId],
    );
    if (d.golongan === undefined || d.tmtGolongan === undefined) return;
    const command: RecordOrganisationEmployment = {
      type: 'RecordOrganisationEmployment',
      data: { nip: d.nip, agencyId: d.agencyId, employmentKind: d.status, golongan: d.golongan, rankSince: d.tmtGolongan },
      metadata: { now: this.clock.now(), actor: ACTOR },
    };
    await handle(this.store, performanceRecordStream(d.nip), performanceRecordDecider, command, {
      actorId: ACTOR.id,
      correlationId: event.correlationId,
      causationId: event.id,
      agencyId: d.agencyId,
    });
  }
}
