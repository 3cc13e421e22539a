import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { LocalIssuer } from '@kinerja/platform';
import { describeWithPrivateKafka, uniqueName } from '@kinerja/testing';
import { embedded, ensureDatabase, freePort } from './database';
import { discoverServices, REPO_ROOT } from './paths';
import { serviceEnv } from './start';
import { Supervisor } from './supervisor';

const SERVICE = 'work-planning';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `probe` gives a value `done` accepts; progress, not time, decides (Jest's timeout is the backstop). */
async function until<T>(probe: () => Promise<T> | T, done: (value: T) => boolean, everyMs = 200): Promise<T> {
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    await sleep(everyMs);
  }
}

/** A process that is gone or a zombie (its parent has not reaped it yet). */
async function gone(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  return stat === null || stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
}

/** SIGKILL to the postmaster and every backend, as a crash or an OOM kill would do. */
async function killPostgres(dataDir: string): Promise<void> {
  const running = embedded.runningPostmaster(dataDir);
  if (!running) throw new Error(`no PostgreSQL running on ${dataDir}`);
  // Stopped first, so that no backend is forked between the listing and the kill: one forked there
  // (the service under load keeps connecting) outlived the kill holding the shared memory, and the
  // restarted server refused to start ("pre-existing shared memory block is still in use").
  process.kill(running.pid, 'SIGSTOP');
  const backends: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === running.pid) backends.push(Number(entry));
  }
  for (const pid of [running.pid, ...backends]) process.kill(pid, 'SIGKILL');
  for (const pid of [running.pid, ...backends]) await until(() => gone(pid), Boolean, 50);
}

interface Postgres {
  /** The server's postgres:// URL (database `postgres`). */
  url: string;
  stop(): Promise<void>;
}

