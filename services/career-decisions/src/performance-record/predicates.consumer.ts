import { Controller, Inject } from '@nestjs/common';
import { EventStore, handle } from '@kinerja/event-store';
import { PublicEvent, ReceivedEvent } from '@kinerja/messaging';
import { Clock, CLOCK, PublicEventPattern, RAW_EVENT_STORE } from '@kinerja/platform';
import { performanceRecordDecider, PerformanceRecordCommand, performanceRecordStream, RecordFinalPredicate, RecordProvisionalPredicate } from './performance-record.decider';

/** Messages published before agencyId and year travelled beside the period id carried only the id. */
const LEGACY_ANNUAL_PERIOD = /^([^:]+):(\d{4}):ANNUAL$/;
const ACTOR = { id: 'system:evaluation-consumer', role: 'SYSTEM' };

type PredicateMessage = PublicEvent<'PredicateSet.v1' | 'PredicateFinalized.v1'>['data'];

/**
 * The agency and year of an annual predicate, as evaluation publishes them beside the period id;
 * null for any other period. Only a message from before those fields existed is read from the id.
 */
function annualPeriodOf(d: PredicateMessage): { agencyId: string; year: number } | null {
  if (d.periodKind !== 'ANNUAL') return null;
  if (d.agencyId !== undefined && d.year !== undefined) return { agencyId: d.agencyId, year: d.year };
  const legacy = LEGACY_ANNUAL_PERIOD.exec(d.periodId);
  return legacy === null ? null : { agencyId: legacy[1], year: Number(legacy[2]) };
}

/**
 * evaluation's PredicateSet.v1 (the predicate as set, provisional while a keberatan may change it)
 * and PredicateFinalized.v1 → the performance record; only annual predicates count. The public
 * event id is the fact decisions cite. Each command is idempotent on that id, so a message
 * redelivered after the inbox transaction failed changes nothing.
 */
@Controller()
export class PredicatesConsumer {
  constructor(
    @Inject(RAW_EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @PublicEventPattern('PredicateSet.v1')
  async predicateSet(event: PublicEvent<'PredicateSet.v1'>): Promise<void> {
    const d = event.data;
    const period = annualPeriodOf(d);
    if (period === null) return;
    const command: RecordProvisionalPredicate = {
      type: 'RecordProvisionalPredicate',
      data: { nip: d.nip, ...period, predicate: d.predicate, factId: event.id },
      metadata: { now: this.clock.now(), actor: ACTOR },
    };
    await this.record(event, command);
  }

  @PublicEventPattern('PredicateFinalized.v1')
  async predicateFinalized(event: PublicEvent<'PredicateFinalized.v1'>): Promise<void> {
    const d = event.data;
    const period = annualPeriodOf(d);
    if (period === null) return;
    const command: RecordFinalPredicate = {
      type: 'RecordFinalPredicate',
      data: { nip: d.nip, ...period, predicate: d.predicate, factId: event.id, via: d.finalizedVia },
      metadata: { now: this.clock.now(), actor: ACTOR },
    };
    await this.record(event, command);
  }

  private async record(event: ReceivedEvent, command: PerformanceRecordCommand): Promise<void> {
    await handle(this.store, performanceRecordStream(command.data.nip), performanceRecordDecider, command, { actorId: ACTOR.id, correlationId: event.correlationId, causationId: event.id });
  }
}
