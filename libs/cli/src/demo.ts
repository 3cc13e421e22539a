import { join } from 'node:path';
import { Client } from 'pg';
import { guardClient } from '@kinerja/event-store';
import { loadCityKey } from '@kinerja/audit';
import { LocalIssuer } from '@kinerja/platform';
import { CITY_KEY_PATH } from './audit';
import { ParsedArgs, stringOption, UsageError } from './args';
import { provideDatabase } from './database';
import { CityApi } from './demo/http';
import { openInboundStream } from './demo/inbound';
import { runCityScenario, SCENARIO_START } from './demo/scenario';
import { launchSystem } from './demo/system';
import { DATA_DIR } from './paths';

const log = (line: string) => process.stdout.write(`[demo] ${line}\n`);

export const positiveInt = (args: ParsedArgs, name: string, fallback: number) => {
  const text = stringOption(args, name);
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) <= 0) throw new UsageError(`--${name} must be a positive whole number`);
  return Number(text);
};

/** A fresh database for the demo city on the server of `url` (dropped and created again). */
export async function freshDatabase(url: string, name: string): Promise<string> {
  const client = guardClient(new Client({ connectionString: url }));
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
}

/** Drops the database `name` on the server of `url`, if it is there (its connections closed). */
export async function dropDatabase(url: string, name: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/**
 * `kinerja demo [--employees 2000] [--seed 1] [--transport pg-log|kafka] [--exit]`: the four
 * services on a fresh database `kinerja_demo` (embedded PostgreSQL unless DATABASE_URL), with the
 * simulated clock, then the demo city's year through their public HTTP APIs. The system keeps
 * running afterwards for exploring (Ctrl-C stops it) unless --exit.
 */
export async function demoCommand(args: ParsedArgs): Promise<number> {
  const employees = positiveInt(args, 'employees', 2000);
  const seed = positiveInt(args, 'seed', 1);
  const transport = stringOption(args, 'transport') ?? 'pg-log';
  if (transport !== 'pg-log' && transport !== 'kafka') throw new UsageError('--transport is pg-log or kafka');
  if (transport === 'kafka' && !process.env.KAFKA_BROKERS) throw new UsageError('--transport kafka needs KAFKA_BROKERS');

  const server = await provideDatabase(log);
  const databaseUrl = await freshDatabase(server.url, 'kinerja_demo');
  const keyDir = join(DATA_DIR, 'auth');
  const issuer = await LocalIssuer.open(keyDir);
  loadCityKey(CITY_KEY_PATH, true);
  log(`starting the four services on ${new URL(databaseUrl).pathname.slice(1)} (${transport}, simulated clock)`);
  const topicPrefix = transport === 'kafka' ? `demo${Date.now().toString(36)}.` : '';
  const system = await launchSystem({
    databaseUrl,
    transport,
    kafkaBrokers: process.env.KAFKA_BROKERS,
    topicPrefix,
    keyDir,
    auditKeyFile: CITY_KEY_PATH,
    clockStart: SCENARIO_START,
    web: true,
    output: (service, line) => {
      if (process.env.KINERJA_DEMO_LOGS || /"level":(50|60|"error"|"fatal")|\[supervisor\]/.test(line)) process.stdout.write(`${service} | ${line}\n`);
    },
  });
  log(`Kinerja: ${system.webUrl}   (the console; the demo city is being built, sign in once it is done)`);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await system.stop();
    await server.stop();
  };
  process.on('SIGINT', () => void stop().then(() => process.exit(0)));
  process.on('SIGTERM', () => void stop().then(() => process.exit(0)));

  const started = Date.now();
  // The Disdukcapil's and the kelurahan's systems stream their completed applications (issue 19).
  const inbound = openInboundStream({ transport, databaseUrl, kafkaBrokers: process.env.KAFKA_BROKERS, topicPrefix });
  try {
    const api = new CityApi(system.urls, issuer);
    const outcome = await runCityScenario(api, { employees, seed, log, inbound }).finally(() => inbound.close());
    const seconds = (Date.now() - started) / 1000;
    const counts: Record<string, number> = {};
    for (const p of Object.values(outcome.predicates)) counts[p] = (counts[p] ?? 0) + 1;
    log(`done in ${seconds.toFixed(0)} s: ${outcome.commands} requests (${(outcome.commands / seconds).toFixed(0)}/s)`);
    log(`sent again: ${api.retried} while a service or its database restarted, ${api.waitedForFacts} until a service had learned the facts they rest on; ${api.notYetVisible} answered 202 not yet visible`);
    log(`city: ${outcome.city.agencies.length} agencies, ${Object.keys(outcome.predicates).length} employees; predicates ${outcome.year}: ${JSON.stringify(counts)}`);
    log(`complaints: ${outcome.complaints.filed} filed, ${outcome.complaints.resolved} resolved in time, ${outcome.complaints.leftToBreach} past their SLA`);
    const officers = outcome.serviceRecords.officers;
    log(`service records: ${outcome.serviceRecords.sent} streamed on the inbound topic for ${officers.length} officers at ${new Set(officers.map((o) => o.desk.unitId)).size} desks, ${outcome.serviceRecords.rejected} reported back (unknown officer)`);
    for (const o of officers.slice(0, 3)) log(`  ${o.nip} ${o.desk.serviceCode}: ${Object.entries(o.expected).map(([p, f]) => `${p} ${f.percent} %`).join(', ')} within the standard (computed IKI I2)`);
    log(`keberatan of ${outcome.objection.nip}: ${outcome.objection.before} → ${outcome.objection.after}; decision ${outcome.objection.revokedDecisionId} revoked`);
    log(`decisions issued: ${outcome.issuedDecisions.join(', ')}`);
    for (const [name, url] of Object.entries(system.urls)) log(`${name.padEnd(17)} ${url}/docs`);
    log(`Kinerja: ${system.webUrl}   (sign in on the development page as any person of the demo city)`);
    const roleName: Record<string, string> = { ADMIN_OPD: 'Admin OPD', ADMIN_CITY: 'Admin kota (BKPSDM)', AUDITOR: 'Auditor' };
    for (const h of outcome.roleHolders) log(`  ${`${roleName[h.role]}${h.agencyId ? ` ${h.agencyId}` : ''}`.padEnd(26)} ${h.name} (${h.nip})`);
    log('tokens: npm run kinerja -- token --sub <NIP> --role <ROLE> [--agency <id>]; audit: npm run kinerja -- audit verify --database-url ' + databaseUrl);
  } catch (error) {
    await stop();
    throw error;
  }
  if (args.options.has('exit')) {
    await stop();
    return 0;
  }
  log('the demo city keeps running; Ctrl-C stops it');
  return new Promise<number>(() => undefined);
}
