import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validatePublicEvent } from '@kinerja/contracts';
import { AnchorDocument, anchorId, AnchorLedger, appendAnchor, buildAnchor, readAnchorFile, StoreIdentity } from './anchor';
import { anchorEvents } from './anchor-publication';
import { merkleRoot, StreamHead } from './merkle';
import { loadCityKey, verifyDocument } from './signing';

const store: StoreIdentity = { database: 'kinerja', databaseOid: '16384', cluster: '7715636776130586746', schema: 'work_planning_events' };
const hash = (stream: string, revision: number) => Buffer.from(`${stream}:${revision}`).toString('hex').padEnd(64, '0').slice(0, 64);
const head = (stream: string, revision: number): StreamHead => ({ stream, revision, hash: hash(stream, revision) });

describe('anchors', () => {
  let dir: string;
  const key = () => loadCityKey(join(dir, 'city.pem'), true);
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'kinerja-anchor-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function chain(states: StreamHead[][]): AnchorDocument[] {
    const ledger = new AnchorLedger();
    return states.map((heads, i) => {
      const doc = buildAnchor({ service: 'work-planning', store, heads, ledger, reason: 'periodic', key: key(), now: new Date(Date.UTC(2026, 0, 1, 0, i)) });
      ledger.apply(doc, null, true);
      return doc;
    });
  }

  it('the first anchor lists every head; the next ones only what changed, naming the one before', () => {
    const [first, second, third] = chain([
      [head('b', 118), head('a', 3)],
      [head('b', 120), head('a', 3), head('c', 0)],
      [head('b', 120), head('a', 3), head('c', 0)],
    ]);
    expect(first).toMatchObject({ sequence: 0, previous: null, full: true, streams: 2, events: 123, heads: [['a', 3, hash('a', 3)], ['b', 118, hash('b', 118)]] });
    expect(first.merkleRoot).toBe(merkleRoot([head('a', 3), head('b', 118)]));
    expect(second).toMatchObject({ sequence: 1, previous: anchorId(first), full: false, streams: 3, events: 126 });
    expect(second.heads.map((h) => h[0])).toEqual(['b', 'c']);
    expect(third.heads).toEqual([]);
    expect(verifyDocument(second as unknown as Record<string, unknown>, key().publicKey)).toBe(true);

    const replay = new AnchorLedger();
    for (const doc of [first, second, third]) replay.apply(doc, key().publicKey);
    replay.checkLatestRoot();
    expect(replay.findings).toEqual([]);
    expect(replay.heads.get('b')).toMatchObject({ revision: 120, sequence: 1 });
  });

  it('replaying finds a removed anchor, a forged one, one that moves a head back, and counts that do not add up', () => {
    const docs = chain([[head('a', 5)], [head('a', 9), head('b', 2)], [head('a', 12), head('b', 2)]]);
    const without = new AnchorLedger();
    for (const doc of [docs[0], docs[2]]) without.apply(doc, key().publicKey);
    expect(without.findings.map((f) => f.code)).toEqual(['ANCHOR_CHAIN_BROKEN', 'ANCHOR_ROOT_MISMATCH']);
    expect(without.findings[0]).toMatchObject({ anchor: { sequence: 2 }, expected: `sequence 1 after ${anchorId(docs[0])}`, found: `sequence 2 after ${anchorId(docs[1])}` });

    const other = loadCityKey(join(dir, 'other.pem'), true);
    const forged = new AnchorLedger();
    forged.apply(docs[0], other.publicKey);
    expect(forged.findings.map((f) => f.code)).toEqual(['ANCHOR_SIGNATURE_INVALID']);

    // Someone holding the key anchors a truncated stream: the later anchor gives it away.
    const ledger = new AnchorLedger();
    ledger.apply(docs[0], null, true);
    ledger.apply(docs[1], null, true);
    const back = buildAnchor({ service: 'work-planning', store, heads: [head('a', 7), head('b', 2)], ledger, reason: 'periodic', key: key(), now: new Date() });
    const replay = new AnchorLedger();
    for (const doc of [docs[0], docs[1], back]) replay.apply(doc, key().publicKey);
    expect(replay.findings).toEqual([
      expect.objectContaining({ code: 'ANCHOR_REGRESSION', stream: 'a', revision: 7, expected: `revision 9 or later (hash ${hash('a', 9)} at 9)` }),
    ]);
    // The store is then held to the highest anchored head.
    expect(replay.heads.get('a')).toMatchObject({ revision: 9, sequence: 1 });

    const inflated = { ...docs[1], events: docs[1].events + 1 };
    const counted = new AnchorLedger();
    counted.apply(docs[0], null);
    counted.apply(inflated, null);
    expect(counted.findings.map((f) => [f.code, f.found])).toEqual([['ANCHOR_ROOT_MISMATCH', '2 streams, 14 events']]);
    expect(counted.unsigned).toBe(0);
  });

  it('keeps one line per anchor in the file, reads back only this store\'s, and creates the directory without 0700', async () => {
    const docs = chain([[head('a', 5)], [head('a', 6)]]);
    const path = join(dir, 'anchors', 'work-planning.jsonl');
    for (const doc of docs) await appendAnchor(path, doc);
    const elsewhere = buildAnchor({ service: 'work-planning', store: { ...store, databaseOid: '99' }, heads: [head('z', 0)], ledger: new AnchorLedger(), reason: 'startup', key: null, now: new Date() });
    await appendAnchor(path, elsewhere);
    expect(statSync(join(dir, 'anchors')).mode & 0o077).not.toBe(0);
    expect(readFileSync(path, 'utf8').trim().split('\n')).toHaveLength(3);

    const read = readAnchorFile(path, store, key().publicKey);
    expect(read.ledger.anchors).toBe(2);
    expect(read.ledger.findings).toEqual([]);
    expect(read.otherStores).toEqual([{ ...store, databaseOid: '99' }]);

    // A line cut short by a crash is a warning; an edited line in the middle is a finding.
    writeFileSync(path, `${readFileSync(path, 'utf8')}{"kind":"kinerja.audit.an`);
    expect(readAnchorFile(path, store, key().publicKey).warnings).toEqual([expect.stringMatching(/line 4: an incomplete last line/)]);
    const lines = readFileSync(path, 'utf8').split('\n');
    writeFileSync(path, [lines[0], 'garbage', lines[1], ''].join('\n'));
    expect(readAnchorFile(path, store, key().publicKey).ledger.findings.map((f) => f.code)).toEqual(['ANCHOR_UNREADABLE']);
  });

  it('publishes an anchor as AuditAnchored.v1 parts of at most ~256 KiB that reassemble into the signed document', () => {
    const heads = Array.from({ length: 5000 }, (_, i) => head(`employee-${String(i).padStart(18, '0')}`, i % 7));
    const doc = buildAnchor({ service: 'work-planning', store, heads, ledger: new AnchorLedger(), reason: 'shutdown', key: key(), now: new Date() });
    const parts = anchorEvents(doc);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(validatePublicEvent('AuditAnchored.v1', part, 'produce')).toEqual({ ok: true });
      expect(Buffer.byteLength(JSON.stringify(part))).toBeLessThan(300 * 1024);
      expect(part).toMatchObject({ anchorId: anchorId(doc), parts: parts.length, merkleRoot: doc.merkleRoot, signature: doc.signature });
    }
    const { anchorId: _id, part: _part, parts: _parts, ...rest } = parts[0];
    const reassembled = { ...rest, heads: parts.flatMap((p) => p.heads) };
    expect(verifyDocument(reassembled as unknown as Record<string, unknown>, key().publicKey)).toBe(true);
    expect(validatePublicEvent('AuditAnchored.v1', { ...parts[0], heads: [['a', -1, 'x']] }).ok).toBe(false);
  });
});
