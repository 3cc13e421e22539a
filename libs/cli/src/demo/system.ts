import { freePort } from '../database';
import { discoverServices, REPO_ROOT } from '../paths';
import { ensureConsoleBuilt } from '../console-build';
import { serviceEnv, serviceUrlEnv, WEB_SERVICE } from '../start';
import { Supervisor } from '../supervisor';

/** The four services of the system, in the order they are started. */
export const SYSTEM_SERVICES = ['work-planning', 'feedback-intake', 'evaluation', 'career-decisions'] as const;
export type SystemService = (typeof SYSTEM_SERVICES)[number];

/** A service that exits this often before it first answers /health will not come up by itself. */
const BOOT_RESTARTS = 3;

export interface SystemOptions {
  databaseUrl: string;
  /** `pg-log` (the embedded default) or `kafka` (KAFKA_BROKERS). */
  transport: 'pg-log' | 'kafka';
  kafkaBrokers?: string;
  /** Prefixes every topic, so two runs on one broker do not meet. */
  topicPrefix?: string;
  keyDir: string;
  /** The city's Ed25519 key the services sign GET /audit/verify with. */
  auditKeyFile?: string;
  /** Where the services' simulated clock starts (ISO 8601). */
  clockStart: string;
  /** Extra environment for every service. */
  env?: NodeJS.ProcessEnv;
  output?: (service: string, line: string) => void;
  /** Also the web service (the console), built first when its build is stale; its URL is `webUrl`. */
  web?: boolean;
}

export interface RunningSystem {
  urls: Record<SystemService, string>;
  /** The console, when launched with `web: true`. */
  webUrl?: string;
  pid(service: SystemService): number | undefined;
  restarts(service: SystemService): number;
  stop(): Promise<void>;
}

/**
 * The four services as separate supervised processes on free ports, with the simulated clock
 * (CLOCK_MODE=simulated), fast schedulers and citizens' addresses taken from X-Forwarded-For (the
 * scenario plays many citizens). Resolves once every /health answers; rejects when a service keeps
 * exiting before it does.
 */
export async function launchSystem(options: SystemOptions): Promise<RunningSystem> {
  const entries = discoverServices().filter((s) => (SYSTEM_SERVICES as readonly string[]).includes(s.name) || (options.web && s.name === WEB_SERVICE));
  const ports = new Map<string, number>();
  for (const s of entries) ports.set(s.name, await freePort());
  if (options.web) await ensureConsoleBuilt((line) => (options.output ?? (() => undefined))(WEB_SERVICE, line));
  const urlEnv = serviceUrlEnv(ports);
  const prefix = options.topicPrefix ?? '';
  const supervisor = new Supervisor(
    entries.map((s) => ({
      name: s.name,
      command: process.execPath,
      args: ['-r', '@swc-node/register', s.main],
      cwd: REPO_ROOT,
      env: {
        ...serviceEnv(s, ports.get(s.name)!, options.databaseUrl, options.keyDir, options.auditKeyFile),
        TRANSPORT: options.transport,
        ...(options.kafkaBrokers ? { KAFKA_BROKERS: options.kafkaBrokers } : {}),
        TOPIC_PREFIX: prefix,
        CLOCK_MODE: 'simulated',
        CLOCK_START: options.clockStart,
        TRUSTED_PROXIES: 'loopback',
        // Four services share one PostgreSQL server (100 connections on a default install).
        DB_POOL_SIZE: '4',
        SCHEDULER_INTERVAL_MS: '300',
        SLA_SCHEDULER_INTERVAL_MS: '300',
        SAGA_INTERVAL_MS: '300',
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
        ...urlEnv,
        ...options.env,
      },
    })),
    { output: options.output ?? (() => undefined), stopTimeoutMs: 10_000 },
  );
  supervisor.start();
  const urls = Object.fromEntries(entries.map((s) => [s.name, `http://127.0.0.1:${ports.get(s.name)}`])) as Record<SystemService, string>;
  // Four services booting at once take minutes on a busy machine: wait as long as none keeps dying.
  for (const [name, url] of Object.entries(urls)) {
    for (;;) {
      const ok = await fetch(`${url}/health`, { signal: AbortSignal.timeout(10_000) })
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) break;
      if (supervisor.restarts(name) >= BOOT_RESTARTS) {
        await supervisor.stop();
        throw new Error(`${name} exited ${supervisor.restarts(name)} times before ${url}/health answered`);
      }
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  const webUrl = urls[WEB_SERVICE as SystemService];
  delete urls[WEB_SERVICE as SystemService];
  return { urls, ...(webUrl ? { webUrl } : {}), pid: (s) => supervisor.pid(s), restarts: (s) => supervisor.restarts(s), stop: () => supervisor.stop() };
}
