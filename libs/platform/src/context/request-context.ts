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
