import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createPostgresEventStore, PostgresEventStore } from '@kinerja/event-store';
import { createTestDatabase, TestDatabase } from '@kinerja/testing';
import { auditVerify, AuditDigest, digestOk, loadCityKey } from '@kinerja/audit';
import { REPO_ROOT } from './paths';

const run = promisify(execFile);
const NIP = '198001012005011001';
const schemas = { 'work-planning': 'work_planning_events', evaluation: 'evaluation_events' };

async function kinerja(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(REPO_ROOT, 'libs/cli/bin/kinerja.js'), ...args], { cwd: REPO_ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('kinerja audit verify', () => {
  let db: TestDatabase;
  let dir: string;
  let keyPath: string;
  let workPlanning: PostgresEventStore;
  let evaluation: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase('audit');
    dir = mkdtempSync(join(tmpdir(), 'kinerja-audit-'));
    keyPath = join(dir, 'city.pem');
    loadCityKey(keyPath, true);
    workPlanning = await createPostgresEventStore({ connectionString: db.url, schema: 'work_planning_events' });
    evaluation = await createPostgresEventStore({ connectionString: db.url, schema: 'evaluation_events' });
    await workPlanning.append(`employee-${NIP}`, [{ type: 'EmployeeRegistered', data: { nip: NIP, name: 'Siti' }, metadata: { actorId: 'admin', actorRole: 'ADMIN_OPD' } }]);
    await workPlanning.append(`skp-${NIP}-2025-01-01`, [
      { type: 'SkpDrafted', data: { nip: NIP, year: 2025 } },
      { type: 'SkpSubmitted', data: { nip: NIP } },
    ]);
    await evaluation.append(`evaluation-2025:${NIP}`, [{ type: 'EvaluationSubmitted', data: { rating: 'SESUAI' }, metadata: { ruleSetVersion: '2022.1' } }]);
  });

  afterAll(async () => {
    await workPlanning?.close();
    await evaluation?.close();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes on intact chains and prints a digest signed with the city key (the CLI)', async () => {
    const digestFile = join(dir, 'first.json');
    const result = await kinerja(['audit', 'verify', '--database-url', db.url, '--key', keyPath, '--out', digestFile]);
    expect(result.stderr).toContain('work-planning: 2 streams, 3 events');
    expect(result.code).toBe(0);
    const digest = JSON.parse(readFileSync(digestFile, 'utf8')) as AuditDigest;
    expect(Object.keys(digest.services)).toEqual(['evaluation', 'work-planning']);
    expect(digest.services['work-planning']).toMatchObject({ streams: 2, events: 3, ok: true, breaks: [] });
    expect(digest.services.evaluation).toMatchObject({ streams: 1, events: 1, ok: true });
    expect(digest.services.evaluation.merkleRoot).toMatch(/^[0-9a-f]{64}$/);
    expect(digest.publicKey).toBe(loadCityKey(keyPath, false).publicKeyPem);
    expect(result.stderr).toContain(digest.publicKey.trim());
    expect(typeof digest.signature).toBe('string');

    // An honest append: the earlier digest still holds.
    await workPlanning.append(`skp-${NIP}-2025-01-01`, [{ type: 'SkpApproved', data: { nip: NIP } }]);
    await workPlanning.append('employee-199001012015012002', [{ type: 'EmployeeRegistered', data: { nip: '199001012015012002' } }]);
    const later = await kinerja(['audit', 'verify', '--database-url', db.url, '--key', keyPath, '--since', digestFile]);
    expect(later.code).toBe(0);
    const laterDigest = JSON.parse(later.stdout) as AuditDigest;
    expect(laterDigest.since).toMatchObject({ createdAt: digest.createdAt, signatureOk: true, ok: true });
    expect(laterDigest.services['work-planning'].merkleRoot).not.toBe(digest.services['work-planning'].merkleRoot);
    expect(later.stderr).toContain('nothing changed');

    // A forged earlier digest (its root altered) fails the signature.
    const forged = { ...digest, services: { ...digest.services, evaluation: { ...digest.services.evaluation, merkleRoot: '0'.repeat(64) } } };
    writeFileSync(join(dir, 'forged.json'), JSON.stringify(forged));
    const forgedRun = await kinerja(['audit', 'verify', '--database-url', db.url, '--key', keyPath, '--since', join(dir, 'forged.json')]);
    expect(forgedRun.code).toBe(1);
    expect(forgedRun.stderr).toContain('signature INVALID');
  });

  it('names the tampered stream, and a run --since an earlier digest fails too', async () => {
    const key = loadCityKey(keyPath, false);
    const before = await auditVerify({ databaseUrl: db.url, schemas, key });
    expect(digestOk(before)).toBe(true);

    await evaluation.append(`evaluation-2025:${NIP}`, [{ type: 'PredicateFinalized', data: { predicate: 'BAIK' } }]);
    await evaluation.pool.query(
      `UPDATE evaluation_events.events SET data = jsonb_set(data, '{predicate}', '"SANGAT_BAIK"') WHERE stream = $1 AND revision = 1`,
      [`evaluation-2025:${NIP}`],
    );

    const after = await auditVerify({ databaseUrl: db.url, schemas, key, since: before });
    expect(digestOk(after)).toBe(false);
    expect(after.services.evaluation.ok).toBe(false);
    expect(after.services.evaluation.breaks).toEqual([expect.objectContaining({ stream: `evaluation-2025:${NIP}`, revision: 1, reason: 'hash_mismatch' })]);
    expect(after.services['work-planning'].ok).toBe(true);
    // The earlier heads still match (the tampered event came after them), but the chains no longer verify.
    expect(after.since?.ok).toBe(true);

    const cli = await kinerja(['audit', 'verify', '--database-url', db.url, '--key', keyPath]);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain(`BREAK evaluation-2025:${NIP}@1 hash_mismatch`);
  });

  it('a rewritten chain (hashes recomputed by the forger) verifies alone but not against an earlier digest', async () => {
    const key = loadCityKey(keyPath, false);
    const before = await auditVerify({ databaseUrl: db.url, schemas: { 'work-planning': 'work_planning_events' }, key });
    expect(digestOk(before)).toBe(true);
    // The forger deletes the stream's events and writes a new history through the store: every hash is right.
    await workPlanning.pool.query(`DELETE FROM work_planning_events.events WHERE stream = $1`, [`employee-${NIP}`]);
    await workPlanning.pool.query(`DELETE FROM work_planning_events.streams WHERE stream = $1`, [`employee-${NIP}`]);
    await workPlanning.append(`employee-${NIP}`, [{ type: 'EmployeeRegistered', data: { nip: NIP, name: 'Siti Forged' } }]);

    const alone = await auditVerify({ databaseUrl: db.url, schemas: { 'work-planning': 'work_planning_events' }, key });
    expect(alone.services['work-planning'].ok).toBe(true);
    const since = await auditVerify({ databaseUrl: db.url, schemas: { 'work-planning': 'work_planning_events' }, key, since: before });
    expect(digestOk(since)).toBe(false);
    expect(since.since?.services['work-planning'].mismatches).toEqual([expect.objectContaining({ stream: `employee-${NIP}`, revision: 0 })]);
    expect(since.since?.services['work-planning'].recomputedRoot).not.toBe(before.services['work-planning'].merkleRoot);
  });
});
