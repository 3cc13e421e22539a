export * from './event-store.port';
export * from './handle';
export * from './errors';
export * from './hashing';
export { prepareEvents, canonicalJson } from './validation';
export type { PreparedEvent } from './validation';
export {
  createPostgresEventStore,
  toCheckpoint as toPostgresCheckpoint,
  parseCheckpoint as parsePostgresCheckpoint,
} from './postgres/postgres-event-store';
export type {
  PostgresEventStore,
  PostgresEventStoreOptions,
  PostgresAppendOptions,
  BeforeCommitHook,
  EventRow as PostgresEventRow,
} from './postgres/postgres-event-store';
export { guardPool, guardClient, guardDataSourcePool, isConnectionError } from './postgres/connections';
export * from './testing/event-store.contract';
export { uuidv7 } from './validation';
export {
  createEventStoreDbStore,
  EventStoreDbStore,
  CHAIN_METADATA_KEY,
  toCheckpoint as toEventStoreDbCheckpoint,
  parseCheckpoint as parseEventStoreDbCheckpoint,
} from './eventstoredb/eventstoredb-event-store';
export type { EventStoreDbStoreOptions } from './eventstoredb/eventstoredb-event-store';
