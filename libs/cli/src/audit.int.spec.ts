import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createPostgresEventStore, PostgresEventStore } from '@kinerja/event-store';
import { createTestDatabase, TestDatabase } from '@kinerja/testing';
import { Anchorer, auditVerify, AuditDigest, digestOk, loadCityKey, merkleRoot } from '@kinerja/audit';
import { REPO_ROOT } from './paths';

const run = promisify(execFile);
const NIP = '198001012005011001';
const schemas = { 'work-planning': 'work_planning_events', evaluation: 'evaluation_events' };

/** `kinerja ...`; anchors are read from AUDIT_ANCHOR_DIR (an empty directory unless `--anchors` is given). */
async function kinerja(args: string[], anchorDir = join(tmpdir(), 'kinerja-audit-no-anchors')): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(REPO_ROOT, 'libs/cli/bin/kinerja.js'), ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, AUDIT_ANCHOR_DIR: anchorDir },
      maxBuffer: 64 * 1024 * 1024,
    });
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

/**
 * Issue 12 §3–4: long streams, and what changes behind the store's back is reported precisely
 * without `--since`, from the chains and from the anchors a service left outside the database.
 */
describe('kinerja audit verify on long streams, against the anchors', () => {
  let db: TestDatabase;
  let dir: string;
  let keyPath: string;
  const stores: PostgresEventStore[] = [];

  /** A work-planning store in its own schema: streams of 230, 120 and 5 events, appended in pieces. */
  async function seed(schema: string): Promise<PostgresEventStore> {
    const store = await createPostgresEventStore({ connectionString: db.url, schema });
    stores.push(store);
    for (const [stream, length] of [['skp-long', 230], ['skp-mid', 120], ['employee-short', 5]] as const) {
      for (let from = 0; from < length; from += 10) {
        const n = Math.min(10, length - from);
        await store.append(stream, Array.from({ length: n }, (_, i) => ({ type: 'RealisationRecorded', data: { n: from + i } })));
      }
    }
    return store;
  }

  /** What a service does: anchor the store into `<anchorDir>/work-planning.jsonl`, signed with the city key. */
  async function anchor(store: PostgresEventStore, anchorDir: string) {
    const anchorer = new Anchorer({ service: 'work-planning', store, key: loadCityKey(keyPath, false), file: join(anchorDir, 'work-planning.jsonl'), intervalMs: 3_600_000 });
    const outcome = await anchorer.start();
    await anchorer.stop();
    return outcome;
  }

  const verify = (schema: string, anchorDir: string, extra: string[] = []) =>
    kinerja(['audit', 'verify', '--database-url', db.url, '--key', keyPath, '--schema', `work-planning=${schema}`, '--anchors', anchorDir, ...extra], anchorDir);

  beforeAll(async () => {
    db = await createTestDatabase('audit_long');
    dir = mkdtempSync(join(tmpdir(), 'kinerja-audit-long-'));
    keyPath = join(dir, 'city.pem');
    loadCityKey(keyPath, true);
  });

  afterAll(async () => {
    for (const store of stores) await store.close();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes each head by numeric revision: every event is under the Merkle root', async () => {
    const store = await seed('wp_heads');
    const digest = await auditVerify({ databaseUrl: db.url, schemas: { 'work-planning': 'wp_heads' }, key: loadCityKey(keyPath, false) });
    const wp = digest.services['work-planning'];
    expect(wp.heads.map(([stream, revision]) => [stream, revision])).toEqual([
      ['employee-short', 4],
      ['skp-long', 229],
      ['skp-mid', 119],
    ]);
    const { rows } = await store.pool.query<{ n: string }>('SELECT count(*) AS n FROM wp_heads.events');
    expect(wp.events).toBe(Number(rows[0].n));
    expect(wp.events).toBe(355);
    const last = await Promise.all(['employee-short', 'skp-long', 'skp-mid'].map(async (s) => (await store.readStream(s)).at(-1)!));
    expect(wp.merkleRoot).toBe(merkleRoot(last.map((e) => ({ stream: e.stream, revision: e.revision, hash: e.hash }))));
  });

  it('a long stream cut short (its last 18 events deleted, its streams row lowered) is reported without --since', async () => {
    const store = await seed('wp_cut');
    const anchorDir = join(dir, 'cut');
    expect(await anchor(store, anchorDir)).toMatchObject({ anchored: true, anchor: { sequence: 0, full: true, events: 355 } });
    const [head] = await store.readStream('skp-long', { from: 229 });
    const before = await verify('wp_cut', anchorDir);
    expect(before.code).toBe(0);
    expect(before.stderr).toContain('every anchored head still in the store');

    await store.pool.query(`DELETE FROM wp_cut.events WHERE stream = 'skp-long' AND revision >= 212`);
    await store.pool.query(`UPDATE wp_cut.streams SET revision = 211 WHERE stream = 'skp-long'`);
    // The chains alone no longer see it: the cut is clean.
    expect((await store.verifyChains()).ok).toBe(true);

    const after = await verify('wp_cut', anchorDir);
    expect(after.code).toBe(1);
    expect(after.stderr).toContain('work-planning: 3 streams, 337 events');
    expect(after.stderr).toMatch(
      new RegExp(`ANCHOR ANCHOR_TRUNCATED skp-long@229: anchor #0 of \\S+ holds skp-long@229 \\(hash ${head.hash}\\); the stream now ends at revision 211`),
    );
    expect(after.stderr).toContain('RESULT: FAILED: work-planning: 1 anchor problem(s)');
    const digest = JSON.parse(after.stdout) as AuditDigest;
    expect(digest.services['work-planning'].findings).toEqual([
      expect.objectContaining({ code: 'ANCHOR_TRUNCATED', stream: 'skp-long', revision: 229, expected: `revision 229 with hash ${head.hash}`, found: 'the stream ends at revision 211' }),
    ]);

    // A service started on the cut store does not anchor it: that would bless the cut.
    const again = await anchor(store, anchorDir);
    expect(again).toMatchObject({ anchored: false, why: 'contradicted', findings: [expect.objectContaining({ code: 'ANCHOR_TRUNCATED', stream: 'skp-long' })] });
    expect(readFileSync(join(anchorDir, 'work-planning.jsonl'), 'utf8').trim().split('\n')).toHaveLength(1);
  });

  it('a position and transaction id swapped between two events is reported at both, without --since', async () => {
    const store = await seed('wp_swap');
    await store.pool.query(`
      WITH pair AS (SELECT stream, revision, position, transaction_id FROM wp_swap.events WHERE (stream, revision) IN (('skp-mid', 50), ('skp-long', 150)))
      UPDATE wp_swap.events e SET position = o.position, transaction_id = o.transaction_id
        FROM pair p, pair o WHERE e.stream = p.stream AND e.revision = p.revision AND o.stream <> p.stream`);
    const result = await verify('wp_swap', join(dir, 'swap'));
    expect(result.code).toBe(1);
    const breaks = (JSON.parse(result.stdout) as AuditDigest).services['work-planning'].breaks;
    expect(breaks.map((b) => [b.stream, b.revision, b.reason])).toEqual(
      expect.arrayContaining([
        ['skp-long', 150, 'hash_mismatch'],
        ['skp-mid', 50, 'hash_mismatch'],
      ]),
    );
    expect(result.stderr).toMatch(/BREAK skp-mid@50 hash_mismatch: stored hash [0-9a-f]{64}, recomputed [0-9a-f]{64} \(hash scheme 2\)/);
    expect(result.stderr).toMatch(/RESULT: FAILED: work-planning: \d+ chain break\(s\)/);
  });

  it('an altered payload is reported without --since, and --since no longer says nothing changed', async () => {
    const store = await seed('wp_payload');
    const earlier = join(dir, 'payload-digest.json');
    expect((await verify('wp_payload', join(dir, 'payload'), ['--out', earlier])).code).toBe(0);
    await store.pool.query(`UPDATE wp_payload.events SET data = '{"n": 999}' WHERE stream = 'skp-mid' AND revision = 77`);

    const plain = await verify('wp_payload', join(dir, 'payload'));
    expect(plain.code).toBe(1);
    expect(plain.stderr).toContain('BREAK skp-mid@77 hash_mismatch');
    const since = await verify('wp_payload', join(dir, 'payload'), ['--since', earlier]);
    expect(since.code).toBe(1);
    expect(since.stderr).toContain('signature ok, every head it lists still in the store');
    expect(since.stderr).not.toContain('nothing changed');
    expect(since.stderr).toContain('RESULT: FAILED: work-planning: 1 chain break(s)');
  });
});
