import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Session, SessionStore } from './session.store';

export const SESSION_COOKIE = 'kinerja_session';
export const CSRF_HEADER = 'x-csrf-token';

export interface WebRequest extends IncomingMessage {
  kinerjaSession?: Session;
}

export interface CookieOptions {
  secure: boolean;
  /** Seconds; the cookie outlives no session (the store decides when one ends). */
  maxAge: number;
}

export function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

export function setSessionCookie(res: ServerResponse, id: string, options: CookieOptions): void {
  const attributes = [`${SESSION_COOKIE}=${id}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${options.maxAge}`];
  if (options.secure) attributes.push('Secure');
  res.setHeader('set-cookie', attributes.join('; '));
}

export function clearSessionCookie(res: ServerResponse, options: Pick<CookieOptions, 'secure'>): void {
  res.setHeader('set-cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${options.secure ? '; Secure' : ''}`);
}

/** Sign-in, the API and printing use the session here; the console's page reads it itself (console-static), its assets never. */
const SESSION_PATHS = /^\/(api|auth|dokumen)\//;

/** Express middleware: the session named by the cookie, if it is still valid, on `req.kinerjaSession`. */
export function sessionMiddleware(store: SessionStore) {
  return (req: WebRequest, _res: ServerResponse, next: (error?: unknown) => void): void => {
    if (!SESSION_PATHS.test(req.url ?? '')) return next();
    sessionOfRequest(store, req).then((session) => {
      if (session) req.kinerjaSession = session;
      next();
    }, next);
  };
}

/** The still valid session named by the request's cookie, if any (also for the console's page, console-static). */
export async function sessionOfRequest(store: SessionStore, req: IncomingMessage): Promise<Session | undefined> {
  const id = readCookie(req, SESSION_COOKIE);
  if (!id || !/^[A-Za-z0-9_-]{43}$/.test(id)) return undefined;
  return (await store.find(id)) ?? undefined;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** An unsafe request must carry the session's synchronizer token (SameSite=Lax alone lets top-level POSTs through). */
export function csrfSatisfied(req: WebRequest): boolean {
  if (!UNSAFE.has(req.method ?? 'GET')) return true;
  const expected = req.kinerjaSession?.data.csrf;
  const given = req.headers[CSRF_HEADER];
  if (!expected || typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
