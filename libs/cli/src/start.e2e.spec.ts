import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { LocalIssuer } from '@kinerja/platform';
import { createTestDatabase, TestDatabase } from '@kinerja/testing';
import { DATA_DIR, REPO_ROOT } from './paths';

/** `kinerja start` against a database of its own, with work-planning on a free port. */
describe('kinerja start', () => {
  let db: TestDatabase;
  let launcher: ChildProcess;
  // The test database's anchors stay out of .data/anchors.
  const anchorDir = mkdtempSync(join(tmpdir(), 'kinerja-start-anchors-'));
  const lines: string[] = [];
  const waiters: Array<() => void> = [];

  beforeAll(async () => {
    db = await createTestDatabase('kt_cli');
  });
  afterAll(async () => {
    if (launcher && launcher.exitCode === null && launcher.signalCode === null) launcher.kill('SIGKILL');
    await db.drop();
    rmSync(anchorDir, { recursive: true, force: true });
  });

  function waitForLine(pattern: RegExp, timeoutMs = 120_000): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} in:\n${lines.slice(-30).join('\n')}`)), timeoutMs);
      let seen = 0;
      const check = () => {
        for (; seen < lines.length; seen++) {
          const match = pattern.exec(lines[seen]);
          if (match) {
            clearTimeout(timer);
            waiters.splice(waiters.indexOf(check), 1);
            resolve(match);
            return;
          }
        }
      };
      waiters.push(check);
      check();
    });
  }

  async function waitForHealth(base: string, timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const ok = await fetch(`${base}/health`, { signal: AbortSignal.timeout(2000) })
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) return;
      await new Promise((r) => setTimeout(r, 300));
    }
    throw new Error(`${base}/health did not answer`);
  }

  const isAlive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  it('serves work-planning, restarts it after a crash, and stops everything on SIGINT', async () => {
    launcher = spawn(process.execPath, [join(REPO_ROOT, 'libs/cli/bin/kinerja.js'), 'start', '--only', 'work-planning', '--ports', 'auto'], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: 'warn', AUDIT_ANCHOR_DIR: anchorDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [launcher.stdout!, launcher.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        lines.push(line);
        for (const check of [...waiters]) check();
      });
    }
    const exited = new Promise<number | null>((resolve) => launcher.once('exit', (code) => resolve(code)));

    const [, base] = await waitForLine(/^\[kinerja\] work-planning\s+(http:\/\/127\.0\.0\.1:\d+)\s/);
    const firstPid = Number((await waitForLine(/^\[kinerja\] work-planning started \(pid (\d+)\)/))[1]);
    await waitForHealth(base);

    const issuer = await LocalIssuer.open(join(DATA_DIR, 'auth'));
    const token = await issuer.issueToken({ sub: '199001012015031001', role: 'ADMIN_CITY' });
    const code = `E2E${Date.now().toString(36).toUpperCase()}`;
    const created = await fetch(`${base}/agencies`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ code, name: 'Dinas Uji Launcher' }),
    });
    expect(created.status).toBe(201);

    process.kill(firstPid, 'SIGKILL');
    await waitForLine(/work-planning \| \[supervisor\] exited \(SIGKILL\)/);
    const secondPid = Number((await waitForLine(new RegExp(`^\\[kinerja\\] work-planning started \\(pid (?!${firstPid}\\))(\\d+)\\)`)))[1]);
    expect(secondPid).not.toBe(firstPid);
    await waitForHealth(base);
    const read = await fetch(`${base}/agencies/${code}`, { headers: { authorization: `Bearer ${token}` } });
    expect(read.status).toBe(200);

    launcher.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(isAlive(firstPid)).toBe(false);
    expect(isAlive(secondPid)).toBe(false);
    expect(lines).toContain('[kinerja] stopped');
  });

  it('--replicas 2: two processes of work-planning behind HAProxy on its port, each answering with the other\'s writes; SIGINT stops them all', async () => {
    lines.length = 0;
    launcher = spawn(process.execPath, [join(REPO_ROOT, 'libs/cli/bin/kinerja.js'), 'start', '--only', 'work-planning', '--ports', 'auto', '--replicas', '2'], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: 'warn', AUDIT_ANCHOR_DIR: anchorDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [launcher.stdout!, launcher.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        lines.push(line);
        for (const check of [...waiters]) check();
      });
    }
    const exited = new Promise<number | null>((resolve) => launcher.once('exit', (code) => resolve(code)));

    const [, base] = await waitForLine(/^\[kinerja\] work-planning\s+(http:\/\/127\.0\.0\.1:\d+)\s/);
    const pids = [
      Number((await waitForLine(/^\[kinerja\] work-planning\/1 started \(pid (\d+)\)/))[1]),
      Number((await waitForLine(/^\[kinerja\] work-planning\/2 started \(pid (\d+)\)/))[1]),
      Number((await waitForLine(/^\[kinerja\] haproxy started \(pid (\d+)\)/))[1]),
    ];
    await waitForLine(/^\[kinerja\] work-planning is up/);

    const issuer = await LocalIssuer.open(join(DATA_DIR, 'auth'));
    const token = await issuer.issueToken({ sub: '199001012015031001', role: 'ADMIN_CITY' });
    // Round robin: consecutive requests go to both replicas; each command answers with its write
    // visible and each read finds the previous ones, whichever replica holds the projections.
    for (let i = 0; i < 4; i++) {
      const code = `R${i}${Date.now().toString(36).toUpperCase()}`;
      const created = await fetch(`${base}/agencies`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ code, name: `Dinas Uji Replika ${i}` }),
      });
      expect(created.status).toBe(201);
      for (let j = 0; j < 2; j++) expect((await fetch(`${base}/agencies/${code}`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    }

    launcher.kill('SIGINT');
    expect(await exited).toBe(0);
    for (const pid of pids) expect(isAlive(pid)).toBe(false);
    expect(lines).toContain('[kinerja] stopped');
  });
});
