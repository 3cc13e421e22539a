export * from './merkle';
export * from './signing';
export * from './digest';
export * from './replay';
