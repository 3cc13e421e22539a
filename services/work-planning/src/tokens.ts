/** Injection token of the service's EventStore (an interface, so it needs one). */
export const EVENT_STORE = Symbol('EVENT_STORE');

/** The validated WorkPlanningConfig. */
export const WORK_PLANNING_CONFIG = Symbol('WORK_PLANNING_CONFIG');
