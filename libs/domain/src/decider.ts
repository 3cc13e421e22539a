/**
 * The decider shape every aggregate follows (STYLE §1): plain unions of commands and events,
 * pure `initialState`, `evolve` and `decide`. No framework here.
 */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
}

export interface Decider<Command, Event extends DomainEvent, State> {
  initialState(): State;
  evolve(state: State, event: Event): State;
  /** Returns the events that the command causes, or throws a DomainError. */
  decide(command: Command, state: State): Event[];
}

/** Folds events into state: what a stream says now. */
export function fold<Event extends DomainEvent, State>(
  decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
  events: readonly Event[],
): State {
  return events.reduce((state, event) => decider.evolve(state, event), decider.initialState());
}
