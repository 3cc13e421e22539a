import createClient, { type Middleware } from 'openapi-fetch';
import type { paths as CareerDecisions } from './generated/career-decisions';
import type { paths as Evaluation } from './generated/evaluation';
import type { paths as FeedbackIntake } from './generated/feedback-intake';
import type { paths as WorkPlanning } from './generated/work-planning';

let csrfToken = '';

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

export function csrfHeaders(): Record<string, string> {
  return { 'x-csrf-token': csrfToken };
}

/**
 * Where the console sends someone who is not signed in: sign-in, then back to this page. From the
 * start page (where sign-in leads anyway, and where a first visit begins) no return is named, so
 * sign-in does not speak of a session that ended.
 */
export function signInUrl(returnTo = window.location.pathname + window.location.search): string {
  return returnTo === '/' || returnTo === '' ? '/masuk' : `/masuk?kembali=${encodeURIComponent(returnTo)}`;
}

const session: Middleware = {
  onRequest({ request }) {
    // A read whose address lacks a parameter not known yet (a city-wide page's agency before the
    // list of agencies is there: `/agencies//periods`) waits for the read asked once it is known,
    // instead of asking the service for an address it does not have (a 404 shown as an error).
    if (request.method === 'GET' && new URL(request.url).pathname.includes('//')) return new Promise<Response>(() => undefined);
    if (request.method !== 'GET' && request.method !== 'HEAD') request.headers.set('x-csrf-token', csrfToken);
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401 && !window.location.pathname.startsWith('/masuk')) window.location.assign(signInUrl());
    return response;
  },
};

function clientFor<Paths extends object>(service: string) {
  const client = createClient<Paths>({ baseUrl: `${window.location.origin}/api/${service}` });
  client.use(session);
  return client;
}

/** The four services through the web service (the client is generated from their OpenAPI documents). */
export const api = {
  workPlanning: clientFor<WorkPlanning>('work-planning'),
  feedbackIntake: clientFor<FeedbackIntake>('feedback-intake'),
  evaluation: clientFor<Evaluation>('evaluation'),
  careerDecisions: clientFor<CareerDecisions>('career-decisions'),
};

/** The shared error body of every service (`message` in Bahasa Indonesia). */
export interface ApiError {
  statusCode: number;
  code: string;
  message: string;
  field?: string;
  errors?: { field: string; code: string; message: string }[];
}

/** What became of a command: done, stored but not yet visible (202), or refused. */
export type Outcome<T> =
  | { kind: 'done'; data: T }
  | { kind: 'pending'; message: string }
  | { kind: 'conflict'; error: ApiError }
  | { kind: 'error'; error: ApiError };

export function outcomeOf<T>(result: { data?: unknown; error?: unknown; response: Response }): Outcome<T> {
  const { response } = result;
  if (response.status === 202) return { kind: 'pending', message: (result.data as ApiError | undefined)?.message ?? '' };
  if (response.ok) return { kind: 'done', data: result.data as T };
  const error = (result.error as ApiError | undefined) ?? { statusCode: response.status, code: 'HTTP_' + response.status, message: '' };
  return response.status === 409 ? { kind: 'conflict', error } : { kind: 'error', error };
}

/** Field → message, from a 400's `errors` (the field path as the service names it). */
export function fieldErrors(outcome: Outcome<unknown> | null): Record<string, string> {
  if (!outcome || outcome.kind !== 'error') return {};
  const out: Record<string, string> = {};
  for (const e of outcome.error.errors ?? []) out[e.field] ??= e.message;
  if (outcome.error.field && !out[outcome.error.field]) out[outcome.error.field] = outcome.error.message;
  return out;
}
