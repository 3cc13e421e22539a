import { ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ChildSpec {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export interface SupervisorOptions {
  /** One line of a child's output, or a line of the supervisor about a child. */
  output?: (name: string, line: string) => void;
  started?: (name: string, pid: number) => void;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** A child that ran this long before crashing is restarted after the initial backoff again. */
  stableAfterMs?: number;
  /** SIGTERM, then SIGKILL after this long. */
  stopTimeoutMs?: number;
}

interface Slot {
  spec: ChildSpec;
  child?: ChildProcess;
  startedAt: number;
  backoffMs: number;
  restarts: number;
  timer?: NodeJS.Timeout;
}

/** Runs each child, restarts one that exits with growing backoff, and stops them all on request. */
export class Supervisor {
  private readonly slots = new Map<string, Slot>();
  private stopping = false;
  private readonly options: Required<SupervisorOptions>;

  constructor(specs: readonly ChildSpec[], options: SupervisorOptions = {}) {
    this.options = {
      output: options.output ?? ((name, line) => process.stdout.write(`${name} | ${line}\n`)),
      started: options.started ?? (() => undefined),
      initialBackoffMs: options.initialBackoffMs ?? 1000,
      maxBackoffMs: options.maxBackoffMs ?? 30_000,
      stableAfterMs: options.stableAfterMs ?? 30_000,
      stopTimeoutMs: options.stopTimeoutMs ?? 15_000,
    };
    for (const spec of specs) {
      this.slots.set(spec.name, { spec, startedAt: 0, backoffMs: this.options.initialBackoffMs, restarts: 0 });
    }
  }

  start(): void {
    for (const slot of this.slots.values()) this.launch(slot);
  }

  pid(name: string): number | undefined {
    return this.slots.get(name)?.child?.pid;
  }

  restarts(name: string): number {
    return this.slots.get(name)?.restarts ?? 0;
  }

  private launch(slot: Slot): void {
    if (this.stopping) return;
    const { spec } = slot;
    const child = spawn(spec.command, spec.args, { cwd: spec.cwd, env: spec.env, stdio: ['ignore', 'pipe', 'pipe'] });
    slot.child = child;
    slot.startedAt = Date.now();
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => this.options.output(spec.name, line));
    }
    child.on('error', (error) => this.options.output(spec.name, `[supervisor] could not start: ${error.message}`));
    if (child.pid !== undefined) this.options.started(spec.name, child.pid);
    child.on('exit', (code, signal) => {
      if (slot.child === child) slot.child = undefined;
      if (this.stopping) return;
      const ranMs = Date.now() - slot.startedAt;
      if (ranMs >= this.options.stableAfterMs) slot.backoffMs = this.options.initialBackoffMs;
      const delay = slot.backoffMs;
      slot.backoffMs = Math.min(slot.backoffMs * 2, this.options.maxBackoffMs);
      slot.restarts++;
      this.options.output(
        spec.name,
        `[supervisor] exited (${signal ?? `code ${code}`}) after ${(ranMs / 1000).toFixed(1)} s; restarting in ${(delay / 1000).toFixed(1)} s`,
      );
      slot.timer = setTimeout(() => this.launch(slot), delay);
    });
  }

  /** Stops restarting, sends SIGTERM to every child and waits for them (SIGKILL after the timeout). */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(
      [...this.slots.values()].map(async (slot) => {
        if (slot.timer) clearTimeout(slot.timer);
        const child = slot.child;
        if (!child || child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        const timer = setTimeout(() => {
          this.options.output(slot.spec.name, `[supervisor] still running after ${this.options.stopTimeoutMs / 1000} s: SIGKILL`);
          child.kill('SIGKILL');
        }, this.options.stopTimeoutMs);
        await exited;
        clearTimeout(timer);
      }),
    );
  }
}
