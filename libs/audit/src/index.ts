export * from './merkle';
export * from './signing';
export * from './findings';
export * from './anchor';
export * from './anchorer';
export * from './anchor-publication';
export * from './digest';
export * from './replay';
