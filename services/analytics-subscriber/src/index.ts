export * from './config';
export * from './log';
export * from './message';
export * from './schema';
export * from './stats';
export * from './subscriber';
