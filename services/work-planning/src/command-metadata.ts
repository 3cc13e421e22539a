/** Who issues a command, as the edge authenticated them. */
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
