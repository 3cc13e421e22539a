import { createPublicKey } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { auditVerify, CityKey, loadCityKey, verifyDocument } from '@kinerja/audit';
import { bootHarness, Harness } from './support/harness';

const NIP = '198503152010012003';
const OTHER = '199001012015012002';
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The audit endpoints every event-sourced service gets from the platform, on a real work-planning. */
describe('work-planning: GET /audit/... for auditors', () => {
  let h: Harness;
  let dir: string;
  let key: CityKey;
  let cutOff: Date;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kinerja-audit-http-'));
    const keyPath = join(dir, 'city-ed25519.pem');
    key = loadCityKey(keyPath, true);
    h = await bootHarness('wp_audit', { now: '2026-03-10T03:00:00.000Z', env: { AUDIT_SIGNING_KEY_FILE: keyPath } });
    const city = await h.as('ADMIN_CITY');
    await city.post('/agencies').send({ code: 'DINKES', name: 'Dinas Kesehatan' }).expect(201);
    await city.post('/employees').send({ nip: NIP, name: 'Siti Rahma', status: 'PNS', agencyId: 'DINKES' }).expect(201);
    await city.post('/employees').send({ nip: OTHER, name: 'Budi Santoso', status: 'PNS', agencyId: 'DINKES' }).expect(201);
    await city.post('/agencies/DINKES/units').send({ unitId: 'DINKES', name: 'Dinas Kesehatan' }).expect(201);
    await city
      .post('/agencies/DINKES/positions')
      .send({ positionId: 'KADIS', name: 'Kepala Dinas', kind: 'JPT_PRATAMA', unitId: 'DINKES', parentPositionId: null, establishedOn: '2020-01-01' })
      .expect(201);
    // recorded_at is the database clock: the assignment is recorded after the cut-off.
    await wait(20);
    cutOff = new Date();
    await wait(20);
    await city.post('/agencies/DINKES/assignments').send({ nip: NIP, positionId: 'KADIS', type: 'DEFINITIVE', from: '2023-01-01' }).expect(201);
  });

  afterAll(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('needs a token (401) and the AUDITOR role (403 in Bahasa Indonesia, whatever the input)', async () => {
    await request(h.base).get('/audit/verify').expect(401);
    await request(h.base).get(`/audit/employees/${NIP}/history`).expect(401);
    for (const role of ['EMPLOYEE', 'ADMIN_OPD', 'ADMIN_CITY', 'SUPERVISOR', 'PPK'] as const) {
      const agent = await h.as(role, role === 'EMPLOYEE' ? NIP : undefined, 'DINKES');
      const verify = await agent.get('/audit/verify').expect(403);
      expect(verify.body).toEqual({ statusCode: 403, code: 'AUDIT_FORBIDDEN', message: 'Hanya auditor yang dapat menggunakan fungsi audit.' });
      expect((await agent.get(`/audit/employees/${NIP}/history`).expect(403)).body.code).toBe('AUDIT_FORBIDDEN');
      expect((await agent.get('/audit/employees/123/history?asOf=nope').expect(403)).body.code).toBe('AUDIT_FORBIDDEN');
    }
  });

  it("verifies the store: ok, its counts, the CLI's Merkle root, signed with the city key", async () => {
    const auditor = await h.as('AUDITOR');
    const { body } = await auditor.get('/audit/verify').expect(200);
    const events = await h.eventCount();
    expect(events).toBeGreaterThanOrEqual(6);
    expect(body).toMatchObject({ kind: 'kinerja.audit.service-digest', service: 'work-planning', schema: 'work_planning_events', ok: true, breaks: [], events });
    expect(body.heads).toBeUndefined();
    expect(Date.parse(body.computedAt)).not.toBeNaN();

    const cli = await auditVerify({ databaseUrl: h.db.url, schemas: { 'work-planning': 'work_planning_events' }, key });
    expect(body.merkleRoot).toMatch(/^[0-9a-f]{64}$/);
    expect(body.merkleRoot).toBe(cli.services['work-planning'].merkleRoot);
    expect(body.streams).toBe(cli.services['work-planning'].streams);
    expect(body.events).toBe(cli.services['work-planning'].events);

    expect(body.publicKey).toBe(key.publicKeyPem);
    expect(verifyDocument(body, createPublicKey(body.publicKey))).toBe(true);
    expect(verifyDocument({ ...body, events: body.events + 1 }, createPublicKey(body.publicKey))).toBe(false);
    const otherKey = loadCityKey(join(dir, 'other.pem'), true);
    expect(verifyDocument(body, otherKey.publicKey)).toBe(false);
  });

  it('says whether anything changed since a Merkle root, and names a bad one', async () => {
    const auditor = await h.as('AUDITOR');
    const first = (await auditor.get('/audit/verify').expect(200)).body;
    const same = (await auditor.get(`/audit/verify?since=${first.merkleRoot}`).expect(200)).body;
    expect(same.since).toEqual({ merkleRoot: first.merkleRoot, unchanged: true });
    expect((await auditor.get(`/audit/verify?since=${'0'.repeat(64)}`).expect(200)).body.since.unchanged).toBe(false);

    const bad = await auditor.get('/audit/verify?since=not-a-root').expect(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'since', errors: [{ field: 'since', code: 'SINCE_INVALID' }] });
    expect((await auditor.get('/audit/verify?heads=true').expect(400)).body.field).toBe('heads');
  });

  it("gives the employee's history as it stood then: own streams, and other streams' events that name the NIP", async () => {
    const auditor = await h.as('AUDITOR');
    const then = (await auditor.get(`/audit/employees/${NIP}/history?asOf=${encodeURIComponent(cutOff.toISOString())}`).expect(200)).body;
    expect(then).toMatchObject({ service: 'work-planning', nip: NIP, asOf: cutOff.toISOString(), chains: { ok: true, streams: 1, breaks: [] } });
    expect(then.events.map((e: any) => [e.stream, e.type, e.relation])).toEqual([[`employee-${NIP}`, 'EmployeeRegistered', 'own']]);
    expect(then.events[0]).toMatchObject({ service: 'work-planning', revision: 0, actor: { role: 'ADMIN_CITY' }, data: { nip: NIP, name: 'Siti Rahma' } });

    const now = (await auditor.get(`/audit/employees/${NIP}/history`).expect(200)).body;
    expect(now.events.map((e: any) => [e.stream, e.type, e.relation])).toEqual([
      [`employee-${NIP}`, 'EmployeeRegistered', 'own'],
      ['organisation-DINKES', 'PositionAssigned', 'mentions'],
    ]);
    expect(JSON.stringify(now.events)).not.toContain(OTHER);

    const before = (await auditor.get(`/audit/employees/${NIP}/history?asOf=2000-01-01`).expect(200)).body;
    expect(before).toMatchObject({ asOf: '2000-01-01T23:59:59.999Z', events: [], chains: { ok: true, streams: 0 } });
  });

  it('refuses a bad NIP or asOf with 400 naming the field', async () => {
    const auditor = await h.as('AUDITOR');
    expect((await auditor.get('/audit/employees/12345/history').expect(400)).body).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'nip',
      errors: [{ field: 'nip', code: 'NIP_INVALID', message: 'NIP harus 18 digit angka.' }],
    });
    expect((await auditor.get(`/audit/employees/${NIP}x/history`).expect(400)).body.field).toBe('nip');
    for (const asOf of ['yesterday', '2025-02-30', '2025-06-30T08:00:00']) {
      const res = await auditor.get(`/audit/employees/${NIP}/history?asOf=${asOf}`).expect(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'asOf', errors: [{ field: 'asOf', code: 'AS_OF_INVALID' }] });
    }
  });

  it('documents both endpoints in the OpenAPI document', async () => {
    const { body } = await request(h.base).get('/docs-json').expect(200);
    expect(body.paths['/audit/verify'].get.parameters).toEqual([expect.objectContaining({ name: 'since', in: 'query', required: false })]);
    expect(body.paths['/audit/employees/{nip}/history'].get.parameters.map((p: any) => p.name).sort()).toEqual(['asOf', 'nip']);
  });

  it('reports a tampered event: ok=false naming the stream, no longer unchanged since, and in the history', async () => {
    const auditor = await h.as('AUDITOR');
    const before = (await auditor.get('/audit/verify').expect(200)).body;
    await h.sql.query(`UPDATE work_planning_events.events SET data = jsonb_set(data, '{name}', '"Siti Palsu"') WHERE stream = $1 AND revision = 0`, [
      `employee-${NIP}`,
    ]);
    const after = (await auditor.get(`/audit/verify?since=${before.merkleRoot}`).expect(200)).body;
    expect(after.ok).toBe(false);
    expect(after.breaks).toEqual([expect.objectContaining({ stream: `employee-${NIP}`, revision: 0, reason: 'hash_mismatch' })]);
    // The stored hashes, and so the root, are the forger's to keep; the chain gives them away.
    expect(after.merkleRoot).toBe(before.merkleRoot);
    expect(after.since).toEqual({ merkleRoot: before.merkleRoot, unchanged: false });
    expect(verifyDocument(after, key.publicKey)).toBe(true);

    const history = (await auditor.get(`/audit/employees/${NIP}/history`).expect(200)).body;
    expect(history.chains).toMatchObject({ ok: false, breaks: [expect.objectContaining({ service: 'work-planning', stream: `employee-${NIP}`, reason: 'hash_mismatch' })] });
    expect(history.events[0].data.name).toBe('Siti Palsu');
  });
});
