import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { LocalIssuer } from '@kinerja/platform';
import { createTestDatabase, describeWithKafka, TestDatabase, waitUntil } from '@kinerja/testing';
import { CityState, readState, withoutTimes } from './demo/city-state';
import { CityApi } from './demo/http';
import { runCityScenario, SCENARIO_START, ScenarioOutcome } from './demo/scenario';
import { launchSystem, RunningSystem, SYSTEM_SERVICES, SystemService } from './demo/system';
import { rebuildService } from './rebuild';

/**
 * Issue 20 §4: two replicas of every service behind HAProxy. The demo city's year (small) ends in
 * the same read-model state on two replicas as on one; and with the replicas holding the
 * projections of work-planning and evaluation killed (SIGKILL) mid-year, the other replicas take
 * over: the same state again, the same events, and every read model equal to its rebuild from the
 * events (nothing lost, nothing applied twice).
 */
const EMPLOYEES = 16;
const SEED = 7;
const SCHEMAS: Record<SystemService, string> = {
  'work-planning': 'work_planning',
  'feedback-intake': 'feedback_intake',
  evaluation: 'evaluation',
  'career-decisions': 'career_decisions',
};

// Every wait in the scenario gives up when its answer stops changing; this only backs them up.
jest.setTimeout(60 * 60_000);

interface Run {
  outcome: ScenarioOutcome;
  state: CityState;
  /** `<schema>.<event type>` → events in the service's store. */
  events: Record<string, number>;
}

/** The services' reactors: each runs in one replica (its lease claim). */
const REACTORS: Partial<Record<SystemService, string>> = {
  'feedback-intake': 'sla-scheduler',
  evaluation: 'objection-window-scheduler',
  'career-decisions': 're-evaluation-saga',
};

/** What each service's lease holds once across its replicas: its projections, audit anchors (into `anchorDir`) and reactor. */
function claimsOf(service: SystemService, anchorDir: string): string[] {
  const schema = SCHEMAS[service];
  const reactor = REACTORS[service];
  return [`${schema}/projections`, `${schema}_events/audit-anchors ${join(anchorDir, `${service}.jsonl`)}`, ...(reactor ? [`${schema}_events/reactor/${reactor}`] : [])];
}

/** Claim → the pids of the processes holding it (from `kinerja-lease <pid> ...` in pg_stat_activity). */
async function leaseHolders(db: TestDatabase, anchorDir: string): Promise<Map<string, number[]>> {
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ claim: string; app: string }>(
      `SELECT n.claim, a.application_name AS app FROM unnest($1::text[]) AS n(claim)
         JOIN pg_locks l ON l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
          AND l.classid::bigint = (hashtext('kinerja_lease')::bigint & 4294967295) AND l.objid::bigint = (hashtext(n.claim)::bigint & 4294967295)
         JOIN pg_stat_activity a ON a.pid = l.pid AND a.datname = current_database()`,
      [SYSTEM_SERVICES.flatMap((service) => claimsOf(service, anchorDir))],
    );
    const holders = new Map<string, number[]>();
    for (const { claim, app } of rows) holders.set(claim, [...(holders.get(claim) ?? []), Number(app.split(' ')[1])]);
    return holders;
  } finally {
    await client.end();
  }
}

async function eventCounts(db: TestDatabase): Promise<Record<string, number>> {
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    const counts: Record<string, number> = {};
    for (const schema of Object.values(SCHEMAS)) {
      const { rows } = await client.query<{ type: string; n: number }>(`SELECT type, count(*)::int AS n FROM ${schema}_events.events GROUP BY type ORDER BY type`);
      for (const { type, n } of rows) counts[`${schema}.${type}`] = n;
    }
    return counts;
  } finally {
    await client.end();
  }
}

/** Requests a replica answered, from its own /metrics. */
async function requestsServed(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('http_request_duration_seconds_count'))
    .reduce((n, line) => n + Number(line.split(' ').pop()), 0);
}

