import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { loadCityKey } from '@kinerja/audit';
import { bootHarness, Harness } from './support/harness';

const NIP = '198503152010012003';

const anchorLines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').length : 0);

async function until(what: string, done: () => Promise<boolean> | boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The signed digests with their consistency proofs and one event in its chain, over HTTP for AUDITOR (the same module on every service). */
describe('work-planning: GET /audit/anchors, /audit/anchors/{sequence}/consistency, /audit/event', () => {
  let h: Harness;
  let dir: string;
  let file: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kinerja-wp-chain-'));
    const keyPath = join(dir, 'city-ed25519.pem');
    loadCityKey(keyPath, true);
    file = join(dir, 'anchors', 'work-planning.jsonl');
    h = await bootHarness('wp_chain', {
      now: '2026-03-10T03:00:00.000Z',
      env: { AUDIT_SIGNING_KEY_FILE: keyPath, AUDIT_ANCHOR_DIR: join(dir, 'anchors'), AUDIT_ANCHOR_INTERVAL_SECONDS: '1' },
    });
    const city = await h.as('ADMIN_CITY');
    await city.post('/agencies').send({ code: 'DINKES', name: 'Dinas Kesehatan' }).expect(201);
    await until('a first anchor', () => anchorLines(file) >= 1);
    await city.post('/employees').send({ nip: NIP, name: 'Siti Rahma', status: 'PNS', agencyId: 'DINKES' }).expect(201);
    const events = await h.eventCount();
    await until('an anchor of every event', async () => {
      const last = readFileSync(file, 'utf8').trim().split('\n').at(-1);
      return last !== undefined && (JSON.parse(last) as { events: number }).events === events;
    });
  });

  afterAll(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('are for auditors only (401 without a token, 403 for another role)', async () => {
    for (const path of ['/audit/anchors', '/audit/anchors/0/consistency', `/audit/event?stream=employee-${NIP}&revision=0`]) {
      await request(h.base).get(path).expect(401);
      const admin = await h.as('ADMIN_CITY');
      expect((await admin.get(path).expect(403)).body.code).toBe('AUDIT_FORBIDDEN');
    }
  });

  it('lists the signed digests newest first and proves the oldest still holds after later appends', async () => {
    const auditor = await h.as('AUDITOR');
    const { body } = await auditor.get('/audit/anchors').expect(200);
    expect(body).toMatchObject({ service: 'work-planning', source: file, omitted: 0, findings: [], publicKey: expect.stringContaining('BEGIN PUBLIC KEY') });
    expect(body.anchors.length).toBeGreaterThanOrEqual(2);
    expect(body.anchors.map((a: { sequence: number }) => a.sequence)).toEqual([...body.anchors.map((a: { sequence: number }) => a.sequence)].sort((a, b) => b - a));
    expect(body.anchors.at(-1)).toMatchObject({ sequence: 0, full: true, signed: true, reason: expect.stringMatching(/^(startup|periodic)$/) });

    const proof = (await auditor.get('/audit/anchors/0/consistency').expect(200)).body;
    expect(proof).toMatchObject({ service: 'work-planning', anchor: { sequence: 0 }, consistent: true, mismatches: [], chains: { ok: true, findings: [] } });
    expect(proof.recomputedRoot).toBe(proof.from.merkleRoot);
    expect(proof.to.events).toBeGreaterThan(proof.from.events);
    expect(proof.newStreams).toBeGreaterThanOrEqual(1);
  });

  it('names the bad field (400) and an unknown anchor or event (404)', async () => {
    const auditor = await h.as('AUDITOR');
    expect((await auditor.get('/audit/anchors/abc/consistency').expect(400)).body.errors).toEqual([expect.objectContaining({ field: 'sequence' })]);
    expect((await auditor.get('/audit/anchors/999/consistency').expect(404)).body.code).toBe('ANCHOR_NOT_FOUND');
    expect((await auditor.get(`/audit/event?stream=employee-${NIP}&revision=-1`).expect(400)).body.errors).toEqual([expect.objectContaining({ field: 'revision' })]);
    expect((await auditor.get('/audit/event?revision=0').expect(400)).body.errors).toEqual([expect.objectContaining({ field: 'stream' })]);
    expect((await auditor.get(`/audit/event?stream=employee-${NIP}&revision=0&extra=1`).expect(400)).body.code).toBeDefined();
    expect((await auditor.get(`/audit/event?stream=employee-${NIP}&revision=99`).expect(404)).body.code).toBe('EVENT_NOT_FOUND');
  });

  it('shows an event in its chain, and a row edited in PostgreSQL as a broken chain and a digest that no longer holds', async () => {
    const auditor = await h.as('AUDITOR');
    const stream = `employee-${NIP}`;
    const intact = (await auditor.get(`/audit/event?stream=${encodeURIComponent(stream)}&revision=0`).expect(200)).body;
    expect(intact).toMatchObject({
      service: 'work-planning',
      stream,
      revision: 0,
      previousHash: null,
      previousEventHash: null,
      checks: { hashMatches: true, linksToPrevious: true },
      chain: { ok: true, findings: [] },
    });
    expect(intact.recomputedHash).toBe(intact.hash);

    await h.sql.query(`UPDATE work_planning_events.events SET data = jsonb_set(data, '{name}', '"Siti Rahmawati"') WHERE stream = $1 AND revision = 0`, [stream]);
    const tampered = (await auditor.get(`/audit/event?stream=${encodeURIComponent(stream)}&revision=0`).expect(200)).body;
    expect(tampered.checks.hashMatches).toBe(false);
    expect(tampered.recomputedHash).not.toBe(tampered.hash);
    expect(tampered.chain.findings).toEqual([
      expect.objectContaining({ code: 'HASH_MISMATCH', stream, revision: 0, message: `Hash peristiwa pada aliran ${stream} revisi 0 tidak cocok dengan isinya: peristiwa itu diubah.` }),
    ]);
    const { body: anchors } = await auditor.get('/audit/anchors').expect(200);
    const newest = anchors.anchors[0].sequence as number;
    const proof = (await auditor.get(`/audit/anchors/${newest}/consistency`).expect(200)).body;
    expect(proof.consistent).toBe(false);
    expect(proof.chains.findings).toEqual([expect.objectContaining({ code: 'HASH_MISMATCH', stream })]);
  });
});
