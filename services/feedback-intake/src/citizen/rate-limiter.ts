/**
 * Fixed-window counters in this process's memory.
 *
 * Why memory and not PostgreSQL: the limiter exists to keep a flood away from the database, so it
 * must not cost a database round trip per request itself; a check is a map lookup (sub-microsecond).
 * The price: each replica counts on its own, so with N replicas the effective limit is N times the
 * setting, and a restart forgets the counts. Both are acceptable for abuse protection of the
 * citizens' endpoints (not a quota); the embedded default runs one process per service.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { window: number; count: number }>();
  private lastSweep = 0;

  constructor(private readonly windowMs: number) {}

  /** Counts one hit on `key`; returns the seconds to wait when it is over `limit`, else 0. */
  hit(key: string, limit: number, nowMs: number): number {
    const window = Math.floor(nowMs / this.windowMs);
    this.sweep(window);
    const entry = this.windows.get(key);
    if (!entry || entry.window !== window) {
      this.windows.set(key, { window, count: 1 });
      return 0;
    }
    entry.count++;
    if (entry.count <= limit) return 0;
    return Math.max(1, Math.ceil(((window + 1) * this.windowMs - nowMs) / 1000));
  }

  private sweep(window: number): void {
    if (window === this.lastSweep) return;
    this.lastSweep = window;
    for (const [key, entry] of this.windows) if (entry.window < window) this.windows.delete(key);
  }
}

/**
 * Exact duplicate submissions within a window are accepted once: the copies get the first answer
 * (with its tracking code) instead of a second record. In memory, like the limiter, for the same reasons.
 */
export class DuplicateFilter {
  private readonly seen = new Map<string, { until: number; result: Promise<unknown> }>();

  constructor(private readonly windowMs: number) {}

  async once<T>(key: string, nowMs: number, work: () => Promise<T>): Promise<{ duplicate: boolean; result: T }> {
    const existing = this.seen.get(key);
    if (existing && existing.until > nowMs) return { duplicate: true, result: (await existing.result) as T };
    if (this.seen.size > 100_000) for (const [k, v] of this.seen) if (v.until <= nowMs) this.seen.delete(k);
    const result = work();
    this.seen.set(key, { until: nowMs + this.windowMs, result });
    // A refused submission is not remembered: the citizen may correct it and send it again.
    result.catch(() => this.seen.delete(key));
    return { duplicate: false, result: await result };
  }
}
