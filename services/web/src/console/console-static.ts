import { createReadStream, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';

/** The console's build folder (vite build), unless CONSOLE_DIR says otherwise. */
export const DEFAULT_CONSOLE_DIR = resolve(__dirname, '../../console/dist');

/** Paths the console never owns: the API, sign-in, the citizens' pages, printed documents and their verification, and the service's own endpoints. */
const NOT_CONSOLE = /^\/(api|auth|health|metrics|docs|docs-json|layanan|dokumen|verifikasi)(\/|$|\?)/;

/** Whether the console's page is what the web service serves at this path (a page of its own: a deep link or a reload). */
export const consoleOwns = (urlPath: string): boolean => !NOT_CONSOLE.test(urlPath);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self'",
  "script-src 'self'",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

function fileOf(dir: string, urlPath: string): { path: string; size: number } | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const path = resolve(dir, `.${decoded}`);
  if (path !== dir && !path.startsWith(dir + sep)) return undefined;
  try {
    const stat = statSync(path);
    return stat.isFile() ? { path, size: stat.size } : undefined;
  } catch {
    return undefined;
  }
}

function send(req: IncomingMessage, res: ServerResponse, file: { path: string; size: number }, cacheControl: string): void {
  res.statusCode = 200;
  res.setHeader('content-type', TYPES[extname(file.path)] ?? 'application/octet-stream');
  res.setHeader('content-length', file.size);
  res.setHeader('cache-control', cacheControl);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'same-origin');
  res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file.path).pipe(res);
}

/** index.html as last read, kept while its file is unchanged. */
let indexCache: { path: string; mtimeMs: number; html: string } | undefined;
function indexHtml(path: string): string {
  const { mtimeMs } = statSync(path);
  if (indexCache?.path !== path || indexCache.mtimeMs !== mtimeMs) indexCache = { path, mtimeMs, html: readFileSync(path, 'utf8') };
  return indexCache.html;
}

/** The id of the element in which index.html carries the session (session.tsx reads it). */
export const SESSION_ELEMENT_ID = 'kinerja-session';

/**
 * index.html with the session view in a JSON data block before `</head>`: the console need not ask
 * GET /auth/session before it can show the page. Not a script that runs (the CSP allows none inline);
 * `<` escaped so that no value can close the element. Never cached: it carries the CSRF token.
 */
function sendIndexWithSession(req: IncomingMessage, res: ServerResponse, path: string, view: unknown): void {
  const json = JSON.stringify(view).replace(/</g, '\\u003c');
  const html = indexHtml(path).replace('</head>', `<script type="application/json" id="${SESSION_ELEMENT_ID}">${json}</script></head>`);
  const body = Buffer.from(html, 'utf8');
  res.statusCode = 200;
  res.setHeader('content-type', TYPES['.html']);
  res.setHeader('content-length', body.length);
  res.setHeader('cache-control', 'no-store');
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'same-origin');
  res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
  res.end(req.method === 'HEAD' ? undefined : body);
}

/**
 * The single-page console: hashed assets cached for a year, every other GET of a console path
 * answered with index.html (the client-side router takes it from there), carrying the session when
 * the request has one (`sessionOf`).
 */
export function consoleMiddleware(dirOption: string, sessionOf: (req: IncomingMessage) => Promise<unknown> = async () => undefined) {
  const dir = resolve(dirOption);
  return (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void => {
    const urlPath = (req.url ?? '/').split('?')[0];
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !consoleOwns(urlPath)) return next();
    const asset = urlPath === '/' ? undefined : fileOf(dir, urlPath);
    if (asset) return send(req, res, asset, urlPath.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    const index = fileOf(dir, '/index.html');
    if (!index) {
      res.statusCode = 503;
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      return void res.end('Konsol belum dibangun: jalankan `npm start` (membangunnya otomatis) atau `npm run build:console`.');
    }
    sessionOf(req).then((view) => (view === undefined ? send(req, res, index, 'no-cache') : sendIndexWithSession(req, res, index.path, view)), next);
  };
}
