import { CommandActor, Decider, DomainError, DomainErrorKind, DomainEvent, fold } from '@kinerja/domain';

/**
 * Given / when / then over a decider (STYLE §3); for unit specs only. Every decider spec uses it:
 * `given(...events).when(command).then([...])`, `.thenNothing()`, `.thenTypes([...])`,
 * `.thenThrows(kind, code)` (returns the error, e.g. to check its `field`), `.error()` (the refusal,
 * whatever its code) or `.events()`; `given(...events).state` is the folded state.
 */
export function deciderSpec<Command, Event extends DomainEvent, State>(decider: Decider<Command, Event, State>) {
  return {
    given: (...events: Event[]) => {
      const state = fold(decider, events);
      return {
        state,
        when: (command: Command) => {
          const run = () => decider.decide(command, state);
          const refusal = (): DomainError => {
            let error: unknown;
            try {
              run();
            } catch (e) {
              error = e;
            }
            expect(error).toBeInstanceOf(DomainError);
            return error as DomainError;
          };
          return {
            then: (expected: Event[]) => expect(run()).toEqual(expected),
            thenNothing: () => expect(run()).toEqual([]),
            /** Only the types of the events, in order; returns the events for further checks. */
            thenTypes: (types: Event['type'][]): Event[] => {
              const events = run();
              expect(events.map((e) => e.type)).toEqual(types);
              return events;
            },
            events: run,
            error: refusal,
            thenThrows: (kind: DomainErrorKind, code: string): DomainError => {
              const domainError = refusal();
              expect({ kind: domainError.kind, code: domainError.code }).toEqual({ kind, code });
              return domainError;
            },
          };
        },
      };
    },
  };
}

/** A command's actor in a spec: `actorFor(NIP)`, `actorFor('bkpsdm', 'ADMIN_CITY')`. */
export const actorFor = (id: string, role = 'EMPLOYEE', agencyId?: string): CommandActor => ({ id, role, ...(agencyId ? { agencyId } : {}) });
