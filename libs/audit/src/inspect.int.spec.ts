import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPostgresEventStore, PostgresEventStore } from '@kinerja/event-store';
import { createTestDatabase, TestDatabase } from '@kinerja/testing';
import { anchorFileOf, readAnchorFile, storeIdentity } from './anchor';
import { Anchorer } from './anchorer';
import { AnchorHistory, consistencyProof, inspectEvent } from './inspect';
import { loadCityKey } from './signing';

jest.setTimeout(120_000);

describe('an event in its chain, and the consistency of an earlier signed digest with the store now (real PostgreSQL)', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let dir: string;

  beforeAll(async () => {
    db = await createTestDatabase('audit_inspect');
    store = await createPostgresEventStore({ connectionString: db.url, schema: 'evaluation_events' });
    dir = mkdtempSync(join(tmpdir(), 'kinerja-inspect-'));
  });

  afterAll(async () => {
    await store?.close();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const append = (stream: string, type: string, data: unknown) => store.append(stream, [{ type, data, metadata: { actorId: '197505052000031002', actorRole: 'SUPERVISOR', ruleSetVersion: 'permenpanrb-6-2022@1' } }]);

  it('lists the anchors the service signed, proves an earlier one still holds after appends, and shows a row edited in the database as a broken chain', async () => {
    const key = loadCityKey(join(dir, 'city.pem'), true);
    const file = anchorFileOf(dir, 'evaluation');
    const anchorer = new Anchorer({ service: 'evaluation', store, key, file, intervalMs: 3_600_000 });
    await append('evaluation-DINKES:2026:S1:199003152015031002', 'EvaluationSubmitted', { predicate: 'BUTUH_PERBAIKAN' });
    await append('evaluation-DINKES:2026:S1:199003152015031002', 'PredicateSet', { predicate: 'BUTUH_PERBAIKAN' });
    const first = await anchorer.anchor('startup');
    expect(first.anchored).toBe(true);
    await append('evaluation-DINKES:2026:S1:199003152015031002', 'ObjectionDecided', { predicate: 'BAIK' });
    await append('evaluation-DINKES:2026:S1:199204102018012001', 'EvaluationSubmitted', { predicate: 'BAIK' });
    const second = await anchorer.anchor('periodic');
    expect(second.anchored).toBe(true);

    // The list: newest first, signed, from the file as from the process's memory.
    const read = readAnchorFile(file, await storeIdentity(store.pool, store.schema), key.publicKey);
    expect(read.ledger.findings).toEqual([]);
    const history = new AnchorHistory();
    for (const doc of read.documents) history.add(doc);
    expect(history.summaries().map((a) => [a.sequence, a.streams, a.events, a.signed, a.full])).toEqual([
      [1, 2, 4, true, false],
      [0, 1, 2, true, true],
    ]);
    expect(anchorer.history.summaries().map((a) => a.merkleRoot)).toEqual(history.summaries().map((a) => a.merkleRoot));

    // Anchor #0 signed 1 stream at revision 1: still there with that hash; the store grew since.
    const at0 = history.headsAt(0)!;
    expect(at0.heads).toEqual([{ stream: 'evaluation-DINKES:2026:S1:199003152015031002', revision: 1, hash: expect.any(String) }]);
    const proof = await consistencyProof(store, { merkleRoot: at0.anchor.merkleRoot, heads: at0.heads });
    expect(proof).toMatchObject({
      from: { merkleRoot: at0.anchor.merkleRoot, streams: 1, events: 2 },
      recomputedRoot: at0.anchor.merkleRoot,
      to: { streams: 2, events: 4 },
      extendedStreams: 1,
      newStreams: 1,
      mismatches: [],
      chains: { ok: true, findings: [] },
      consistent: true,
    });
    expect(history.headsAt(7)).toBeNull();

    const intact = await inspectEvent(store, 'evaluation-DINKES:2026:S1:199003152015031002', 1);
    expect(intact).toMatchObject({
      revision: 1,
      type: 'PredicateSet',
      headRevision: 2,
      actor: { id: '197505052000031002', role: 'SUPERVISOR' },
      ruleSetVersion: 'permenpanrb-6-2022@1',
      checks: { hashMatches: true, linksToPrevious: true, linkedFromNext: true },
      chain: { ok: true, events: 3, breaks: [] },
    });
    expect(intact!.recomputedHash).toBe(intact!.hash);
    expect(intact!.previousHash).toBe(intact!.previousEventHash);
    expect(await inspectEvent(store, 'evaluation-DINKES:2026:S1:199003152015031002', 9)).toBeNull();

    // Someone edits the predikat in the table: the event's hash no longer matches its content.
    await store.pool.query(
      `UPDATE evaluation_events.events SET data = jsonb_set(data, '{predicate}', '"SANGAT_BAIK"') WHERE stream = $1 AND revision = 1`,
      ['evaluation-DINKES:2026:S1:199003152015031002'],
    );
    const tampered = await inspectEvent(store, 'evaluation-DINKES:2026:S1:199003152015031002', 1);
    expect(tampered!.checks).toEqual({ hashMatches: false, linksToPrevious: true, linkedFromNext: true });
    expect(tampered!.recomputedHash).not.toBe(tampered!.hash);
    expect(tampered!.chain.ok).toBe(false);
    expect(tampered!.chain.breaks).toEqual([expect.objectContaining({ revision: 1, reason: 'hash_mismatch' })]);
    const after = await consistencyProof(store, { merkleRoot: at0.anchor.merkleRoot, heads: at0.heads });
    expect(after.consistent).toBe(false);
    expect(after.chains.findings).toEqual([expect.objectContaining({ code: 'HASH_MISMATCH', revision: 1 })]);

    // A head rewritten outright (hash column too) is a mismatch against the signed digest.
    await store.pool.query(`UPDATE evaluation_events.events SET hash = repeat('0', 64) WHERE stream = $1 AND revision = 1`, ['evaluation-DINKES:2026:S1:199003152015031002']);
    const rewritten = await consistencyProof(store, { merkleRoot: at0.anchor.merkleRoot, heads: at0.heads });
    expect(rewritten.mismatches).toEqual([{ stream: 'evaluation-DINKES:2026:S1:199003152015031002', revision: 1, recorded: at0.heads[0].hash, now: '0'.repeat(64) }]);
    expect(rewritten.recomputedRoot).not.toBe(at0.anchor.merkleRoot);
  });

  it('keeps a bounded history in memory: older anchors fold into the base and still replay the heads', () => {
    const history = new AnchorHistory(2);
    const doc = (sequence: number, heads: [string, number, string][]) =>
      ({ sequence, anchoredAt: `2026-01-0${sequence + 1}T00:00:00.000Z`, reason: 'periodic', merkleRoot: `r${sequence}`, streams: 0, events: 0, full: sequence === 0, heads, signature: null, publicKey: null, previous: null }) as never;
    history.add(doc(0, [['a', 0, 'a0'], ['b', 0, 'b0']]));
    history.add(doc(1, [['a', 1, 'a1']]));
    history.add(doc(2, [['c', 0, 'c0']]));
    expect(history.folded).toBe(1);
    expect(history.summaries().map((s) => s.sequence)).toEqual([2, 1]);
    expect(history.headsAt(0)).toBeNull();
    expect(history.headsAt(2)!.heads).toEqual([
      { stream: 'a', revision: 1, hash: 'a1' },
      { stream: 'b', revision: 0, hash: 'b0' },
      { stream: 'c', revision: 0, hash: 'c0' },
    ]);
  });
});
