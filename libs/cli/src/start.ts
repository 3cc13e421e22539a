import { join } from 'node:path';
import { loadCityKey } from '@kinerja/audit';
import { LocalIssuer } from '@kinerja/platform';
import { ParsedArgs, stringOption, UsageError } from './args';
import { ANCHOR_DIR, CITY_KEY_PATH } from './audit';
import { freePort, provideDatabase } from './database';
import { DATA_DIR, discoverServices, REPO_ROOT, ServiceEntry } from './paths';
import { Supervisor } from './supervisor';
import { existsSync } from 'node:fs';
import { ensureConsoleBuilt } from './console-build';
import { haproxyChild, layOutReplicas, replicaChildren, replicasOption } from './replicas';

const log = (line: string) => process.stdout.write(`[kinerja] ${line}\n`);

/**
 * `kinerja start [--only a,b] [--ports auto] [--replicas N]`: the embedded default (docs/design.md §2).
 * PostgreSQL (embedded unless DATABASE_URL is given), then every service as its own supervised
 * process. `--ports auto` puts the services on free ports instead of those of their package.json.
 * `--replicas N` runs N processes of each service on free ports, behind HAProxy on the service's port.
 */
export async function startCommand(args: ParsedArgs): Promise<number> {
  const only = stringOption(args, 'only')?.split(',').map((s) => s.trim());
  const portsMode = stringOption(args, 'ports') ?? 'fixed';
  if (portsMode !== 'fixed' && portsMode !== 'auto') throw new UsageError('--ports is fixed or auto');
  const replicas = replicasOption(args);

  let services = discoverServices();
  if (only) {
    const unknown = only.filter((name) => !services.some((s) => s.name === name));
    if (unknown.length > 0) throw new UsageError(`unknown service(s): ${unknown.join(', ')}`);
    services = services.filter((s) => only.includes(s.name));
  }
  const missing = services.filter((s) => !existsSync(s.main));
  for (const s of missing) log(`${s.name}: no src/main.ts yet, not started`);
  services = services.filter((s) => existsSync(s.main));
  if (services.length === 0) {
    log('no service to start (services/<name>/package.json needs "kinerja": { "port": ... } and src/main.ts)');
    return 1;
  }

  const database = await provideDatabase(log);
  const keyDir = join(DATA_DIR, 'auth');
  // Created here once, before the services read it.
  await LocalIssuer.open(keyDir);
  // The city's key signs GET /audit/verify as it signs `kinerja audit verify` (created on first use).
  const auditKeyFile = process.env.AUDIT_SIGNING_KEY_FILE ?? CITY_KEY_PATH;
  if (!process.env.AUDIT_SIGNING_KEY_FILE) loadCityKey(CITY_KEY_PATH, true);

  const ports = new Map<string, number>();
  for (const s of services) ports.set(s.name, portsMode === 'auto' ? await freePort() : s.port);
  if (ports.has(WEB_SERVICE)) await ensureConsoleBuilt(log);
  const urls = serviceUrlEnv(ports);

  const layouts = await layOutReplicas(ports, replicas);
  const width = Math.max(...layouts.flatMap((l) => l.replicas.map((r) => r.name.length)), replicas > 1 ? 'haproxy'.length : 0);
  const children = replicaChildren(layouts, services, (s, port) => ({ ...serviceEnv(s, port, database.url, keyDir, auditKeyFile), ...urls }));
  if (replicas > 1) children.push(haproxyChild(layouts, join(DATA_DIR, 'haproxy')));

  const supervisor = new Supervisor(
    children,
    {
      output: (name, line) => process.stdout.write(`${name.padEnd(width)} | ${line}\n`),
      started: (name, pid) => log(`${name} started (pid ${pid})`),
    },
  );

  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) {
      log(`${signal} again: exiting now`);
      process.exit(1);
    }
    shuttingDown = true;
    log(`${signal}: stopping services`);
    await supervisor.stop();
    if (database.embedded) log('stopping PostgreSQL');
    await database.stop();
    log('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  if (ports.has(WEB_SERVICE)) log(`Kinerja: http://127.0.0.1:${ports.get(WEB_SERVICE)}   (the console; sign in there)`);
  supervisor.start();
  for (const s of services) {
    const base = `http://127.0.0.1:${ports.get(s.name)}`;
    log(`${s.name.padEnd(width)}  ${base}  (API docs: ${base}/docs, health: ${base}/health)`);
  }
  if (replicas > 1) log(`${replicas} replicas of each service behind HAProxy (its configuration: ${join(DATA_DIR, 'haproxy', 'haproxy.cfg')})`);
  void reportReadiness(services, ports, () => shuttingDown);
  return new Promise<number>(() => undefined);
}

/** The web service: the console and its backend-for-frontend. */
export const WEB_SERVICE = 'web';

/** Where the web service finds the four services (`WORK_PLANNING_URL`, ...), from the ports they were given. */
export function serviceUrlEnv(ports: Map<string, number>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, port] of ports) if (name !== WEB_SERVICE) env[`${name.toUpperCase().replace(/-/g, '_')}_URL`] = `http://127.0.0.1:${port}`;
  return env;
}

/** The environment of one service process of the launcher (also the demo's and the end-to-end run's). */
export function serviceEnv(service: Pick<ServiceEntry, 'name'>, port: number, databaseUrl: string, keyDir: string, auditKeyFile?: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    SERVICE_NAME: service.name,
    AUTH_MODE: 'local',
    AUTH_LOCAL_KEY_DIR: keyDir,
    ...(auditKeyFile ? { AUDIT_SIGNING_KEY_FILE: auditKeyFile } : {}),
    // Outside the database: what `kinerja audit verify` compares the stores with.
    AUDIT_ANCHOR_DIR: process.env.AUDIT_ANCHOR_DIR ?? ANCHOR_DIR,
    TRANSPORT: process.env.TRANSPORT ?? 'pg-log',
    SWC_NODE_PROJECT: process.env.SWC_NODE_PROJECT ?? join(REPO_ROOT, 'tsconfig.base.json'),
    NODE_OPTIONS: process.env.NODE_OPTIONS ?? SERVICE_NODE_OPTIONS,
  };
}

/**
 * V8 heap limits of a service process: a small young generation and an old-space cap make the
 * collector run before the heap grows, keeping a service under 250 MB resident (issue 8 §5); on
 * the demo city's year, peak RSS 189–212 MB instead of 229–252 MB, at the same request rate.
 * NODE_OPTIONS set by the operator wins.
 */
export const SERVICE_NODE_OPTIONS = '--max-semi-space-size=4 --max-old-space-size=192';

async function reportReadiness(services: ServiceEntry[], ports: Map<string, number>, stopped: () => boolean) {
  const pending = new Set(services.map((s) => s.name));
  const deadline = Date.now() + 180_000;
  while (pending.size > 0 && Date.now() < deadline && !stopped()) {
    for (const name of [...pending]) {
      const ok = await fetch(`http://127.0.0.1:${ports.get(name)}/health`, { signal: AbortSignal.timeout(2000) })
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) {
        pending.delete(name);
        log(`${name} is up: http://127.0.0.1:${ports.get(name)}`);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  if (stopped()) return;
  if (pending.size === 0) {
    if (ports.has(WEB_SERVICE)) log(`Kinerja: http://127.0.0.1:${ports.get(WEB_SERVICE)}`);
    log('all services are up. Tokens: npm run kinerja -- token --sub <NIP> --role <ROLE> [--agency <id>]. Ctrl-C stops everything.');
  } else {
    log(`not answering /health yet: ${[...pending].join(', ')}`);
  }
}
