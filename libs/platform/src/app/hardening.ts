import { timingSafeEqual, createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * HTTP hardening every service gets from createServiceApp (issue 15 §hardening), as plain
 * middleware so it runs before Nest's body parsers, guards and handlers.
 */

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/** The API answers JSON only: no script, frame or plugin may run from it. /docs needs Swagger UI's own. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
const DOCS_CSP = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'";

const isDocs = (path: string) => path === '/docs' || path.startsWith('/docs/') || path.startsWith('/docs-');

/**
 * Helmet's defaults that matter for a JSON API, and `Cache-Control: no-store` on every answer
 * (they carry personal data; a handler or static file server may set its own afterwards).
 */
export function securityHeaders(): Middleware {
  return (req, res, next) => {
    const path = (req.url ?? '').split('?')[0];
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('x-frame-options', 'DENY');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('cross-origin-opener-policy', 'same-origin');
    res.setHeader('cross-origin-resource-policy', 'same-origin');
    res.setHeader('strict-transport-security', 'max-age=15552000; includeSubDomains');
    res.setHeader('x-permitted-cross-domain-policies', 'none');
    res.setHeader('content-security-policy', isDocs(path) ? DOCS_CSP : API_CSP);
    res.setHeader('cache-control', 'no-store');
    next();
  };
}

/**
 * Why a path or query is refused before any handler, or null: an undecodable escape, a control
 * character (`%00`), or a segment that decodes to a relative path (`..%2Fx`, `.`). An encoded
 * slash alone stays allowed (decision numbers such as `KP/2023/001`).
 */
export function badRequestTarget(url: string): string | null {
  const [path, query = ''] = splitOnce(url, '?');
  for (const segment of path.split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return 'path';
    }
    if (/[\u0000-\u001f\u007f]/.test(decoded)) return 'path';
    if (decoded !== segment && decoded.split(/[\\/]/).some((part) => part === '.' || part === '..')) return 'path';
  }
  if (query !== '') {
    let decoded: string;
    try {
      decoded = decodeURIComponent(query.replace(/\+/g, ' '));
    } catch {
      return 'query';
    }
    if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(decoded)) return 'query';
  }
  return null;
}

function splitOnce(text: string, separator: string): [string, string?] {
  const at = text.indexOf(separator);
  return at < 0 ? [text] : [text.slice(0, at), text.slice(at + 1)];
}

/** 400 naming the part of the address (`path` or `query`) for a bad request target. */
export function requestTargetFilter(): Middleware {
  return (req, res, next) => {
    const bad = badRequestTarget(req.url ?? '');
    if (bad === null) return next();
    res.statusCode = 400;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(
      JSON.stringify({
        statusCode: 400,
        code: 'INVALID_REQUEST_TARGET',
        message: bad === 'path' ? 'Alamat permintaan memuat penanda yang tidak valid.' : 'Parameter permintaan memuat karakter yang tidak valid.',
        field: bad,
        errors: [{ field: bad, code: 'INVALID_REQUEST_TARGET', message: 'Karakter kendali, escape yang salah, atau segmen relatif (..) tidak diizinkan.' }],
      }),
    );
  };
}

/** The operational endpoints an OPS_TOKEN protects and OPS_PORT moves to its own listener; `/health` (liveness) stays open. */
export const OPS_PATHS = ['/metrics', '/docs', '/docs-json', '/docs-yaml', '/health/ready'];

const isOpsPath = (path: string) => OPS_PATHS.some((ops) => path === ops || path.startsWith(`${ops}/`)) || isDocs(path);

/** With a token configured, `/metrics`, `/docs` and `/health/ready` need `Authorization: Bearer <token>`. */
export function opsEndpointGuard(token: string | undefined): Middleware {
  const expected = token ? createHash('sha256').update(token).digest() : null;
  return (req, res, next) => {
    if (expected === null) return next();
    const path = (req.url ?? '').split('?')[0];
    if (!isOpsPath(path)) return next();
    const given = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
    if (given !== undefined && timingSafeEqual(createHash('sha256').update(given).digest(), expected)) return next();
    res.statusCode = 401;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.setHeader('www-authenticate', 'Bearer realm="kinerja-ops"');
    res.end(JSON.stringify({ statusCode: 401, code: 'OPS_TOKEN_REQUIRED', message: 'Titik akhir operasional ini memerlukan token operasi.' }));
  };
}

/** Set on a request that came in through the ops listener (OPS_PORT). */
export const OPS_LISTENER = Symbol('kinerja.opsListener');

/** Whether the request came in through the ops listener. */
export const viaOpsListener = (req: IncomingMessage): boolean => (req as IncomingMessage & { [OPS_LISTENER]?: boolean })[OPS_LISTENER] === true;

/** Liveness: open on both listeners. */
const isLiveness = (path: string) => path === '/health' || path === '/health/';

/**
 * With OPS_PORT configured, the two listeners serve disjoint things: `/metrics`, `/docs`,
 * `/docs-json` and `/health/ready` only on the ops listener, everything else only on the public
 * one, `/health` on both. What a listener does not serve is 404, as an unknown route is.
 */
export function opsListenerSplit(enabled: boolean): Middleware {
  return (req, res, next) => {
    if (!enabled) return next();
    const path = (req.url ?? '').split('?')[0];
    if (isLiveness(path)) return next();
    if (isOpsPath(path) === viaOpsListener(req)) return next();
    res.statusCode = 404;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(JSON.stringify({ statusCode: 404, code: 'NOT_FOUND', message: 'Sumber daya tidak ditemukan.' }));
  };
}

/**
 * A request path as it may be logged: secrets that travel in paths (a complaint's tracking code,
 * a token) are replaced by `[redacted]`, and so is the query string of such a path.
 */
export function redactPath(path: string): string {
  return path
    .replace(/(\/public\/complaints\/)[^/?#]+/gi, '$1[redacted]')
    .replace(/([?&](?:code|token|trackingCode|tracking_code|access_token|id_token|secret)=)[^&#]*/gi, '$1[redacted]');
}
