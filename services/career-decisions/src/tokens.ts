/** Injection tokens of interfaces and plain values. */
export const EVENT_STORE = Symbol('EVENT_STORE');
export const CAREER_CONFIG = Symbol('CAREER_CONFIG');
