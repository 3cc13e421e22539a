/**
 * Some of the event ids of an append are already stored, but not as this very append (a retry of a
 * stored append is a no-op instead: see the adapters' idempotency note). Maps to HTTP 409.
 */
export class DuplicateEventIdError extends Error {
  readonly code = 'DUPLICATE_EVENT_ID';
  constructor(
    readonly stream: string,
    /** The ids of the append that were already stored. */
    readonly ids: string[],
  ) {
    super(`Stream ${stream}: event id(s) ${ids.join(', ')} already stored elsewhere or in part`);
    this.name = 'DuplicateEventIdError';
  }
}
