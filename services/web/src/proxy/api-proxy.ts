import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { CORRELATION_HEADER, currentContext, Logger } from '@kinerja/platform';
import { ROLE_HEADER } from '../auth/authority';
import { grantKey } from '../auth/grants';
import { API_SERVICES, ApiService } from '../config';
import { csrfSatisfied, WebRequest } from '../session/session.middleware';
import { SessionData, SessionStore } from '../session/session.store';

/** Request headers passed on to a service; everything else (cookies above all) stays here. */
const FORWARDED_REQUEST = ['accept', 'accept-language', 'content-type', 'traceparent'];
/** Response headers passed back to the browser. */
const FORWARDED_RESPONSE = ['content-type', 'content-disposition', 'cache-control', 'etag', 'last-modified', 'location'];

export interface ProxyOptions {
  store: SessionStore;
  urls: Record<ApiService, string>;
  accessToken(data: SessionData): Promise<string | undefined>;
  logger: Logger;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.end(JSON.stringify(body));
}

export const SESSION_REQUIRED = { statusCode: 401, code: 'SESSION_REQUIRED', message: 'Sesi Anda telah berakhir; silakan masuk kembali.' };
export const CSRF_INVALID = { statusCode: 403, code: 'CSRF_TOKEN_INVALID', message: 'Permintaan ditolak: token keamanan (CSRF) tidak ada atau tidak cocok. Muat ulang halaman.' };

/**
 * `/api/<service>/<path>` → the service, with the person's access token and active role; bodies
 * stream both ways untouched (evidence uploads). 401 when the session is gone or its token cannot
 * be renewed: the console then returns to sign-in.
 */
export function apiProxy(options: ProxyOptions) {
  return (req: WebRequest, res: ServerResponse, next: () => void): void => {
    const match = /^\/api\/([a-z-]+)(\/[^?#]*)?(\?.*)?$/.exec(req.url ?? '');
    if (!match) return next();
    void forward(req, res, match, options).catch((error: unknown) => {
      options.logger.error({ err: error }, 'proxy failed');
      if (!res.headersSent) sendJson(res, 502, { statusCode: 502, code: 'SERVICE_UNAVAILABLE', message: 'Layanan sedang tidak dapat dihubungi; coba lagi sebentar lagi.' });
      else res.destroy();
    });
  };
}

async function forward(req: WebRequest, res: ServerResponse, match: RegExpExecArray, options: ProxyOptions): Promise<void> {
  const [, service, path = '/', query = ''] = match;
  if (!(API_SERVICES as readonly string[]).includes(service)) {
    return sendJson(res, 404, { statusCode: 404, code: 'SERVICE_UNKNOWN', message: `Layanan '${service}' tidak dikenal.` });
  }
  const session = req.kinerjaSession;
  if (!session?.data.user || !session.data.active) return sendJson(res, 401, SESSION_REQUIRED);
  if (!csrfSatisfied(req)) return sendJson(res, 403, CSRF_INVALID);
  const before = session.data.tokens?.access;
  const token = await options.accessToken(session.data);
  if (!token) {
    await options.store.destroy(session.id);
    return sendJson(res, 401, SESSION_REQUIRED);
  }
  if (token !== before) await options.store.save(session);

  const headers: Record<string, string> = { authorization: `Bearer ${token}`, [ROLE_HEADER]: grantKey(session.data.active) };
  for (const name of FORWARDED_REQUEST) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  const context = currentContext();
  if (context) headers[CORRELATION_HEADER] = context.correlationId;
  const hasBody = !['GET', 'HEAD'].includes(req.method ?? 'GET');
  const upstream = await fetch(`${options.urls[service as ApiService]}${path}${query}`, {
    method: req.method,
    headers,
    ...(hasBody ? { body: Readable.toWeb(req), duplex: 'half' } : {}),
    redirect: 'manual',
  } as RequestInit);
  res.statusCode = upstream.status;
  for (const name of FORWARDED_RESPONSE) {
    const value = upstream.headers.get(name);
    if (value !== null) res.setHeader(name, value);
  }
  if (!upstream.headers.has('cache-control')) res.setHeader('cache-control', 'no-store');
  if (!upstream.body) return void res.end();
  await new Promise<void>((resolve, reject) => {
    Readable.fromWeb(upstream.body as never)
      .on('error', reject)
      .pipe(res)
      .on('finish', resolve)
      .on('error', reject);
  });
}
