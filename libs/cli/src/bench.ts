import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Client } from 'pg';
import { guardClient } from '@kinerja/event-store';
import { EMBEDDED_PG_DIR, EMBEDDED_PG_PORT, ensureDatabase } from './database';
import { REPO_ROOT } from './paths';

const LOCAL_BROKER = `127.0.0.1:${process.env.KINERJA_KAFKA_PORT || 9092}`;
const log = (line: string) => process.stderr.write(`[kinerja] ${line}\n`);

interface BenchEntry {
  name: string;
  file: string;
}

/** `libs/<lib>/bench/<name>.bench.ts` and `services/<svc>/bench/<name>.bench.ts`. */
export function findBenches(): BenchEntry[] {
  const benches: BenchEntry[] = [];
  for (const group of ['libs', 'services']) {
    const groupDir = join(REPO_ROOT, group);
    if (!existsSync(groupDir)) continue;
    for (const project of readdirSync(groupDir).sort()) {
      const dir = join(groupDir, project, 'bench');
      if (!existsSync(dir)) continue;
      for (const file of readdirSync(dir).sort()) {
        const match = /^(.+)\.bench\.ts$/.exec(file);
        if (match) benches.push({ name: match[1], file: join(dir, file) });
      }
    }
  }
  return benches;
}

/**
 * `kinerja bench [<name>] [-- args]`: runs a benchmark in its own process with DATABASE_URL (given,
 * or a fresh database `kinerja_bench` on the embedded server of .data/pg) and KAFKA_BROKERS (given,
 * or the local broker of deploy/local/kafka.sh when Java is installed).
 */
export async function benchCommand(argv: string[]): Promise<number> {
  const benches = findBenches();
  const [name, ...rest] = argv[0] === '--' ? argv.slice(1) : argv;
  if (!name) {
    process.stdout.write('Benchmarks (npm run bench -- <name>):\n');
    for (const b of benches) process.stdout.write(`  ${b.name.padEnd(16)} ${relative(REPO_ROOT, b.file)}\n`);
    if (benches.length === 0) process.stdout.write('  (none yet)\n');
    return 0;
  }
  const matches = benches.filter((b) => b.name === name);
  if (matches.length === 0) {
    log(`no benchmark named ${name}; available: ${benches.map((b) => b.name).join(', ') || 'none'}`);
    return 2;
  }
  if (matches.length > 1) {
    log(`several benchmarks are named ${name}: ${matches.map((b) => relative(REPO_ROOT, b.file)).join(', ')}`);
    return 2;
  }

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SWC_NODE_PROJECT: process.env.SWC_NODE_PROJECT ?? join(REPO_ROOT, 'tsconfig.base.json'),
    KAFKAJS_NO_PARTITIONER_WARNING: '1',
  };
  const cleanups: Array<() => Promise<void>> = [];
  try {
    if (!env.DATABASE_URL) {
      const server = await startBenchPostgres();
      cleanups.push(server.stop);
      env.DATABASE_URL = server.url;
    }
    if (!env.KAFKA_BROKERS) {
      const stopKafka = provideKafka();
      if (stopKafka) {
        cleanups.push(stopKafka);
        env.KAFKA_BROKERS = LOCAL_BROKER;
      } else if (spawnSync('bash', [join(REPO_ROOT, 'deploy/local/kafka.sh'), 'status'], { stdio: 'ignore' }).status === 0) {
        env.KAFKA_BROKERS = LOCAL_BROKER;
      }
    }
    log(`running ${relative(REPO_ROOT, matches[0].file)} (DATABASE_URL ${new URL(env.DATABASE_URL).host}, KAFKA_BROKERS ${env.KAFKA_BROKERS ?? 'none'})`);
    return await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, ['-r', '@swc-node/register', matches[0].file, ...rest], {
        cwd: REPO_ROOT,
        env,
        stdio: 'inherit',
      });
      const forward = (signal: NodeJS.Signals) => child.kill(signal);
      process.on('SIGINT', forward);
      process.on('SIGTERM', forward);
      child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    });
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: Error) => log(`cleanup: ${error.message}`));
  }
}

async function startBenchPostgres(): Promise<{ url: string; stop: () => Promise<void> }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const embedded = require(join(REPO_ROOT, 'libs/testing/bin/embedded-postgres.js')) as {
    startEmbeddedPostgres(o: { dataDir: string; port: number; ifRunning: 'reuse' }): Promise<{ url: string; reused: boolean; stop(): Promise<void> }>;
  };
  log(`PostgreSQL: embedded (.data/pg), database kinerja_bench`);
  const server = await embedded.startEmbeddedPostgres({ dataDir: EMBEDDED_PG_DIR, port: EMBEDDED_PG_PORT, ifRunning: 'reuse' });
  // A fresh database each run, so that runs compare.
  const admin = guardClient(new Client({ connectionString: server.url }));
  await admin.connect();
  try {
    await admin.query('DROP DATABASE IF EXISTS kinerja_bench WITH (FORCE)');
  } finally {
    await admin.end();
  }
  await ensureDatabase(server.url, 'kinerja_bench');
  const url = new URL(server.url);
  url.pathname = '/kinerja_bench';
  return { url: url.toString(), stop: server.stop };
}

/** Starts the local broker when Java is present and none runs; returns how to stop it, or null. */
function provideKafka(): (() => Promise<void>) | null {
  const script = join(REPO_ROOT, 'deploy/local/kafka.sh');
  if (spawnSync('sh', ['-c', 'command -v java && command -v mvn'], { stdio: 'ignore' }).status !== 0) {
    log('Kafka: no KAFKA_BROKERS and no Java: Kafka figures are left out');
    return null;
  }
  if (spawnSync('bash', [script, 'status'], { stdio: 'ignore' }).status === 0) return null;
  if (spawnSync('bash', [script, 'start'], { stdio: 'inherit' }).status !== 0) {
    log('Kafka: the local broker failed to start: Kafka figures are left out');
    return null;
  }
  return async () => void spawnSync('bash', [script, 'stop'], { stdio: 'inherit' });
}
