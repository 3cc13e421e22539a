import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { Client } from 'pg';

/** CPU seconds of a thread or process from /proc (Linux): utime + stime, in clock ticks of 10 ms. */
function cpuOf(path: string): number {
  try {
    const stat = readFileSync(path, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0; // the process ended meanwhile
  }
}

export interface CpuSample {
  /** The main thread of the servers' process (the load generator runs in a worker thread of the bench's). */
  node: number;
  /** The PostgreSQL backends connected to the bench database, by pid. */
  pg: Map<number, number>;
}

export interface CpuUse {
  nodeMs: number;
  pgMs: number;
}

/**
 * CPU spent on a stretch of work by the servers and by PostgreSQL, per request: a figure that does
 * not depend on what else the machine runs (the requests per second do), from which the rate of
 * a quiet machine follows (cores / CPU per request). The servers are the main thread of process
 * `pid` (default this one); PostgreSQL, the backends connected to `db`'s database. Background
 * processes of the cluster (WAL writer, checkpointer) are not counted.
 */
export class CpuMeter {
  constructor(
    private readonly db: Client,
    private readonly pid: number = process.pid,
  ) {}

  async sample(): Promise<CpuSample> {
    const { rows } = await this.db.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
    return { node: cpuOf(`/proc/${this.pid}/task/${this.pid}/stat`), pg: new Map(rows.map((r) => [r.pid, cpuOf(`/proc/${r.pid}/stat`)])) };
  }

  async measure<T>(work: () => Promise<T>, requests: number): Promise<{ result: T; cpu: CpuUse }> {
    const before = await this.sample();
    const result = await work();
    const after = await this.sample();
    let pg = 0;
    // A backend opened during the work counts from zero.
    for (const [pid, seconds] of after.pg) pg += seconds - (before.pg.get(pid) ?? 0);
    return { result, cpu: { nodeMs: ((after.node - before.node) * 1000) / requests, pgMs: (pg * 1000) / requests } };
  }
}

/** "node 1.2 + pg 3.4 = 4.6 ms/request (≈ 430/s on 2 cores)". */
export function showCpu(cpu: CpuUse): string {
  const total = cpu.nodeMs + cpu.pgMs;
  return `node ${cpu.nodeMs.toFixed(1)} + pg ${cpu.pgMs.toFixed(1)} = ${total.toFixed(1)} ms CPU/request (≈ ${((cpus().length * 1000) / total).toFixed(0)}/s on ${cpus().length} cores)`;
}
