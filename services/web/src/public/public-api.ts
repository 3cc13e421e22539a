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

/** How long a read shared by every citizen is kept (PublicApi.shared), and how many are kept at most. */
const SHARED_TTL_MS = 30_000;
const SHARED_MAX_ENTRIES = 2_000;

/** Thrown when feedback-intake cannot be reached or answers 5xx: the page says so, never a stack trace. */
export class PublicApiUnavailable extends Error {}

/** Thrown where a read was refused by feedback-intake's limits (429): the page gives its message and wait. */
export class PublicApiLimited extends Error {
  constructor(readonly answer: ApiAnswer<ApiError>) {
    super(`feedback-intake answered 429: ${answer.body.message ?? ''}`);
  }
}

/**
 * feedback-intake's citizens' API (`/public/...`, no account), called on the citizen's behalf.
 * The citizen's address as this service sees it (Express's `req.ip`: TRUSTED_PROXIES of the web
 * service decide it) travels as the only X-Forwarded-For hop, and feedback-intake trusts this
 * service as a proxy (its TRUSTED_PROXIES), so its rate limits count per citizen, not per web server.
 */
export class PublicApi {
  private readonly sharedAnswers = new Map<string, { at: number; answer: ApiAnswer<unknown> }>();

  constructor(
    private readonly baseUrl: string,
    private readonly sharedTtlMs = SHARED_TTL_MS,
  ) {}

  get<T>(req: IncomingMessage, path: string): Promise<ApiAnswer<T>> {
    return this.call<T>(req, 'GET', path);
  }

  /**
   * A read that is the same for every citizen and changes rarely (a unit of the directory, the
   * complaint categories): kept for `sharedTtlMs`, and served as last read when feedback-intake
   * refuses (its per-address limit) or fails. Why: every page renders from a few such reads beside
   * the citizen's own request, and each counts against the citizen's address; uncached, a citizen
   * filing a complaint and following it was refused after a handful of pages, and a refusal of the
   * unit read behind a form lost what they had typed.
   */
  async shared<T>(req: IncomingMessage, path: string): Promise<ApiAnswer<T>> {
    const now = Date.now();
    const kept = this.sharedAnswers.get(path) as { at: number; answer: ApiAnswer<T> } | undefined;
    if (kept && now - kept.at < this.sharedTtlMs) return kept.answer;
    let answer: ApiAnswer<T>;
    try {
      answer = await this.call<T>(req, 'GET', path);
    } catch (error) {
      if (kept && error instanceof PublicApiUnavailable) return kept.answer;
      throw error;
    }
    if (answer.status === 200) {
      if (this.sharedAnswers.size >= SHARED_MAX_ENTRIES) this.sharedAnswers.delete(this.sharedAnswers.keys().next().value!);
      this.sharedAnswers.delete(path);
      this.sharedAnswers.set(path, { at: now, answer });
      return answer;
    }
    if (answer.status === 429 && kept) return kept.answer;
    this.sharedAnswers.delete(path);
    return answer;
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
