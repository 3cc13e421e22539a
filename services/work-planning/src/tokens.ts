/** Injection token of the service's EventStore (an interface, so it needs one). */
export const EVENT_STORE = Symbol('EVENT_STORE');
