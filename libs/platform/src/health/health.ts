/** A readiness check: resolves with a detail when fine, throws (or times out) when not. */
export interface HealthCheck {
  name: string;
  check(): Promise<unknown> | unknown;
  /** Default 2 s. */
  timeoutMs?: number;
}

export interface CheckResult {
  status: 'up' | 'down';
  detail?: unknown;
  error?: string;
}

/** The checks behind /health/ready; services and libs register theirs at startup. */
export class HealthRegistry {
  private readonly checks = new Map<string, HealthCheck>();

  register(check: HealthCheck): void {
    this.checks.set(check.name, check);
  }

  async run(): Promise<{ ready: boolean; checks: Record<string, CheckResult> }> {
    const entries = await Promise.all(
      [...this.checks.values()].map(async (c): Promise<[string, CheckResult]> => {
        try {
          const detail = await withTimeout(Promise.resolve(c.check()), c.timeoutMs ?? 2000);
          return [c.name, detail === undefined ? { status: 'up' } : { status: 'up', detail }];
        } catch (error) {
          return [c.name, { status: 'down', error: error instanceof Error ? error.message : String(error) }];
        }
      }),
    );
    return { ready: entries.every(([, r]) => r.status === 'up'), checks: Object.fromEntries(entries) };
  }
}

/** The database answers a trivial query. */
export function databaseCheck(query: () => Promise<unknown>, name = 'database'): HealthCheck {
  return { name, check: async () => void (await query()) };
}

/** A lag (events behind, or seconds) stays below a threshold. */
export function lagCheck(name: string, lag: () => Promise<number> | number, threshold: number): HealthCheck {
  return {
    name,
    async check() {
      const value = await lag();
      if (value > threshold) throw new Error(`lag ${value} above threshold ${threshold}`);
      return { lag: value, threshold };
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
