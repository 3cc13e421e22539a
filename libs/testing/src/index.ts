export * from './test-database';
export * from './kafka';
