import type { IncomingMessage } from 'node:http';
import { CORRELATION_HEADER, currentContext } from '@kinerja/platform';

/** What feedback-intake answered: the status and the JSON body (an error has `code`, `message`, maybe `field`). */
export interface ApiAnswer<T> {
  status: number;
  body: T;
  retryAfter?: string;
}

export interface ApiError {
  code?: string;
  message?: string;
  field?: string;
}

export interface PublicUnit {
  unitId: string;
  agencyId: string;
  agencyName: string | null;
  name: string;
  services: string | null;
  counterIds: string[];
}

export interface IkmPeriod {
  unitId: string;
  periodId: string;
  status: 'OPEN' | 'COMPUTED' | 'NOT_COMPUTED';
  ikm: string | null;
  grade: string | null;
  label: string | null;
  respondentCount: number | null;
  computedAt: string | null;
}

export interface ComplaintCategory {
  category: string;
  label: string;
  slaWorkingDays: number;
}

export interface ComplaintStatus {
  status: string;
  category: string;
  unitId: string;
  receivedAt: string;
  sla: { dueOn: string; dueAt: string };
  resolution: string | null;
  rejectionReason: string | null;
  closedAt: string | null;
  contactErased: boolean;
}

/** Thrown when feedback-intake cannot be reached or answers 5xx: the page says so, never a stack trace. */
export class PublicApiUnavailable extends Error {}

/**
 * feedback-intake's citizens' API (`/public/...`, no account), called on the citizen's behalf.
 * The citizen's address as this service sees it (Express's `req.ip`: TRUSTED_PROXIES of the web
 * service decide it) travels as the only X-Forwarded-For hop, and feedback-intake trusts this
 * service as a proxy (its TRUSTED_PROXIES), so its rate limits count per citizen, not per web server.
 */
export class PublicApi {
  constructor(private readonly baseUrl: string) {}

  get<T>(req: IncomingMessage, path: string): Promise<ApiAnswer<T>> {
    return this.call<T>(req, 'GET', path);
  }

  /** `proof`: the browser's proof-of-work solution (the form's `altcha` field), sent on as `x-altcha`. */
  post<T>(req: IncomingMessage, path: string, body: unknown, proof?: string): Promise<ApiAnswer<T>> {
    return this.call<T>(req, 'POST', path, body, proof);
  }

  private async call<T>(req: IncomingMessage, method: string, path: string, body?: unknown, proof?: string): Promise<ApiAnswer<T>> {
    const headers: Record<string, string> = { accept: 'application/json', 'x-forwarded-for': clientAddress(req) };
    if (proof) headers['x-altcha'] = proof;
    const correlation = currentContext()?.correlationId;
    if (correlation) headers[CORRELATION_HEADER] = correlation;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(15_000) });
    } catch (error) {
      throw new PublicApiUnavailable(`feedback-intake unreachable: ${String(error)}`);
    }
    if (res.status >= 500) throw new PublicApiUnavailable(`feedback-intake answered ${res.status}`);
    const retryAfter = res.headers.get('retry-after') ?? undefined;
    return { status: res.status, body: (await res.json().catch(() => ({}))) as T, ...(retryAfter ? { retryAfter } : {}) };
  }
}

/** The citizen's address: Express's `req.ip` (after the web service's own trusted proxies), else the socket's. */
export function clientAddress(req: IncomingMessage): string {
  return (req as IncomingMessage & { ip?: string }).ip ?? req.socket.remoteAddress ?? '0.0.0.0';
}
