import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createPostgresEventStore, PostgresEventStore } from '@kinerja/event-store';
import { createTestDatabase, TestDatabase } from '@kinerja/testing';
import { auditReplay } from '@kinerja/audit';
import { SERVICE_EVENT_SCHEMAS } from './audit/services';
import { REPO_ROOT } from './paths';

const NIP = '198503152010012003';
const OTHER = '199001012015012002';
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('kinerja audit replay', () => {
  let db: TestDatabase;
  const stores: PostgresEventStore[] = [];
  let cutOff: Date;

  beforeAll(async () => {
    db = await createTestDatabase('replay');
    const open = async (schema: string) => {
      const store = await createPostgresEventStore({ connectionString: db.url, schema });
      stores.push(store);
      return store;
    };
    const wp = await open('work_planning_events');
    const ev = await open('evaluation_events');
    const cd = await open('career_decisions_events');
    await wp.append(`employee-${NIP}`, [{ type: 'EmployeeRegistered', data: { nip: NIP }, metadata: { actorId: 'hr-1', actorRole: 'ADMIN_OPD' } }]);
    await wp.append(`employee-${OTHER}`, [{ type: 'EmployeeRegistered', data: { nip: OTHER } }]);
    await wait(5);
    await wp.append(`skp-${NIP}-2025-01-01`, [{ type: 'SkpApproved', data: { version: 1 }, metadata: { actorId: 'boss-1', actorRole: 'SUPERVISOR' } }]);
    // Distinct recording instants: the history orders by them across services.
    await wait(5);
    await ev.append(`evaluation-2025:${NIP}`, [
      { type: 'PredicateFinalized', data: { predicate: 'BAIK' }, metadata: { actorId: 'boss-1', actorRole: 'SUPERVISOR', ruleSetVersion: '2022.1' } },
    ]);
    await wait(5);
    await cd.append('decision-d1', [{ type: 'DecisionIssued', data: { nip: NIP, kind: 'KENAIKAN_PANGKAT' } }]);
    await cd.append('decision-d2', [{ type: 'DecisionIssued', data: { nip: OTHER, kind: 'KGB' } }]);
    await wait(20);
    cutOff = new Date();
    await wait(20);
    await ev.append(`evaluation-2025:${NIP}`, [{ type: 'ObjectionDecided', data: { predicate: 'SANGAT_BAIK' }, metadata: { ruleSetVersion: '2022.1' } }]);
    await wait(5);
    await cd.append('decision-d1', [{ type: 'DecisionRevoked', data: { reason: 'objection' } }]);
  });

  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await db?.drop();
  });

  it('gives the history as it stood then: own streams whole, other streams only where the NIP appears', async () => {
    const then = await auditReplay({ databaseUrl: db.url, schemas: { ...SERVICE_EVENT_SCHEMAS }, nip: NIP, asOf: cutOff });
    expect(then.events.map((e) => [e.service, e.stream, e.type, e.relation])).toEqual([
      ['work-planning', `employee-${NIP}`, 'EmployeeRegistered', 'own'],
      ['work-planning', `skp-${NIP}-2025-01-01`, 'SkpApproved', 'own'],
      ['evaluation', `evaluation-2025:${NIP}`, 'PredicateFinalized', 'own'],
      ['career-decisions', 'decision-d1', 'DecisionIssued', 'mentions'],
    ]);
    expect(then.events[2]).toMatchObject({ actor: { id: 'boss-1', role: 'SUPERVISOR' }, ruleSetVersion: '2022.1', data: { predicate: 'BAIK' } });

    const now = await auditReplay({ databaseUrl: db.url, schemas: { ...SERVICE_EVENT_SCHEMAS }, nip: NIP, asOf: new Date() });
    expect(now.events.map((e) => e.type)).toEqual(['EmployeeRegistered', 'SkpApproved', 'PredicateFinalized', 'DecisionIssued', 'ObjectionDecided']);
    expect(now.chains).toEqual({ ok: true, streams: 4, breaks: [] });
  });

  it('prints it from the CLI', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [join(REPO_ROOT, 'libs/cli/bin/kinerja.js'), 'audit', 'replay', '--database-url', db.url, '--nip', NIP, '--as-of', cutOff.toISOString()],
      { cwd: REPO_ROOT },
    );
    expect(stdout).toContain(`appraisal history of ${NIP} as of ${cutOff.toISOString()} (4 events)`);
    expect(stdout).toMatch(/evaluation-2025:198503152010012003@0 {2}PredicateFinalized by boss-1 \(SUPERVISOR\) rules 2022\.1/);
    expect(stdout).not.toContain('ObjectionDecided');
    expect(stdout).toContain('hash chains of the 4 streams read: ok');
  });

  it('says when a stream it read was tampered with, and the CLI exits 1', async () => {
    await stores[0].pool.query(`UPDATE work_planning_events.events SET data = '{"version": 2}' WHERE stream = $1 AND revision = 0`, [`skp-${NIP}-2025-01-01`]);
    const history = await auditReplay({ databaseUrl: db.url, schemas: { ...SERVICE_EVENT_SCHEMAS }, nip: NIP, asOf: new Date() });
    expect(history.chains.ok).toBe(false);
    expect(history.chains.breaks).toEqual([expect.objectContaining({ service: 'work-planning', stream: `skp-${NIP}-2025-01-01`, reason: 'hash_mismatch' })]);
    const run = promisify(execFile)(process.execPath, [join(REPO_ROOT, 'libs/cli/bin/kinerja.js'), 'audit', 'replay', '--database-url', db.url, '--nip', NIP], { cwd: REPO_ROOT });
    await expect(run).rejects.toMatchObject({ code: 1, stdout: expect.stringContaining('HASH CHAINS BROKEN: work-planning skp-') });
  });
});
