/** Injection tokens of things that are interfaces or plain values. */
export const EVENT_STORE = Symbol('EVENT_STORE');
export const FEEDBACK_INTAKE_CONFIG = Symbol('FEEDBACK_INTAKE_CONFIG');
