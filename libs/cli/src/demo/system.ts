import { freePort } from '../database';
import { discoverServices } from '../paths';
import { ensureConsoleBuilt } from '../console-build';
import { serviceEnv, serviceUrlEnv, WEB_SERVICE } from '../start';
import { Supervisor } from '../supervisor';
import { haproxyChild, layOutReplicas, replicaChildren } from '../replicas';

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
  /** Processes per service (default 1); above 1 they answer behind HAProxy, configured under `keyDir`. */
  replicas?: number;
}

export interface RunningSystem {
  urls: Record<SystemService, string>;
  /** The console, when launched with `web: true`. */
  webUrl?: string;
  /** With several replicas, each one's own address (past the load balancer on `urls`); empty otherwise. */
  replicaUrls: Partial<Record<SystemService, string[]>>;
  /** The service's process (the first replica's with several). */
  pid(service: SystemService): number | undefined;
  /** Each replica of the service: its name in the output (`evaluation/2`, or the service's with one replica) and pid. */
  replicas(service: SystemService): { name: string; pid: number | undefined }[];
  /** Restarts of the service's processes, all replicas together. */
  restarts(service: SystemService): number;
  /** Every supervised process: each replica of each service (the web service too), and HAProxy with several replicas. */
  processes(): { name: string; pid: number | undefined }[];
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
  const replicas = options.replicas ?? 1;
  const layouts = await layOutReplicas(ports, replicas);
  const specs = replicaChildren(layouts, entries, (s, port) => ({
    ...serviceEnv(s, port, options.databaseUrl, options.keyDir, options.auditKeyFile),
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
  }));
  if (replicas > 1) specs.push(haproxyChild(layouts, `${options.keyDir}/haproxy`));
  const supervisor = new Supervisor(specs, { output: options.output ?? (() => undefined), stopTimeoutMs: 10_000 });
  const replicasOf = (service: string) => layouts.find((l) => l.service === service)?.replicas ?? [];
  const restarts = (service: string) => replicasOf(service).reduce((n, r) => n + supervisor.restarts(r.name), 0);
  supervisor.start();
  const urls = Object.fromEntries(entries.map((s) => [s.name, `http://127.0.0.1:${ports.get(s.name)}`])) as Record<SystemService, string>;
  // Four services booting at once take minutes on a busy machine: wait as long as none keeps dying.
  for (const [name, url] of Object.entries(urls)) {
    for (;;) {
      const ok = await fetch(`${url}/health`, { signal: AbortSignal.timeout(10_000) })
        .then((r) => r.ok)
        .catch(() => false);
      if (ok && (await everyReplicaAnswers(replicasOf(name)))) break;
      if (restarts(name) >= BOOT_RESTARTS) {
        await supervisor.stop();
        throw new Error(`${name} exited ${restarts(name)} times before ${url}/health answered`);
      }
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  const webUrl = urls[WEB_SERVICE as SystemService];
  delete urls[WEB_SERVICE as SystemService];
  const replicaUrls: RunningSystem['replicaUrls'] = {};
  if (replicas > 1) for (const name of Object.keys(urls) as SystemService[]) replicaUrls[name] = replicasOf(name).map((r) => `http://127.0.0.1:${r.port}`);
  return {
    urls,
    replicaUrls,
    ...(webUrl ? { webUrl } : {}),
    pid: (s) => supervisor.pid(replicasOf(s)[0]?.name ?? s),
    replicas: (s) => replicasOf(s).map((r) => ({ name: r.name, pid: supervisor.pid(r.name) })),
    restarts,
    processes: () => specs.map((spec) => ({ name: spec.name, pid: supervisor.pid(spec.name) })),
    stop: () => supervisor.stop(),
  };
}

/** With several replicas, each one's own /health too (the load balancer answers as soon as one does). */
async function everyReplicaAnswers(replicas: { port: number }[]): Promise<boolean> {
  if (replicas.length < 2) return true;
  for (const { port } of replicas) {
    const ok = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(10_000) })
      .then((r) => r.ok)
      .catch(() => false);
    if (!ok) return false;
  }
  return true;
}
