import { Decider, DomainError, DomainErrorKind, DomainEvent, fold } from '@kinerja/domain';

/** Given / when / then over a decider (STYLE §3); for unit specs only. */
export function deciderSpec<Command, Event extends DomainEvent, State>(decider: Decider<Command, Event, State>) {
  return {
    given: (...events: Event[]) => ({
      when: (command: Command) => {
        const run = () => decider.decide(command, fold(decider, events));
        return {
          then: (expected: Event[]) => expect(run()).toEqual(expected),
          thenNothing: () => expect(run()).toEqual([]),
          events: run,
          thenThrows: (kind: DomainErrorKind, code: string): DomainError => {
            let error: unknown;
            try {
              run();
            } catch (e) {
              error = e;
            }
            expect(error).toBeInstanceOf(DomainError);
            const domainError = error as DomainError;
            expect({ kind: domainError.kind, code: domainError.code }).toEqual({ kind, code });
            return domainError;
          },
        };
      },
    }),
  };
}
