import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface RequestContext {
  /** Follows the whole flow across services (`x-correlation-id`). */
  correlationId: string;
  /** This request; the causation id of the events it causes. */
  requestId: string;
  /** W3C trace context, passed through untouched. */
  traceparent?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const CORRELATION_HEADER = 'x-correlation-id';
export const REQUEST_ID_HEADER = 'x-request-id';

/** The context of the request (or consumed message) being handled, if any. */
export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

/** Runs `fn` within a context, e.g. a consumer handling one message. */
export function runWithContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

const memos = new WeakMap<RequestContext, Map<string, Promise<unknown>>>();

/**
 * `compute` once per `key` within the current request (or consumed message): later calls share its
 * promise. A null answer or a failure is not kept (asked again next time), so "not there yet" is
 * never remembered past a write that creates it. Outside any context: computed every time. For
 * look-ups that several layers of one request make alike (the guard and the handler asking an
 * employee's agency).
 */
export function oncePerRequest<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const context = storage.getStore();
  if (!context) return compute();
  let memo = memos.get(context);
  if (!memo) memos.set(context, (memo = new Map()));
  const known = memo.get(key);
  if (known) return known as Promise<T>;
  const answer = compute();
  const kept = memo;
  kept.set(key, answer);
  answer.then(
    (value) => value === null && kept.get(key) === answer && kept.delete(key),
    () => kept.get(key) === answer && kept.delete(key),
  );
  return answer;
}

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

export function contextFromHeaders(headers: IncomingMessage['headers']): RequestContext {
  const incoming = single(headers[CORRELATION_HEADER]);
  const traceparent = single(headers.traceparent);
  return {
    correlationId: incoming && SAFE_ID.test(incoming) ? incoming : randomUUID(),
    requestId: randomUUID(),
    ...(traceparent && TRACEPARENT.test(traceparent) ? { traceparent } : {}),
  };
}

/** Express-style middleware: opens the context and echoes the ids in the response headers. */
export function requestContextMiddleware(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  const context = contextFromHeaders(req.headers);
  res.setHeader(CORRELATION_HEADER, context.correlationId);
  res.setHeader(REQUEST_ID_HEADER, context.requestId);
  if (context.traceparent) res.setHeader('traceparent', context.traceparent);
  storage.run(context, next);
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
