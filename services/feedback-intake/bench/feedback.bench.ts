/**
 * Citizens' endpoints benchmark (issue 5, "Done when"). Boots the whole service in this process on
 * a fresh database (DATABASE_URL's server; relay on the PostgreSQL log) and measures:
 *   1. accepted public submissions per second (POST /public/feedback, each from its own address,
 *      so that the per-address limit is never hit), with latency percentiles;
 *   2. at the limit: one address sending far more than RATE_LIMIT_PER_ADDRESS; how many are
 *      accepted, and the latency of the 429 answers (the rate limiter's path over HTTP);
 *   3. the limiter alone in process: ns per check.
 * Prints a table and a JSON line. Run: `npm run bench -- feedback`, or
 * SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register services/feedback-intake/bench/feedback.bench.ts
 * Options (env): BENCH_SUBMISSIONS (3000), BENCH_CONCURRENCY (32), BENCH_LIMIT (100), BENCH_OVER_LIMIT (3000).
 */
import 'reflect-metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createLogger, createServiceApp, LocalIssuer } from '@kinerja/platform';
import { createTestDatabase } from '@kinerja/testing';
import { AppModule } from '../src/app.module';
import { RateLimiter } from '../src/citizen/rate-limiter';
import { loadFeedbackIntakeConfig } from '../src/config';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const log = (line: string) => process.stderr.write(`[feedback bench] ${line}\n`);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function drive(count: number, concurrency: number, send: (i: number) => Promise<number>): Promise<{ seconds: number; statuses: Map<number, number[]> }> {
  const statuses = new Map<number, number[]>();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = performance.now();
        const status = await send(i);
        const ms = performance.now() - t0;
        statuses.set(status, [...(statuses.get(status) ?? []), ms]);
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, statuses };
}

async function main(): Promise<void> {
  const submissions = env('BENCH_SUBMISSIONS', 3000);
  const concurrency = env('BENCH_CONCURRENCY', 32);
  const limit = env('BENCH_LIMIT', 100);
  const overLimit = env('BENCH_OVER_LIMIT', 3000);
  const db = await createTestDatabase('bench_feedback');
  const keyDir = await mkdtemp(join(tmpdir(), 'kinerja-fi-bench-'));
  const config = loadFeedbackIntakeConfig({
    ...process.env,
    PORT: '0',
    DATABASE_URL: db.url,
    AUTH_LOCAL_KEY_DIR: keyDir,
    TRANSPORT: 'pg-log',
    TRUSTED_PROXIES: 'loopback',
    RATE_LIMIT_PER_ADDRESS: String(limit),
    RATE_LIMIT_PER_TARGET: String(10 * (submissions + overLimit)),
    RATE_LIMIT_WINDOW_SECONDS: '3600',
    SLA_SCHEDULER_ENABLED: 'false',
  });
  const app = await createServiceApp({ module: AppModule.forRoot(config), config, logger: createLogger({ service: 'feedback-intake', level: 'silent' }) });
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  try {
    const issuer = await LocalIssuer.open(keyDir);
    const admin = await issuer.issueToken({ sub: 'bench.admin', role: 'ADMIN_CITY' });
    await fetch(`${base}/directory/units/BENCH-UNIT`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ agencyId: 'BENCH', name: 'Unit layanan uji', counterIds: ['LOKET-1'] }),
    });
    const post = async (address: string, body: unknown) => {
      const res = await fetch(`${base}/public/feedback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
        body: JSON.stringify(body),
      });
      await res.arrayBuffer();
      return res.status;
    };
    const feedback = (i: number) => ({ unitId: 'BENCH-UNIT', rating: 1 + (i % 4), channel: 'QR_COUNTER', counterId: 'LOKET-1', comment: `Masukan ${i}` });

    log(`warming up, then ${submissions} submissions from distinct addresses at concurrency ${concurrency}`);
    await drive(200, concurrency, (i) => post(`10.9.${i >> 8}.${i & 255}`, feedback(i)));
    const accepted = await drive(submissions, concurrency, (i) => post(`10.${1 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`, feedback(i)));
    const ok = (accepted.statuses.get(201) ?? []).sort((a, b) => a - b);

    log(`${overLimit} submissions from one address with a limit of ${limit} per window`);
    const hot = await drive(overLimit, concurrency, (i) => post('192.0.2.200', { ...feedback(i), comment: `Hot ${i}` }));
    const limited = (hot.statuses.get(429) ?? []).sort((a, b) => a - b);
    const hotAccepted = (hot.statuses.get(201) ?? []).length;

    const limiter = new RateLimiter(60_000);
    const checks = 1_000_000;
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < checks; i++) limiter.hit(`address:10.0.${(i >> 8) & 255}.${i & 255}`, 30, 1_700_000_000_000);
    const nsPerCheck = Number(process.hrtime.bigint() - t0) / checks;

    const result = {
      acceptedPerSecond: Math.round(ok.length / accepted.seconds),
      accepted: ok.length,
      otherStatuses: Object.fromEntries([...accepted.statuses].filter(([s]) => s !== 201).map(([s, l]) => [s, l.length])),
      acceptedLatencyMs: { p50: +percentile(ok, 50).toFixed(2), p95: +percentile(ok, 95).toFixed(2), p99: +percentile(ok, 99).toFixed(2) },
      atLimit: { sent: overLimit, limit, accepted: hotAccepted, refused429: limited.length },
      limiterHttpLatencyMs: { p50: +percentile(limited, 50).toFixed(2), p95: +percentile(limited, 95).toFixed(2), p99: +percentile(limited, 99).toFixed(2) },
      limiterInProcessNsPerCheck: +nsPerCheck.toFixed(1),
    };
    process.stdout.write(
      [
        'feedback-intake citizens’ endpoints',
        `  accepted submissions/s           ${result.acceptedPerSecond} (${ok.length} in ${accepted.seconds.toFixed(2)} s, concurrency ${concurrency})`,
        `  accepted latency p50/p95/p99     ${result.acceptedLatencyMs.p50} / ${result.acceptedLatencyMs.p95} / ${result.acceptedLatencyMs.p99} ms`,
        `  one address over its limit       ${hotAccepted} accepted of ${overLimit} (limit ${limit}), ${limited.length} × 429`,
        `  429 latency p50/p95/p99          ${result.limiterHttpLatencyMs.p50} / ${result.limiterHttpLatencyMs.p95} / ${result.limiterHttpLatencyMs.p99} ms`,
        `  limiter check in process         ${result.limiterInProcessNsPerCheck} ns`,
        JSON.stringify(result),
        '',
      ].join('\n'),
    );
  } finally {
    await app.close();
    await db.drop();
    await rm(keyDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    log(`failed: ${(error as Error).stack ?? error}`);
    process.exit(1);
  },
);
