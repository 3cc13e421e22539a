export * from './contract';
export * from './envelope';
export * from './registry';
export * from './topics';
export * from './validation';
export * from './work-planning.contracts';
export * from './evaluation.contracts';
export * from './feedback-intake.contracts';
