export const WEB_CONFIG = Symbol('WEB_CONFIG');
export const SESSION_STORE = Symbol('SESSION_STORE');
export const AUTHORITY = Symbol('AUTHORITY');
export const DOCUMENTS = Symbol('DOCUMENTS');
