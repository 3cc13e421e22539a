import { LocalIssuer, Role } from '@kinerja/platform';

export class ApiError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`${method} ${path}: ${status} ${JSON.stringify(body).slice(0, 500)}`);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** About three minutes: a killed service's restart (launcher backoff, then its boot on a busy machine). */
const UNAVAILABLE_RETRIES = 40;
/** How long a service may take to learn of a person work-planning registered. */
const ACTOR_LEARNING_MS = 120_000;
const backoffMs = (failures: number) => Math.min(250 * 2 ** failures, 5_000);

/**
 * fetch's network failures: a refused connection (nothing was sent), or any other (reset, closed
 * socket: the request may have run). Not a timeout, nor an HTTP answer.
 */
function connectionFailure(error: unknown): 'refused' | 'dropped' | null {
  // By name: under Jest, fetch's TypeError comes from another realm than the test's.
  const e = error as { name?: unknown; message?: unknown; cause?: { code?: string; errors?: { code?: string }[] } } | null;
  if (e?.name !== 'TypeError' || e.message !== 'fetch failed') return null;
  const cause = e.cause;
  const codes = [cause?.code, ...(cause?.errors ?? []).map((e) => e.code)];
  return codes.includes('ECONNREFUSED') ? 'refused' : 'dropped';
}

export interface Identity {
  role: Role;
  sub: string;
  agencyId?: string;
}

export interface CallOptions {
  /** Statuses that are not an error (default 200 and 201). */
  expect?: number[];
  /** A citizen's address (feedback-intake trusts X-Forwarded-For in the demo system). */
  forwardedFor?: string;
  contentType?: string;
  /** Another address of the service than `urls[service]`: one replica of several, past the load balancer. */
  baseUrl?: string;
}

/** The public HTTP APIs of the running system, with tokens of the local issuer, counted and timed. */
export class CityApi {
  private readonly tokens = new Map<string, Promise<string>>();
  readonly latencies: number[] = [];
  calls = 0;
  /** Writes stored but not yet visible in the service's read model when it answered (202). */
  notYetVisible = 0;
  /** Requests sent again because the service was restarting or its database was (refused, dropped, 503; 502 behind the load balancer). */
  retried = 0;
  /** Commands sent again because the service had not yet learned a fact they rest on. */
  waitedForFacts = 0;

  constructor(
    readonly urls: Record<string, string>,
    private readonly issuer: LocalIssuer,
    /** Each replica's own address, where a service runs several behind a load balancer (`urls`). */
    readonly replicaUrls: Record<string, string[]> = {},
  ) {}

  /**
   * Where a setting of one process goes (the simulated clock): every replica of the service, or
   * the service's address when it runs one.
   */
  processesOf(service: string): (string | undefined)[] {
    const own = this.replicaUrls[service];
    return own && own.length > 0 ? own : [undefined];
  }

  private token(who: Identity): Promise<string> {
    const key = `${who.role}/${who.sub}/${who.agencyId ?? ''}`;
    let token = this.tokens.get(key);
    if (!token) {
      token = this.issuer.issueToken({ sub: who.sub, role: who.role, ...(who.agencyId ? { agencyId: who.agencyId } : {}), expiresIn: '24h' });
      this.tokens.set(key, token);
    }
    return token;
  }

