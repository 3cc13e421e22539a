import { Decider, DomainEvent, fold } from '@kinerja/domain';
import { AppendResult, EventMetadata, EventStore, RecordedEvent } from './event-store.port';

export interface HandleResult<Event extends DomainEvent, State> {
  events: Event[];
  state: State;
  /** Absent when the command caused no event. */
  append?: AppendResult;
}

/** A stream as read and folded: its state and the revision of its last event (null: no stream). */
export interface StreamRead<State> {
  state: State;
  revision: number | null;
}

/**
 * The edge's last step (STYLE §4): read the stream, fold, decide, append with the revision read,
 * so a concurrent writer makes this fail with WrongExpectedRevisionError (HTTP 409) and nothing is stored.
 * `read`: the same stream as the edge already read and folded it for its look-ups (`readFolded`);
 * then it is not read again, and the append expects the revision of that read, so any change since
 * the look-ups fails with 409 instead of being decided with look-ups made on an older state.
 */
export async function handle<Command, Event extends DomainEvent, State>(
  store: EventStore,
  stream: string,
  decider: Decider<Command, Event, State>,
  command: Command,
  metadata: EventMetadata = {},
  read?: StreamRead<State>,
): Promise<HandleResult<Event, State>> {
  const { state, revision } = read ?? (await readFolded(store, stream, decider));
  const events = decider.decide(command, state);
  const newState = events.reduce((s, e) => decider.evolve(s, e), state);
  if (events.length === 0) return { events, state: newState };
  const append = await store.append(
    stream,
    events.map((e) => ({ type: e.type, data: e.data, metadata })),
    { expected: revision === null ? 'no_stream' : revision },
  );
  return { events, state: newState, append };
}

/** A stream's state now, for a look-up before deciding (STYLE §4): read and fold, nothing else. */
export async function readState<Event extends DomainEvent, State>(
  store: Pick<EventStore, 'readStream'>,
  stream: string,
  decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
): Promise<State> {
  return (await readFolded(store, stream, decider)).state;
}

/** As `readState`, with the revision read: what `handle` takes to decide on the same read. */
export async function readFolded<Event extends DomainEvent, State>(
  store: Pick<EventStore, 'readStream'>,
  stream: string,
  decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
): Promise<StreamRead<State>> {
  const recorded = await store.readStream(stream);
  return {
    state: fold(decider, recorded.map(toDomainEvent) as Event[]),
    revision: recorded.length === 0 ? null : recorded[recorded.length - 1].revision,
  };
}

export function toDomainEvent(event: RecordedEvent): DomainEvent {
  return { type: event.type, data: event.data };
}
