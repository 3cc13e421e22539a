import { EventStore, handle } from '@kinerja/event-store';
import { EventHandler, ReceivedEvent } from '@kinerja/messaging';
import { Clock } from '@kinerja/platform';
import { PredikatPegawai } from '../predikat';
import { performanceRecordDecider, PerformanceRecordCommand, performanceRecordStream, RecordFinalPredicate, RecordProvisionalPredicate } from './performance-record.decider';

const ANNUAL_PERIOD = /^([^:]+):(\d{4}):ANNUAL$/;
const ACTOR = { id: 'system:evaluation-consumer', role: 'SYSTEM' };

type PredicateMessage = { nip: string; periodId: string; periodKind: string; predicate: PredikatPegawai };

/** The agency and year of an annual period (`<agencyId>:<year>:ANNUAL`); null for any other period. */
function annualPeriodOf(d: PredicateMessage): { agencyId: string; year: number } | null {
  const period = ANNUAL_PERIOD.exec(d.periodId);
  if (d.periodKind !== 'ANNUAL' || period === null) return null;
  return { agencyId: period[1], year: Number(period[2]) };
}

/**
 * evaluation's PredicateSet.v1 (the predicate as set, provisional while a keberatan may change it)
 * and PredicateFinalized.v1 → the performance record; only annual predicates count. The public
 * event id is the fact decisions cite. Each command is idempotent on that id, so a message
 * redelivered after the inbox transaction failed changes nothing.
 */
export function predicateHandlers(store: EventStore, clock: Clock): Record<string, EventHandler> {
  const record = async (event: ReceivedEvent, command: PerformanceRecordCommand) =>
    handle(store, performanceRecordStream(command.data.nip), performanceRecordDecider, command, { actorId: ACTOR.id, correlationId: event.correlationId, causationId: event.id });

  const set: EventHandler = async (event) => {
    const d = event.data as PredicateMessage;
    const period = annualPeriodOf(d);
    if (period === null) return;
    const command: RecordProvisionalPredicate = {
      type: 'RecordProvisionalPredicate',
      data: { nip: d.nip, ...period, predicate: d.predicate, factId: event.id },
      metadata: { now: clock.now(), actor: ACTOR },
    };
    await record(event, command);
  };

  const finalized: EventHandler = async (event) => {
    const d = event.data as PredicateMessage & { finalizedVia: 'WINDOW_ENDED' | 'OBJECTION_DECIDED' };
    const period = annualPeriodOf(d);
    if (period === null) return;
    const command: RecordFinalPredicate = {
      type: 'RecordFinalPredicate',
      data: { nip: d.nip, ...period, predicate: d.predicate, factId: event.id, via: d.finalizedVia },
      metadata: { now: clock.now(), actor: ACTOR },
    };
    await record(event, command);
  };
  return { 'PredicateSet.v1': set, 'PredicateFinalized.v1': finalized };
}
