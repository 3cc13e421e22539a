import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readCookie } from '../session/session.middleware';

export const FORM_COOKIE = 'kinerja_form';
export const FORM_FIELD = '_csrf';

/**
 * CSRF protection of the citizens' forms, without a session or a database round trip: a signed
 * double-submit token (OWASP). A random value lives in an HttpOnly SameSite=Lax cookie scoped to
 * /layanan; each form carries HMAC(secret, that value) in a hidden field. A POST is accepted only
 * with both, matching, and — when the browser says where it comes from — from this origin.
 */
export class FormProtection {
  private readonly key: Buffer;

  constructor(
    secret: Buffer,
    private readonly origin: string,
  ) {
    this.key = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'kinerja citizens forms', 32));
  }

  /** The token for this browser's forms; sets the cookie on the first visit. */
  tokenFor(req: IncomingMessage, res: ServerResponse): string {
    let value = readCookie(req, FORM_COOKIE);
    if (!value || !/^[A-Za-z0-9_-]{43}$/.test(value)) {
      value = randomBytes(32).toString('base64url');
      const secure = this.origin.startsWith('https:') ? '; Secure' : '';
      res.appendHeader('set-cookie', `${FORM_COOKIE}=${value}; Path=/layanan; HttpOnly; SameSite=Lax${secure}`);
    }
    return this.sign(value);
  }

  /** Whether a POST comes from one of our forms in this browser. */
  accepts(req: IncomingMessage, given: unknown): boolean {
    const origin = req.headers.origin;
    if (typeof origin === 'string' && origin !== 'null' && origin !== this.origin && origin !== hostOrigin(req)) return false;
    if (req.headers['sec-fetch-site'] === 'cross-site') return false;
    const value = readCookie(req, FORM_COOKIE);
    if (!value || typeof given !== 'string') return false;
    const expected = Buffer.from(this.sign(value));
    const actual = Buffer.from(given);
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }

  private sign(value: string): string {
    return createHmac('sha256', this.key).update(value).digest('base64url');
  }
}

/** The origin the request was addressed to (behind no proxy, where PUBLIC_URL is left at its default). */
function hostOrigin(req: IncomingMessage): string | undefined {
  const host = req.headers.host;
  return host ? `http://${host}` : undefined;
}
