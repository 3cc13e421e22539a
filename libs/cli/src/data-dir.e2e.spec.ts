import { ChildProcess, execFile, spawn } from 'node:child_process';
import { chmod, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { freePort } from './database';
import { REPO_ROOT } from './paths';

const KINERJA = join(REPO_ROOT, 'libs/cli/bin/kinerja.js');
const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

/**
 * The order that broke on a fresh clone as root (issue 12 §2): `kinerja token` created `.data`
 * private, so embedded PostgreSQL, run as the `postgres` user, could not reach `.data/pg`.
 * On a fresh `.data` of its own (KINERJA_DATA_DIR), with the embedded default (no DATABASE_URL).
 */
describe('the data folder of the CLI', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let launcher: ChildProcess | null = null;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kinerja-data-dir-'));
    // A clone's folder is open to others; mkdtemp's is not.
    await chmod(dir, 0o755);
    const { DATABASE_URL: _database, AUTH_LOCAL_KEY_DIR: _keys, AUDIT_SIGNING_KEY_FILE: _audit, ...rest } = process.env;
    env = { ...rest, KINERJA_DATA_DIR: join(dir, '.data'), KINERJA_PG_PORT: String(await freePort()), LOG_LEVEL: 'warn' };
  });
  afterAll(async () => {
    if (launcher && launcher.exitCode === null && launcher.signalCode === null) {
      launcher.kill('SIGINT');
      await new Promise((resolve) => launcher!.once('exit', resolve));
    }
    await rm(dir, { recursive: true, force: true });
  });

  /** `kinerja start --only work-planning`, until it serves a write made with `token`; then Ctrl-C. */
  async function startAndWrite(token: string, code: string, alsoDemo = false): Promise<void> {
    const child = spawn(process.execPath, [KINERJA, 'start', '--only', 'work-planning', '--ports', 'auto'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    launcher = child;
    const lines: string[] = [];
    const exited = new Promise<number | null>((resolve) => child.once('exit', (status) => resolve(status)));
    const base = await new Promise<string>((resolve, reject) => {
      for (const stream of [child.stdout!, child.stderr!]) {
        createInterface({ input: stream }).on('line', (line) => {
          lines.push(line);
          const up = /^\[kinerja\] work-planning is up: (http:\/\/\S+)$/.exec(line);
          if (up) resolve(up[1]);
        });
      }
      void exited.then((status) => reject(new Error(`kinerja start exited (${status}) before work-planning was up:\n${lines.slice(-40).join('\n')}`)));
    });
    const created = await fetch(`${base}/agencies`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ code, name: 'Dinas Uji Folder Data' }),
    });
    expect(created.status).toBe(201);
    if (alsoDemo) await demoWhileRunning();
    const before = lines.length;
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    launcher = null;
    // Ctrl-C is quiet: nothing at error level, no stack trace, while everything stops.
    const afterStop = lines.slice(before);
    expect(afterStop.filter((line) => /"level":(50|60|"error"|"fatal")|^\s+at |Error:/.test(line))).toEqual([]);
    expect(afterStop).toContain('[kinerja] stopped');
  }

  /** `npm run demo` while `npm start` holds .data/pg says what to do instead of a stack trace. */
  async function demoWhileRunning(): Promise<void> {
    const demo = await promisify(execFile)(process.execPath, [KINERJA, 'demo', '--employees', '5', '--exit'], { cwd: REPO_ROOT, env }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    expect(demo.code).toBe(1);
    expect(demo.stderr).toMatch(/Kinerja is already running .*\.data\/pg/);
    expect(demo.stderr).toMatch(/Stop it first/);
    expect(demo.stderr).not.toMatch(/^\s+at /m);
  }

  it('lets `kinerja start` (embedded PostgreSQL) follow `kinerja token`, as root too, and keeps only the keys private', async () => {
    const issued = await promisify(execFile)(process.execPath, [KINERJA, 'token', '--sub', '199001012015031001', '--role', 'ADMIN_CITY'], { cwd: REPO_ROOT, env });
    // The token alone on stdout (a script can take it as it is).
    expect(issued.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const token = issued.stdout.trim();
    const data = join(dir, '.data');
    // As the umask gives any folder (0755 usually), not private.
    expect(await modeOf(data)).toBe(0o777 & ~process.umask());
    expect(await modeOf(join(data, 'auth'))).toBe(0o700);
    expect(await modeOf(join(data, 'auth', 'private.jwk.json'))).toBe(0o600);

    await startAndWrite(token, 'DATA-DIR-1', true);

    // A `.data` left private (by an older version, or by a key created first elsewhere) is opened
    // for passing through only, and the server starts again on its data.
    await chmod(data, 0o700);
    await startAndWrite(token, 'DATA-DIR-2');
    expect(await modeOf(data)).toBe(process.getuid?.() === 0 ? 0o711 : 0o700);
  });
});
