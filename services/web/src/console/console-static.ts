import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';

/** The console's build folder (vite build), unless CONSOLE_DIR says otherwise. */
export const DEFAULT_CONSOLE_DIR = resolve(__dirname, '../../console/dist');

/** Paths the console never owns: the API, sign-in, the citizens' pages, printed documents and their verification, and the service's own endpoints. */
const NOT_CONSOLE = /^\/(api|auth|health|metrics|docs|docs-json|layanan|dokumen|verifikasi)(\/|$|\?)/;

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

/**
 * The single-page console: hashed assets cached for a year, every other GET of a console path
 * answered with index.html (the client-side router takes it from there).
 */
export function consoleMiddleware(dirOption: string) {
  const dir = resolve(dirOption);
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const urlPath = (req.url ?? '/').split('?')[0];
    if ((req.method !== 'GET' && req.method !== 'HEAD') || NOT_CONSOLE.test(urlPath)) return next();
    const asset = urlPath === '/' ? undefined : fileOf(dir, urlPath);
    if (asset) return send(req, res, asset, urlPath.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    const index = fileOf(dir, '/index.html');
    if (!index) {
      res.statusCode = 503;
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      return void res.end('Konsol belum dibangun: jalankan `npm start` (membangunnya otomatis) atau `npm run build:console`.');
    }
    send(req, res, index, 'no-cache');
  };
}
