import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommandError, ParsedArgs, stringOption, UsageError } from './args';
import { freePort } from './database';
import { REPO_ROOT, ServiceEntry } from './paths';
import { ChildSpec } from './supervisor';

/** One service run as several processes behind the load balancer. */
export interface ReplicaLayout {
  service: string;
  /** Where the service answers: the load balancer's port (the process's own port with one replica). */
  port: number;
  /** Each process of the service: its name in the launcher's output (`evaluation/2`) and its own port. */
  replicas: { name: string; port: number }[];
}

/** `--replicas N`: 1 (the default) to 8. */
export function replicasOption(args: ParsedArgs): number {
  const value = stringOption(args, 'replicas');
  if (value === undefined) return 1;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 8) throw new UsageError('--replicas is a whole number from 1 to 8');
  return n;
}

/**
 * The processes of each service. With one replica, the service's process itself on `ports` (no
 * load balancer, as always); with more, each on a free port of its own behind the load balancer on `ports`.
 */
export async function layOutReplicas(ports: ReadonlyMap<string, number>, replicas: number): Promise<ReplicaLayout[]> {
  const layouts: ReplicaLayout[] = [];
  for (const [service, port] of ports) {
    if (replicas === 1) {
      layouts.push({ service, port, replicas: [{ name: service, port }] });
      continue;
    }
    const own: ReplicaLayout['replicas'] = [];
    for (let i = 1; i <= replicas; i++) own.push({ name: `${service}/${i}`, port: await freePort() });
    layouts.push({ service, port, replicas: own });
  }
  return layouts;
}

/** Debian's HAProxy (`apt-get install haproxy`), or null. */
export function findHaproxy(): string | null {
  for (const dir of [...(process.env.PATH ?? '').split(':').filter(Boolean), '/usr/sbin', '/usr/local/sbin']) {
    const candidate = join(dir, 'haproxy');
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

/** Requests under way in one replica at once (its database pool is 10 by default: more would only queue inside it). */
const REPLICA_MAXCONN = 32;

/**
 * HAProxy's configuration: per service a front on its port and round robin over its replicas.
 * A replica is taken out when GET /health fails three times (2 s apart, 5 s to answer each), or at
 * once when a connection to it is refused (`observe layer4`); a
 * request that could not reach it is sent to another (`redispatch`). A request under way when its
 * replica dies is answered 502, as any proxy would: the client decides whether to send it again.
 *
 * At most REPLICA_MAXCONN requests are under way in a replica at once; more wait in HAProxy's queue
 * (`timeout queue`), not in the replica's event loop. Overloaded, a replica so still answers its
 * health check after a few dozen requests: in the deadline bench at twice the rate the machine holds,
 * both work-planning replicas took more than 5 s to answer /health behind hundreds of requests, were
 * taken out, and HAProxy answered 503 to every request for that service.
 */
export function haproxyConfig(layouts: readonly ReplicaLayout[]): string {
  const lines = [
    'global',
    '  maxconn 4096',
    '',
    'defaults',
    '  mode http',
    '  option forwardfor',
    '  option redispatch',
    '  retries 3',
    '  timeout connect 2s',
    '  timeout client 180s',
    '  timeout server 180s',
    '  timeout http-keep-alive 10s',
    // A replica that answers /health slowly (a busy machine) stays in; one that refuses connections goes at once.
    '  timeout check 5s',
    '  timeout queue 60s',
    `  default-server check inter 2s fall 3 rise 1 observe layer4 error-limit 1 on-error mark-down maxconn ${REPLICA_MAXCONN}`,
  ];
  for (const layout of layouts) {
    const id = layout.service.replace(/[^a-z0-9-]/gi, '_');
    lines.push('', `frontend ${id}`, `  bind 127.0.0.1:${layout.port}`, `  default_backend ${id}`);
    lines.push('', `backend ${id}`, '  balance roundrobin', '  option httpchk GET /health', '  http-check expect status 200');
    for (const replica of layout.replicas) lines.push(`  server ${replica.name.replace(/[^a-z0-9-]/gi, '_')} 127.0.0.1:${replica.port}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Each replica's process: its service's main run through @swc-node/register from the repository, with `env` for its port. */
export function replicaChildren(layouts: readonly ReplicaLayout[], services: readonly ServiceEntry[], env: (service: ServiceEntry, port: number) => NodeJS.ProcessEnv): ChildSpec[] {
  return layouts.flatMap((layout) => {
    const s = services.find((x) => x.name === layout.service)!;
    return layout.replicas.map((replica) => ({ name: replica.name, command: process.execPath, args: ['-r', '@swc-node/register', s.main], cwd: REPO_ROOT, env: env(s, replica.port) }));
  });
}

/** The load balancer as one more supervised child; its configuration written under `dir`. */
export function haproxyChild(layouts: readonly ReplicaLayout[], dir: string): ChildSpec {
  const haproxy = findHaproxy();
  if (!haproxy) throw new CommandError('--replicas above 1 puts HAProxy in front of the replicas: install it (apt-get install haproxy)');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'haproxy.cfg');
  writeFileSync(file, haproxyConfig(layouts));
  // -db: in the foreground, logging to stderr; the launcher supervises it like a service.
  return { name: 'haproxy', command: haproxy, args: ['-db', '-f', file], cwd: dir, env: { PATH: process.env.PATH ?? '' } };
}
