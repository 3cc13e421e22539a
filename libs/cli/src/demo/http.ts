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
}

/** The public HTTP APIs of the running system, with tokens of the local issuer, counted and timed. */
export class CityApi {
  private readonly tokens = new Map<string, Promise<string>>();
  readonly latencies: number[] = [];
  calls = 0;
  /** Writes stored but not yet visible in the service's read model when it answered (202). */
  notYetVisible = 0;

  constructor(
    readonly urls: Record<string, string>,
    private readonly issuer: LocalIssuer,
  ) {}

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
    for (let attempt = 1; ; attempt++) {
      const started = performance.now();
      const res = await fetch(`${this.urls[service]}${path}`, { method, headers, body: payload, signal: AbortSignal.timeout(120_000) });
      const text = await res.text();
      this.calls++;
      this.latencies.push(performance.now() - started);
      const json = text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
      if (expected.includes(res.status)) return json as T;
      // Stored; the service's own read model was late (a loaded machine). The command happened.
      if (res.status === 202 && (json as { code?: string })?.code === 'ACCEPTED_NOT_YET_VISIBLE') {
        this.notYetVisible++;
        return json as T;
      }
      // Optimistic concurrency lost to a parallel writer of the same stream: the command is redone.
      if (res.status === 409 && (json as { code?: string })?.code === 'WRONG_EXPECTED_REVISION' && attempt < 5) continue;
      throw new ApiError(method, path, res.status, json);
    }
  }

  get = <T = any>(service: string, path: string, who: Identity | null, options?: CallOptions) => this.call<T>(service, 'GET', path, who, undefined, options);
  post = <T = any>(service: string, path: string, who: Identity | null, body?: unknown, options?: CallOptions) => this.call<T>(service, 'POST', path, who, body ?? {}, options);
  put = <T = any>(service: string, path: string, who: Identity | null, body?: unknown, options?: CallOptions) => this.call<T>(service, 'PUT', path, who, body ?? {}, options);

  /** Asks until `ok` holds: the other services learn of a fact through events, a moment later. */
  async eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, timeoutMs = 120_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      let value: T | undefined;
      try {
        value = await read();
        if (ok(value)) return value;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)?.slice(0, 300)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** Runs `work` over `items`, `width` at a time. */
export async function inParallel<T>(items: readonly T[], width: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await work(items[i], i);
      }
    }),
  );
}
