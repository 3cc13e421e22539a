/**
 * Who issues a command, as the edge authenticated them. Schedulers, consumers and sagas act as
 * `{ id: 'system:<name>', role: 'SYSTEM' }`.
 */
export interface CommandActor {
  id: string;
  role: string;
  agencyId?: string;
}

/** Carried by every command: the injected clock's now (never `new Date()` in a decider) and the actor. */
export interface CommandMetadata {
  now: Date;
  actor: CommandActor;
}

/**
 * A command (STYLE §2): imperative `type`, the caller's input with the target id in `data`, and,
 * where the decider needs them, the `lookups` the edge resolved before deciding (state of other
 * streams, read models, the rule set and limits in force). The decider itself does no I/O.
 */
export type Command<Type extends string, Data, Lookups = undefined> = {
  type: Type;
  data: Data;
  metadata: CommandMetadata;
} & ([Lookups] extends [undefined] ? unknown : { lookups: Lookups });

/** The `default` of an exhaustive `evolve`: a compile error for an unhandled type, a no-op for an unknown stored one. */
export const ignoreUnknownEvent = <State>(_event: never, state: State): State => state;

/** A command before its metadata is added, member by member of a union (`type` still picks the `data`). */
export type CommandDraft<C> = C extends unknown ? Omit<C, 'metadata'> : never;
