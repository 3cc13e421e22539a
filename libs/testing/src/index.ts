export * from './test-database';
export * from './kafka';
export * from './service-harness';
