export * from './read-model';
export * from './projection-runner';
export * from './data-source';
export { CHECKPOINTS_TABLE, CreateProjectionCheckpoints1763800000000 } from './checkpoints.migration';
