import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnchorDocument, Anchorer, anchorId, CityKey, loadCityKey, verifyDocument } from '@kinerja/audit';
import { TOPICS, validatePublicEvent } from '@kinerja/contracts';
import { ANCHORER } from '@kinerja/platform';
import { bootHarness, Harness } from './support/harness';

const NIP = '198503152010012003';

function anchorsIn(file: string): AnchorDocument[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as AnchorDocument);
}

async function until<T>(what: string, probe: () => Promise<T> | T, done: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: last ${JSON.stringify(value)?.slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Issue 12 §3: the service anchors its store outside its database, and GET /audit/verify compares with the anchors. */
describe('work-planning: audit anchors', () => {
  let h: Harness;
  let dir: string;
  let key: CityKey;
  let file: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kinerja-wp-anchors-'));
    const keyPath = join(dir, 'city-ed25519.pem');
    key = loadCityKey(keyPath, true);
    // A directory that does not exist yet: the service creates it.
    file = join(dir, 'anchors', 'work-planning.jsonl');
    h = await bootHarness('wp_anchors', {
      now: '2026-03-10T03:00:00.000Z',
      env: { AUDIT_SIGNING_KEY_FILE: keyPath, AUDIT_ANCHOR_DIR: join(dir, 'anchors'), AUDIT_ANCHOR_INTERVAL_SECONDS: '1' },
    });
    const city = await h.as('ADMIN_CITY');
    await city.post('/agencies').send({ code: 'DINKES', name: 'Dinas Kesehatan' }).expect(201);
    await city.post('/employees').send({ nip: NIP, name: 'Siti Rahma', status: 'PNS', agencyId: 'DINKES' }).expect(201);
  });

  afterAll(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('anchors periodically into AUDIT_ANCHOR_DIR, signed, and publishes each anchor on its topic as AuditAnchored.v1', async () => {
    const events = await h.eventCount();
    const anchors = await until('a periodic anchor of every event', () => anchorsIn(file), (list) => list.some((a) => a.reason === 'periodic' && a.events === events));
    const first = anchors[0];
    expect(first).toMatchObject({ kind: 'kinerja.audit.anchor', sequence: 0, previous: null, full: true, service: 'work-planning', store: { schema: 'work_planning_events' } });
    anchors.slice(1).forEach((a, i) => expect(a).toMatchObject({ sequence: i + 1, previous: anchorId(anchors[i]), full: false }));
    for (const a of anchors) expect(verifyDocument(a as unknown as Record<string, unknown>, key.publicKey)).toBe(true);

    const published = await until(
      'the anchors on the PostgreSQL log',
      async () =>
        (
          await h.sql.query<{ key: string; headers: Record<string, string>; data: Record<string, unknown> }>(
            `SELECT key, headers, convert_from(value, 'UTF8')::jsonb AS data FROM kinerja_log.messages WHERE topic = $1 AND headers->>'ce_type' = 'AuditAnchored.v1' ORDER BY "offset"`,
            [TOPICS.workPlanning],
          )
        ).rows,
      (rows) => rows.length >= anchors.length,
    );
    for (const message of published) {
      expect(message.key).toBe('work-planning');
      expect(message.headers).toMatchObject({ ce_source: '/kinerja/work-planning', ce_subject: 'work-planning' });
      expect(validatePublicEvent('AuditAnchored.v1', message.data, 'produce')).toEqual({ ok: true });
    }
    expect(published.map((m) => m.data.anchorId)).toEqual(expect.arrayContaining(anchors.map(anchorId)));
  });

  it('GET /audit/verify compares the store with the anchors: ok, then a cut stream named with what was expected and found', async () => {
    const auditor = await h.as('AUDITOR');
    const events = await h.eventCount();
    await until('an anchor of every event', () => anchorsIn(file), (list) => list.at(-1)?.events === events);
    const fine = (await auditor.get('/audit/verify').expect(200)).body;
    expect(fine).toMatchObject({ ok: true, breaks: [], findings: [], anchor: { source: file, ok: true, unsigned: 0, latest: { signed: true, events } } });

    const stream = `employee-${NIP}`;
    const [last] = (await h.store.readStream(stream)).slice(-1);
    await h.sql.query(`DELETE FROM work_planning_events.events WHERE stream = $1 AND revision = $2`, [stream, last.revision]);
    if (last.revision === 0) await h.sql.query(`DELETE FROM work_planning_events.streams WHERE stream = $1`, [stream]);
    else await h.sql.query(`UPDATE work_planning_events.streams SET revision = $2 WHERE stream = $1`, [stream, last.revision - 1]);

    const cut = (await auditor.get('/audit/verify').expect(200)).body;
    expect(cut.ok).toBe(false);
    expect(cut.breaks).toEqual([]);
    expect(cut.findings).toEqual([
      expect.objectContaining({
        code: 'ANCHOR_TRUNCATED',
        stream,
        revision: last.revision,
        expected: `revision ${last.revision} with hash ${last.hash}`,
        found: last.revision === 0 ? 'absent' : `the stream ends at revision ${last.revision - 1}`,
        message: expect.stringMatching(new RegExp(`^Peristiwa yang sudah dijangkarkan pada aliran ${stream} revisi ${last.revision} \\(jangkar #\\d+, [^)]+\\) tidak ada lagi: aliran dipotong atau dihapus\\. Seharusnya: revision`)),
      }),
    ]);
    expect(verifyDocument(cut, key.publicKey)).toBe(true);

    // The service does not anchor the cut store, however often it tries.
    const anchorer = h.app.get<Anchorer>(ANCHORER, { strict: false });
    const count = anchorsIn(file).length;
    expect(await anchorer.anchor('periodic')).toMatchObject({ anchored: false, why: 'contradicted' });
    expect(anchorsIn(file)).toHaveLength(count);
  });

  it('anchors at shutdown what was written since its last anchor', async () => {
    const shutdownDir = join(dir, 'shutdown');
    const shutdownFile = join(shutdownDir, 'work-planning.jsonl');
    // Another instance with an anchor file of its own and no periodic anchor within the test.
    const other = await h.boot({ AUDIT_ANCHOR_DIR: shutdownDir, AUDIT_ANCHOR_INTERVAL_SECONDS: '3600' });
    const before = await h.eventCount();
    await until('its start-up anchor', () => anchorsIn(shutdownFile), (list) => list.length === 1);
    expect(anchorsIn(shutdownFile)[0]).toMatchObject({ reason: 'startup', sequence: 0, full: true, events: before });

    const city = await h.as('ADMIN_CITY');
    await city.post('/employees').send({ nip: '199001012015012002', name: 'Budi Santoso', status: 'PNS', agencyId: 'DINKES' }).expect(201);
    const after = await h.eventCount();
    expect(after).toBeGreaterThan(before);
    await other.close();

    const anchors = anchorsIn(shutdownFile);
    expect(anchors).toHaveLength(2);
    expect(anchors[1]).toMatchObject({ reason: 'shutdown', sequence: 1, previous: anchorId(anchors[0]), full: false, events: after });
    expect(anchors[1].heads.map(([stream]) => stream)).toContain('employee-199001012015012002');
    expect(verifyDocument(anchors[1] as unknown as Record<string, unknown>, key.publicKey)).toBe(true);
  });
});