  async call<T = any>(service: string, method: string, path: string, who: Identity | null, body?: unknown, options: CallOptions = {}): Promise<T> {
    const expected = options.expect ?? [200, 201];
    const headers: Record<string, string> = {};
    if (who) headers.authorization = `Bearer ${await this.token(who)}`;
    if (options.forwardedFor) headers['x-forwarded-for'] = options.forwardedFor;
    let payload: string | Buffer | undefined;
    if (body !== undefined) {
      headers['content-type'] = options.contentType ?? (typeof body === 'string' ? 'text/csv' : 'application/json');
      payload = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
    }
    let unavailable = 0;
    // A write whose answer was lost (dropped connection) or failed (503) may have been stored all the same.
    let maybeStored = false;
    const firstTry = performance.now();
    for (let attempt = 1; ; attempt++) {
      const started = performance.now();
      let res: Response;
      let text: string;
      try {
        res = await fetch(`${options.baseUrl ?? this.urls[service]}${path}`, { method, headers, body: payload, signal: AbortSignal.timeout(120_000) });
        text = await res.text();
      } catch (error) {
        // The service is restarting (the launcher brings a killed one back): ask again, a while later.
        const failure = connectionFailure(error);
        if (!failure || unavailable >= UNAVAILABLE_RETRIES) {
          const cause = (error as { cause?: { message?: string } }).cause?.message;
          throw new Error(`${method} ${service} ${path}: ${(error as Error).message}${cause ? ` (${cause})` : ''}`, { cause: error });
        }
        if (failure === 'dropped' && method !== 'GET') maybeStored = true;
        this.retried++;
        await sleep(backoffMs(unavailable++));
        continue;
      }
      this.calls++;
      this.latencies.push(performance.now() - started);
      const json = text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
      const code = (json as { code?: string } | null)?.code;
      if (expected.includes(res.status)) return json as T;
      // Stored; the service's own read model was late (a loaded machine). The command happened.
      if (res.status === 202 && code === 'ACCEPTED_NOT_YET_VISIBLE') {
        this.notYetVisible++;
        return json as T;
      }
      // Its database is away for a moment: the command is sent again. It may have been stored before
      // the failure (its answer needed the database once more), which the retry then meets as a conflict.
      // 502: the load balancer in front of several replicas lost the one answering (it died under
      // the request): as a dropped connection, the write may have been stored.
      if ((res.status === 503 || res.status === 502) && unavailable < UNAVAILABLE_RETRIES) {
        if (method !== 'GET') maybeStored = true;
        this.retried++;
        const retryAfter = Number(res.headers.get('retry-after'));
        await sleep(retryAfter > 0 ? retryAfter * 1000 : backoffMs(unavailable));
        unavailable++;
        continue;
      }
      // A person work-planning just registered is not yet known to the other services (they learn the
      // organisation from its events): they refuse the token until then, and the request is sent again.
      if (res.status === 403 && code === 'ACTOR_UNKNOWN' && who && performance.now() - firstTry < ACTOR_LEARNING_MS) {
        this.waitedForFacts++;
        await sleep(250);
        continue;
      }
      // Optimistic concurrency lost to a parallel writer of the same stream: the command is redone.
      if (res.status === 409 && code === 'WRONG_EXPECTED_REVISION' && attempt < 5) continue;
      // The attempt whose answer was lost had been stored: this one conflicts with it.
      if (res.status === 409 && maybeStored) return json as T;
      throw new ApiError(method, path, res.status, json);
    }
  }

  /**
   * Sends a command that rests on facts the service learns through events (an SKP approved in
   * work-planning, the organisation) again while the service answers that it does not know them yet
   * (`notYet`: codes of refusals that store nothing), as `eventually` does for reads.
   */
  async whenKnown<T>(command: () => Promise<T>, notYet: readonly string[], what: string, timeoutMs = 120_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        return await command();
      } catch (error) {
        const code = error instanceof ApiError ? (error.body as { code?: string } | null)?.code : undefined;
        if (code === undefined || !notYet.includes(code)) throw error;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${(error as ApiError).message}`);
      }
      this.waitedForFacts++;
      await sleep(200);
    }
  }

  /** One request as it is, no retry: its status and error code (the permission matrix's cells). */
  async raw(service: string, method: string, path: string, who: Identity | null, body?: unknown): Promise<{ status: number; code?: string; body: unknown }> {
    const headers: Record<string, string> = {};
    if (who) headers.authorization = `Bearer ${await this.token(who)}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.urls[service]}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(120_000) });
    const text = await res.text();
    const json = text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
    return { status: res.status, code: (json as { code?: string } | null)?.code, body: json };
  }

  get = <T = any>(service: string, path: string, who: Identity | null, options?: CallOptions) => this.call<T>(service, 'GET', path, who, undefined, options);
  post = <T = any>(service: string, path: string, who: Identity | null, body?: unknown, options?: CallOptions) => this.call<T>(service, 'POST', path, who, body ?? {}, options);
  put = <T = any>(service: string, path: string, who: Identity | null, body?: unknown, options?: CallOptions) => this.call<T>(service, 'PUT', path, who, body ?? {}, options);

  /**
   * Asks until `ok` holds: the other services learn of a fact through events, a moment later.
   * Gives up after `timeoutMs` in which the answer did not change (a busy machine is slow, not stuck).
   */
  async eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, timeoutMs = 120_000): Promise<T> {
    let deadline = Date.now() + timeoutMs;
    let last: string | undefined;
    for (;;) {
      let value: T | undefined;
      try {
        value = await read();
        if (ok(value)) return value;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
      const seen = JSON.stringify(value);
      if (seen !== last) {
        last = seen;
        deadline = Date.now() + timeoutMs;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${seen?.slice(0, 300)}`);
      await sleep(200);
    }
  }
}
