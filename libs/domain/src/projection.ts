import { DomainEvent } from './decider';

/**
 * An event as the store recorded it, as a projection sees it. Structurally the event store's
 * `RecordedEvent` narrowed to the domain event union `E` (this lib cannot depend on the store).
 */
export type Recorded<E extends DomainEvent = DomainEvent> = E & {
  readonly id: string;
  readonly stream: string;
  readonly revision: number;
  /** The store's opaque checkpoint of this event. */
  readonly position: string;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly recordedAt: Date;
};

/**
 * The pure half of a read model (docs/design.md §5): rows keyed by a string, each row the fold of the
 * events that name its key. Lives in a `*.projection.ts` file and imports no framework; the lib
 * `@kinerja/projections` binds it to a table with `defineReadModel`.
 *
 * After a crash the uncommitted batch is redone from the last committed rows, and a rebuild replays
 * everything, so `keys` and `evolve` must be pure functions of their arguments: no clock, no
 * randomness, no I/O.
 */
export interface Projection<Row, E extends DomainEvent = DomainEvent> {
  /** Stable name; the runner stores the checkpoint under it. Renaming means a rebuild. */
  readonly name: string;
  /** Event types this projection reads; every other event is skipped. */
  readonly handles: readonly E['type'][];
  /** The keys of the rows this event changes (may be empty, may be several). */
  keys(event: Recorded<E>): readonly string[];
  /**
   * The row after the event. `row` is null when no row has this key; return null to delete the row,
   * or the same `row` object to leave it unchanged. A returned row carries `key` in its key column.
   */
  evolve(row: Row | null, event: Recorded<E>, key: string): Row | null;
}

/**
 * Applies events to rows in memory, the way the runner does against the table. `rows` (key → row,
 * null = no row) is updated in place and returned. Useful to unit-test a projection without a database.
 */
export function project<Row, E extends DomainEvent>(
  projection: Projection<Row, E>,
  events: readonly Recorded<DomainEvent>[],
  rows: Map<string, Row | null> = new Map(),
): Map<string, Row | null> {
  const handles = new Set<string>(projection.handles);
  for (const event of events) {
    if (!handles.has(event.type)) continue;
    const recorded = event as Recorded<E>;
    for (const key of new Set(projection.keys(recorded))) {
      rows.set(key, projection.evolve(rows.get(key) ?? null, recorded, key));
    }
  }
  return rows;
}
