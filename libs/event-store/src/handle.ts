import { Decider, DomainEvent, fold } from '@kinerja/domain';
import { AppendResult, EventMetadata, EventStore, RecordedEvent } from './event-store.port';

export interface HandleResult<Event extends DomainEvent, State> {
  events: Event[];
  state: State;
  /** Absent when the command caused no event. */
  append?: AppendResult;
}

/**
 * The edge's last step (STYLE §4): read the stream, fold, decide, append with the revision read,
 * so a concurrent writer makes this fail with WrongExpectedRevisionError (HTTP 409) and nothing is stored.
 */
export async function handle<Command, Event extends DomainEvent, State>(
  store: EventStore,
  stream: string,
  decider: Decider<Command, Event, State>,
  command: Command,
  metadata: EventMetadata = {},
): Promise<HandleResult<Event, State>> {
  const recorded = await store.readStream(stream);
  const state = fold(decider, recorded.map(toDomainEvent) as Event[]);
  const events = decider.decide(command, state);
  const newState = events.reduce((s, e) => decider.evolve(s, e), state);
  if (events.length === 0) return { events, state: newState };
  const append = await store.append(
    stream,
    events.map((e) => ({ type: e.type, data: e.data, metadata })),
    { expected: recorded.length === 0 ? 'no_stream' : recorded[recorded.length - 1].revision },
  );
  return { events, state: newState, append };
}

/** A stream's state now, for a look-up before deciding (STYLE §4): read and fold, nothing else. */
export async function readState<Event extends DomainEvent, State>(
  store: Pick<EventStore, 'readStream'>,
  stream: string,
  decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
): Promise<State> {
  return fold(decider, (await store.readStream(stream)).map(toDomainEvent) as Event[]);
}

export function toDomainEvent(event: RecordedEvent): DomainEvent {
  return { type: event.type, data: event.data };
}