/** Embedded PostgreSQL in a process of its own (the package is ESM, which Jest cannot load in-process). */
async function startPostgres(dataDir: string, port: number): Promise<Postgres> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'libs/testing/bin/embedded-postgres.js'), dataDir, String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const ready = /^ready (\S+)$/.exec(line);
      if (ready) resolve(ready[1]);
    });
    void exited.then(() => reject(new Error(`embedded PostgreSQL on ${dataDir} exited before it was ready`)));
  });
  return {
    url,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

interface RunningService {
  base: string;
  supervisor: Supervisor;
  lines: string[];
}

async function startService(databaseUrl: string, keyDir: string, env: NodeJS.ProcessEnv = {}): Promise<RunningService> {
  const entry = discoverServices().find((s) => s.name === SERVICE)!;
  const port = await freePort();
  const lines: string[] = [];
  const supervisor = new Supervisor(
    [{ name: SERVICE, command: process.execPath, args: ['-r', '@swc-node/register', entry.main], cwd: REPO_ROOT, env: { ...serviceEnv(entry, port, databaseUrl, keyDir), LOG_LEVEL: 'warn', ...env } }],
    // The launcher's own SIGKILL timeout: the service must stop before it, on its own.
    { output: (_name, line) => lines.push(line) },
  );
  supervisor.start();
  const base = `http://127.0.0.1:${port}`;
  await until(() => readiness(base), (r) => r.status === 200, 500);
  return { base, supervisor, lines };
}

async function readiness(base: string): Promise<{ status: number; checks: Record<string, { status: string }> }> {
  try {
    const response = await fetch(`${base}/health/ready`, { signal: AbortSignal.timeout(10_000) });
    return { status: response.status, checks: ((await response.json()) as { checks: Record<string, { status: string }> }).checks };
  } catch {
    return { status: 0, checks: {} };
  }
}

/** Stops the service by SIGTERM and tells whether it ended on its own (no SIGKILL) without ever crashing before. */
async function stopGracefully(service: RunningService): Promise<{ crashes: number; killed: boolean }> {
  const crashes = service.supervisor.restarts(SERVICE);
  await service.supervisor.stop();
  return { crashes, killed: service.lines.some((line) => line.includes('SIGKILL')) };
}

interface Setting {
  /** A folder of the test's own: PostgreSQL's data in `pg`, the local issuer's keys in `auth`. */
  dir: string;
  dataDir: string;
  keyDir: string;
  port: number;
  server: Postgres | null;
  /** URL of the database `kinerja` the service uses. */
  databaseUrl: string;
  service: RunningService | null;
}

/** For one describe block: its own embedded PostgreSQL with a database `kinerja`; everything removed afterwards. */
function withOwnPostgres(prefix: string): Setting {
  const setting: Setting = { dir: '', dataDir: '', keyDir: '', port: 0, server: null, databaseUrl: '', service: null };
  beforeAll(async () => {
    setting.dir = await mkdtemp(join(tmpdir(), prefix));
    // Embedded PostgreSQL started by root runs as the `postgres` user, who must reach its data folder.
    await chmod(setting.dir, 0o755);
    setting.dataDir = join(setting.dir, 'pg');
    setting.keyDir = join(setting.dir, 'auth');
    setting.port = await freePort();
    setting.server = await startPostgres(setting.dataDir, setting.port);
    await ensureDatabase(setting.server.url, 'kinerja');
    setting.databaseUrl = `postgres://postgres:postgres@127.0.0.1:${setting.port}/kinerja`;
  });
  afterAll(async () => {
    await setting.service?.supervisor.stop();
    await setting.server?.stop();
    await rm(setting.dir, { recursive: true, force: true });
  });
  return setting;
}

describe('a service while its PostgreSQL is killed under write load', () => {
  const setting = withOwnPostgres('kinerja-pg-outage-');

  it('answers only 2xx or 503 with Retry-After, never crashes, keeps every acknowledged write, and serves again once PostgreSQL is back', async () => {
    const { dataDir, port } = setting;
    const token = await (await LocalIssuer.open(setting.keyDir)).issueToken({ sub: '199001012015031001', role: 'ADMIN_CITY' });
    const service = (setting.service = await startService(setting.databaseUrl, setting.keyDir));
    const { base } = service;
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

    type Phase = 'up' | 'down' | 'back';
    let phase: Phase = 'up';
    let running = true;
    const answers: { phase: Phase; status: number; retryAfter: string | null; code: string }[] = [];
    const count = (of: Phase, ok: (status: number) => boolean) => answers.filter((a) => a.phase === of && ok(a.status)).length;
    const is2xx = (status: number) => status >= 200 && status < 300;
    const run = uniqueName('OUT').replace(/[^A-Za-z0-9]/g, '').toUpperCase();
    const writer = async (w: number) => {
      for (let i = 0; running; i++) {
        const code = `${run}W${w}N${i}`;
        const at = phase;
        try {
          const response = await fetch(`${base}/agencies`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ code, name: `Dinas Uji Gangguan ${w}-${i}` }),
            signal: AbortSignal.timeout(60_000),
          });
          await response.arrayBuffer();
          answers.push({ phase: at, status: response.status, retryAfter: response.headers.get('retry-after'), code });
        } catch {
          // The service did not answer at all (a crash, a refused connection).
          answers.push({ phase: at, status: 0, retryAfter: null, code });
        }
        await sleep(20);
      }
    };
    const writers = Promise.all([0, 1, 2, 3].map(writer));

    await until(() => count('up', is2xx), (n) => n >= 20);
    await killPostgres(dataDir);
    phase = 'down';
    await until(() => answers.filter((a) => a.phase === 'down').length, (n) => n >= 20);
    await setting.server!.stop();
    setting.server = await startPostgres(dataDir, port);
    phase = 'back';
    await until(() => count('back', (s) => s === 201), (n) => n >= 20);
    running = false;
    await writers;

    const unexpected = answers.filter((a) => !is2xx(a.status) && a.status !== 503);
    expect(unexpected).toEqual([]);
    expect(answers.filter((a) => a.status === 503 && a.retryAfter === null)).toEqual([]);
    expect(count('down', (s) => s === 503)).toBeGreaterThan(0);
    expect(service.supervisor.restarts(SERVICE)).toBe(0);

    // Every write that was acknowledged is there, outage or not.
    await until(() => readiness(base), (r) => r.status === 200, 500);
    const acknowledged = answers.filter((a) => is2xx(a.status));
    const reads = await Promise.all(
      acknowledged.map((a) => fetch(`${base}/agencies/${a.code}`, { headers, signal: AbortSignal.timeout(60_000) }).then((r) => r.status)),
    );
    expect(reads.filter((status) => status !== 200)).toEqual([]);

    // Shutdown with the database down again finishes on its own.
    await killPostgres(dataDir);
    expect(await stopGracefully(service)).toEqual({ crashes: 0, killed: false });
    setting.service = null;
  });
});

describeWithPrivateKafka('a service in Kafka mode while its broker is down', (kafka) => {
  const setting = withOwnPostgres('kinerja-kafka-outage-');

  it('is not ready while the broker is unreachable, ready again once it is back, and shuts down with the broker down', async () => {
    const service = (setting.service = await startService(setting.databaseUrl, setting.keyDir, { TRANSPORT: 'kafka', KAFKA_BROKERS: kafka.brokers.join(',') }));
    expect((await readiness(service.base)).checks.transport).toEqual({ status: 'up' });

    await kafka.stop();
    const down = await until(() => readiness(service.base), (r) => r.status === 503, 500);
    expect(down.checks.transport.status).toBe('down');
    expect(down.checks['event-store']).toEqual({ status: 'up' });

    await kafka.start();
    await until(() => readiness(service.base), (r) => r.status === 200, 500);

    // Writes go on (the event store is the source of truth); the relay keeps trying to publish them.
    await kafka.stop();
    await until(() => readiness(service.base), (r) => r.status === 503, 500);
    const token = await (await LocalIssuer.open(setting.keyDir)).issueToken({ sub: '199001012015031001', role: 'ADMIN_CITY' });
    const code = uniqueName('KAFKADOWN').replace(/[^A-Za-z0-9]/g, '').toUpperCase();
    const written = await fetch(`${service.base}/agencies`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ code, name: 'Dinas Uji Broker Mati' }),
    });
    expect(written.status).toBe(201);
    expect(await stopGracefully(service)).toEqual({ crashes: 0, killed: false });
    setting.service = null;
  });
});
