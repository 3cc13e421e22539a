import { EventStore, handle } from '@kinerja/event-store';
import { EventHandler } from '@kinerja/messaging';
import { Clock } from '@kinerja/platform';
import { performanceRecordDecider, performanceRecordStream, RecordFinalPredicate } from './performance-record.decider';

const ANNUAL_PERIOD = /^([^:]+):(\d{4}):ANNUAL$/;

/**
 * evaluation's PredicateFinalized.v1 → the performance record; only annual predicates count. The
 * public event id is the fact decisions cite. The append is idempotent on that id, so a message
 * redelivered after the inbox transaction failed changes nothing.
 */
export function predicateHandlers(store: EventStore, clock: Clock): Record<string, EventHandler> {
  const finalized: EventHandler = async (event) => {
    const d = event.data as { nip: string; periodId: string; periodKind: string; predicate: RecordFinalPredicate['data']['predicate']; finalizedVia: 'WINDOW_ENDED' | 'OBJECTION_DECIDED' };
    const period = ANNUAL_PERIOD.exec(d.periodId);
    if (d.periodKind !== 'ANNUAL' || period === null) return;
    const command: RecordFinalPredicate = {
      type: 'RecordFinalPredicate',
      data: { nip: d.nip, agencyId: period[1], year: Number(period[2]), predicate: d.predicate, factId: event.id, via: d.finalizedVia },
      metadata: { now: clock.now(), actorId: 'system:evaluation-consumer' },
    };
    await handle(store, performanceRecordStream(d.nip), performanceRecordDecider, command, {
      actorId: 'system:evaluation-consumer',
      correlationId: event.correlationId,
      causationId: event.id,
    });
  };
  return { 'PredicateFinalized.v1': finalized };
}
