import { Pool } from 'pg';
import { ConfigError, loadConfig, SubscriberConfig } from './config';
import { errorFields, jsonLog } from './log';
import { SubscriberMetrics, startOpsServer } from './http';
import { formatStatistics, readStatistics } from './stats';
import { startSubscriber } from './subscriber';

const USAGE = `usage: analytics-subscriber [run]          consume the public topics into the analytics schema
       analytics-subscriber stats [--json] print the statistics
env: KAFKA_BROKERS (run), DATABASE_URL, ANALYTICS_SCHEMA=analytics, GROUP_ID=kinerja-analytics,
     TOPIC_PREFIX, TIME_ZONE=Asia/Jakarta, LOG_LEVEL=info, PORT=3010 (/health, /metrics, /docs)
`;

function configOrExit(mode: 'run' | 'stats'): SubscriberConfig {
  try {
    return loadConfig(process.env, mode);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    jsonLog('info', (line) => process.stderr.write(line))('fatal', error.message, { problems: error.problems });
    process.exit(1);
  }
}

async function printStatistics(json: boolean): Promise<void> {
  const config = configOrExit('stats');
  const pool = new Pool({ connectionString: config.databaseUrl, max: 1 });
  pool.on('error', () => undefined);
  try {
    const stats = await readStatistics(pool, config.schema);
    process.stdout.write(json ? `${JSON.stringify(stats, null, 2)}\n` : formatStatistics(stats));
  } finally {
    await pool.end();
  }
}

async function run(): Promise<void> {
  const config = configOrExit('run');
  const log = jsonLog(config.logLevel);
  const metrics = new SubscriberMetrics();
  const subscriber = await startSubscriber(config, log, metrics);
  const ops = await startOpsServer(config.port, () => subscriber.status(), metrics);
  log('info', 'listening', { port: ops.port, health: `http://localhost:${ops.port}/health`, metrics: `http://localhost:${ops.port}/metrics`, docs: `http://localhost:${ops.port}/docs` });
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log('info', 'shutting down', { signal });
    Promise.all([subscriber.stop(), ops.close()]).then(
      () => process.exit(0),
      (error: unknown) => {
        log('error', 'shutdown failed', errorFields(error));
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

const [command = 'run', ...rest] = process.argv.slice(2);
const main = command === 'stats' ? printStatistics(rest.includes('--json')) : command === 'run' ? run() : null;
if (main === null) {
  process.stderr.write(USAGE);
  process.exit(2);
} else {
  main.catch((error: unknown) => {
    jsonLog('info', (line) => process.stderr.write(line))('fatal', 'analytics-subscriber failed', errorFields(error));
    process.exit(1);
  });
}