async function playTheYear(
  db: TestDatabase,
  options: { replicas: number; transport: 'pg-log' | 'kafka'; brokers?: string[]; killHoldersOf?: SystemService[]; check?: (system: RunningSystem) => Promise<void> },
): Promise<Run> {
  const { replicas, transport, brokers, killHoldersOf = [] } = options;
  const keyDir = await mkdtemp(join(tmpdir(), 'kinerja-replicas-e2e-'));
  const anchorDir = join(keyDir, 'anchors');
  const lines: string[] = [];
  const system = await launchSystem({
    databaseUrl: db.url,
    transport,
    kafkaBrokers: brokers?.join(','),
    topicPrefix: transport === 'kafka' ? `e2e${Date.now().toString(36)}.` : '',
    keyDir,
    clockStart: SCENARIO_START,
    replicas,
    // Other test files share the PostgreSQL server while this one runs.
    env: { DB_POOL_SIZE: '2', AUDIT_ANCHOR_DIR: anchorDir },
    output: (service, line) => {
      if (/"level":(50|60|"error"|"fatal")|\[supervisor\]/.test(line)) lines.push(`${service} | ${line}`);
    },
  });
  try {
    const api = new CityApi(system.urls, await LocalIssuer.open(keyDir), system.replicaUrls);
    const killed = new Map<SystemService, number>();
    // Each service's projections, reactor and audit anchors run in exactly one of its replicas (once
    // every service has taken its claims: a replica that could not start a piece of work at once
    // gives the claim up and tries again a moment later).
    const claims = SYSTEM_SERVICES.flatMap((service) => claimsOf(service, anchorDir));
    const before = await waitUntil(
      () => leaseHolders(db, anchorDir),
      (holders) => claims.every((claim) => holders.get(claim)?.length === 1),
      { what: 'one holder of every claim', stallMs: 60_000 },
    ).catch(() => leaseHolders(db, anchorDir));
    for (const service of SYSTEM_SERVICES) {
      const pids = system.replicas(service).map((r) => r.pid);
      for (const claim of claimsOf(service, anchorDir)) {
        expect([claim, before.get(claim)?.length]).toEqual([claim, 1]);
        expect(pids).toContain(before.get(claim)![0]);
      }
    }
    // Mid-year, as semester 1 begins: the replica holding the service's lease dies without a word.
    const log = (line: string) => {
      if (killHoldersOf.length === 0 || killed.size > 0 || !/^2026: semester 1: .*\.\.\.$/.test(line)) return;
      for (const service of killHoldersOf) {
        const pid = before.get(`${SCHEMAS[service]}/projections`)![0];
        killed.set(service, pid);
        process.kill(pid, 'SIGKILL');
      }
    };
    const outcome = await runCityScenario(api, { employees: EMPLOYEES, seed: SEED, concurrency: 6, log }).catch((error: Error) => {
      throw new Error(`${error.message}\nservice errors:\n${lines.slice(0, 5).join('\n').slice(0, 4000)}`);
    });
    const state = await readState(api, db, outcome);
    const after = await leaseHolders(db, anchorDir);
    for (const service of SYSTEM_SERVICES) {
      for (const claim of claimsOf(service, anchorDir)) {
        const holders = after.get(claim) ?? [];
        expect([claim, holders.length]).toEqual([claim, 1]);
        expect(system.replicas(service).map((r) => r.pid)).toContain(holders[0]);
        // Another replica took over from the one killed (which came back and follows).
        if (killed.has(service)) expect(holders[0]).not.toBe(killed.get(service));
      }
    }
    expect(killed.size).toBe(killHoldersOf.length);
    await options.check?.(system);
    const restarted = /\[supervisor\] exited \(SIGKILL\)/;
    expect(lines.filter((l) => !/terminating connection/.test(l) && !restarted.test(l))).toEqual([]);
    for (const service of SYSTEM_SERVICES) expect(system.restarts(service)).toBe(killed.has(service) ? 1 : 0);
    return { outcome, state, events: await eventCounts(db) };
  } finally {
    await system.stop();
    await rm(keyDir, { recursive: true, force: true });
  }
}

/** Every read model of every service equals its rebuild from the service's events. */
async function expectRebuildsEqual(db: TestDatabase): Promise<void> {
  for (const service of SYSTEM_SERVICES) {
    const report = await rebuildService(service, db.url);
    expect(report.events).toBeGreaterThan(10);
    expect(Object.values(report.tables).filter((t) => !t.equal)).toEqual([]);
    expect(report).toMatchObject({ ok: true, unknownReadModels: [] });
  }
}

describeWithKafka('two replicas of every service behind HAProxy', (brokers) => {
  const dbs: TestDatabase[] = [];
  let one: Run;

  afterAll(async () => {
    for (const db of dbs) await db.drop();
  });

  it('plays the year on one replica of each service (the baseline)', async () => {
    const db = await createTestDatabase('replicas_one');
    dbs.push(db);
    one = await playTheYear(db, { replicas: 1, transport: 'pg-log' });
    expect(Object.keys(one.state.tables).length).toBeGreaterThan(20);
    expect(Object.keys(one.outcome.predicates).length).toBeGreaterThanOrEqual(EMPLOYEES - 5);
    expect(one.events['evaluation.PredicateFinalized']).toBeGreaterThan(0);
  });

  it('plays it on two replicas of each service and ends in the same read-model state, with the same events', async () => {
    expect(one).toBeDefined();
    const db = await createTestDatabase('replicas_two');
    dbs.push(db);
    const two = await playTheYear(db, {
      replicas: 2,
      transport: 'pg-log',
      // Round robin: every replica answered a share of the year's requests.
      check: async (system) => {
        for (const service of SYSTEM_SERVICES) for (const url of system.replicaUrls[service]!) expect(await requestsServed(url)).toBeGreaterThan(20);
      },
    });
    expect(withoutTimes(two.state)).toEqual(withoutTimes(one.state));
    expect(two.events).toEqual(one.events);
    await expectRebuildsEqual(db);
  });

  it('on two replicas over Kafka, kills the replicas holding the projections of work-planning and evaluation mid-year: the others take over, nothing lost or applied twice', async () => {
    expect(one).toBeDefined();
    const db = await createTestDatabase('replicas_failover');
    dbs.push(db);
    const failover = await playTheYear(db, { replicas: 2, transport: 'kafka', brokers, killHoldersOf: ['work-planning', 'evaluation'] });
    expect(withoutTimes(failover.state)).toEqual(withoutTimes(one.state));
    expect(failover.events).toEqual(one.events);
    await expectRebuildsEqual(db);
  });
});
