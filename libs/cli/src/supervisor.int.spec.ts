import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitUntil } from '@kinerja/testing';
import { Supervisor } from './supervisor';

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};


describe('Supervisor', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kinerja-supervisor-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('restarts a crashed child with growing backoff and stops every child with SIGTERM', async () => {
    // A child that crashes on its first two runs, then stays up and leaves cleanly on SIGTERM.
    const counter = join(dir, 'runs');
    writeFileSync(counter, '0');
    const script = join(dir, 'child.js');
    writeFileSync(
      script,
      `const fs = require('fs');
       const runs = Number(fs.readFileSync(${JSON.stringify(counter)}, 'utf8')) + 1;
       fs.writeFileSync(${JSON.stringify(counter)}, String(runs));
       if (runs <= 2) process.exit(3);
       process.on('SIGTERM', () => process.stdout.write('bye\\n', () => process.exit(0)));
       console.log('run ' + runs);
       setInterval(() => undefined, 1000);`,
    );
    const stayer = join(dir, 'stayer.js');
    writeFileSync(stayer, `process.on('SIGTERM', () => process.exit(0)); console.log('up'); setInterval(() => undefined, 1000);`);

    const output: string[] = [];
    const starts: number[] = [];
    const supervisor = new Supervisor(
      [
        { name: 'flaky', command: process.execPath, args: [script], cwd: dir, env: process.env },
        { name: 'steady', command: process.execPath, args: [stayer], cwd: dir, env: process.env },
      ],
      {
        initialBackoffMs: 100,
        maxBackoffMs: 1000,
        output: (name, line) => output.push(`${name}: ${line}`),
        started: (name) => {
          if (name === 'flaky') starts.push(Date.now());
        },
      },
    );
    // Slow to start on a busy machine, never stuck: give up only when the children print nothing.
    const until = (line: string) => waitUntil(() => output.includes(line), Boolean, { what: line, progress: () => output.length, everyMs: 20 });
    supervisor.start();
    await until('flaky: run 3');
    await until('steady: up');
    expect(supervisor.restarts('flaky')).toBe(2);
    expect(supervisor.restarts('steady')).toBe(0);
    expect(output.filter((l) => l.includes('[supervisor] exited (code 3)'))).toHaveLength(2);
    expect(output).not.toContain('flaky: run 1');
    expect(output.filter((l) => l.includes('restarting in')).map((l) => /in ([\d.]+) s/.exec(l)![1])).toEqual(['0.1', '0.2']);
    expect(starts[2] - starts[1]).toBeGreaterThanOrEqual(200);

    const flakyPid = supervisor.pid('flaky')!;
    process.kill(flakyPid, 'SIGKILL');
    await until('flaky: run 4');
    expect(supervisor.restarts('flaky')).toBe(3);

    const pids = [supervisor.pid('flaky')!, supervisor.pid('steady')!];
    await supervisor.stop();
    for (const pid of pids) expect(isAlive(pid)).toBe(false);
    expect(output).toContain('flaky: bye');
    // The waits above end the test when the children stall; this only backs them up.
  }, 15 * 60_000);
});
