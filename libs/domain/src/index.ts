export * from './command';
export * from './decider';
export * from './domain-error';
export * from './projection';
export * from './csv';
export * from './local-date';
export * from './in-parallel';
export * from './pick';
