/** Injection tokens of interfaces and plain values. */
export const EVENT_STORE = Symbol('EVENT_STORE');
export const EVALUATION_CONFIG = Symbol('EVALUATION_CONFIG');
