export * from './test-database';
export * from './kafka';
export * from './keycloak';
export * from './service-harness';
export * from './decider-spec';
export * from './wait';
export * from './permission-matrix';
export * from './smtp-sink';
