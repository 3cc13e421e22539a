import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { logLevel } from 'kafkajs';
import { AuditAnchoredV1, topicOf, validatePublicEvent } from '@kinerja/contracts';
import { createPostgresEventStore, PostgresEventStore } from '@kinerja/event-store';
import { ConsumedMessage, createKafkaTransport, Transport } from '@kinerja/messaging';
import { createTestDatabase, describeWithKafka, TestDatabase, uniqueName } from '@kinerja/testing';
import { AnchorDocument, anchorFileOf, anchorId } from './anchor';
import { anchorPublisher } from './anchor-publication';
import { Anchorer } from './anchorer';
import { digestStore } from './digest';
import { CityKey, loadCityKey, verifyDocument } from './signing';

jest.setTimeout(180_000);

describeWithKafka('audit anchors on Kafka', (brokers) => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let kafka: Transport;
  let dir: string;
  let key: CityKey;
  const prefix = `${uniqueName('anchor')}.`;
  const topic = `${prefix}${topicOf('evaluation')}`;

  beforeAll(async () => {
    db = await createTestDatabase('audit_anchor_kafka');
    store = await createPostgresEventStore({ connectionString: db.url, schema: 'evaluation_events' });
    kafka = createKafkaTransport({ brokers, clientId: uniqueName('anchor-test'), logLevel: logLevel.NOTHING });
    dir = mkdtempSync(join(tmpdir(), 'kinerja-anchor-kafka-'));
    key = loadCityKey(join(dir, 'city.pem'), true);
  });

  afterAll(async () => {
    await kafka?.close();
    await store?.close();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Reads the topic's anchor messages from the beginning until the last part of anchor `lastId` arrived. */
  async function anchorMessages(lastId: string): Promise<ConsumedMessage[]> {
    const seen: ConsumedMessage[] = [];
    let enough!: () => void;
    const arrived = new Promise<void>((resolve) => (enough = resolve));
    const consumer = await kafka.consume({
      groupId: uniqueName('anchor-reader'),
      topics: [topic],
      fromBeginning: true,
      handler: async (batch) => {
        seen.push(...batch.messages.filter((m) => m.headers.ce_type === 'AuditAnchored.v1'));
        const last = seen.map((m) => JSON.parse(m.value.toString('utf8')) as AuditAnchoredV1).find((d) => d.anchorId === lastId && d.part === d.parts);
        if (last) enough();
      },
    });
    await arrived;
    await consumer.stop();
    return seen;
  }

  /** The signed document from an anchor's messages: the parts in order, their heads concatenated. */
  function reassemble(parts: AuditAnchoredV1[]): AnchorDocument {
    const sorted = [...parts].sort((a, b) => a.part - b.part);
    const { anchorId: _id, part: _part, parts: _parts, ...rest } = sorted[0];
    return { ...rest, heads: sorted.flatMap((p) => p.heads) };
  }

  it('publishes each anchor on the service topic in parts that validate against the schema and reassemble into the signed anchor of the file', async () => {
    // Enough streams for the first (full) anchor to need more than one message.
    for (let i = 0; i < 3000; i += 100) {
      await Promise.all(
        Array.from({ length: 100 }, (_, j) => store.append(`evaluation-2026:${String(i + j).padStart(18, '0')}`, [{ type: 'EvaluationSubmitted', data: { i: i + j } }])),
      );
    }
    const file = anchorFileOf(dir, 'evaluation');
    const anchorer = new Anchorer({ service: 'evaluation', store, key, file, intervalMs: 3_600_000, publish: anchorPublisher(kafka, 'evaluation', prefix) });
    expect(await anchorer.start()).toMatchObject({ anchored: true, anchor: { sequence: 0, full: true, streams: 3000, events: 3000 } });
    await store.append('evaluation-2026:000000000000000007', [{ type: 'PredicateSet', data: { predicate: 'BAIK' } }]);
    expect(await anchorer.stop()).toMatchObject({ anchored: true, anchor: { sequence: 1, reason: 'shutdown', full: false, events: 3001 } });

    const inFile = readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as AnchorDocument);
    expect(inFile.map((a) => a.reason)).toEqual(['startup', 'shutdown']);
    const messages = await anchorMessages(anchorId(inFile[1]));

    const data = messages.map((m) => JSON.parse(m.value.toString('utf8')) as AuditAnchoredV1);
    for (const [i, m] of messages.entries()) {
      expect(m.key).toBe('evaluation');
      expect(m.headers).toMatchObject({ ce_type: 'AuditAnchored.v1', ce_source: '/kinerja/evaluation', ce_subject: 'evaluation', ce_specversion: '1.0' });
      expect(validatePublicEvent('AuditAnchored.v1', data[i], 'consume')).toEqual({ ok: true });
      expect(validatePublicEvent('AuditAnchored.v1', data[i], 'produce')).toEqual({ ok: true });
    }
    // One partition (the key), in order: the first anchor's parts, then the second.
    const byAnchor = new Map<string, AuditAnchoredV1[]>();
    for (const d of data) byAnchor.set(d.anchorId, [...(byAnchor.get(d.anchorId) ?? []), d]);
    expect([...byAnchor.keys()]).toEqual(inFile.map(anchorId));
    expect(byAnchor.get(anchorId(inFile[0]))!.length).toBeGreaterThan(1);
    for (const anchor of inFile) {
      const reassembled = reassemble(byAnchor.get(anchorId(anchor))!);
      expect(reassembled).toEqual(anchor);
      expect(verifyDocument(reassembled as unknown as Record<string, unknown>, key.publicKey)).toBe(true);
    }

    // The store is what the anchors say.
    const digest = await digestStore(store, { anchors: { file, publicKey: key.publicKey } });
    expect(digest).toMatchObject({ ok: true, events: 3001, anchor: { anchors: 2, ok: true, findings: [], latest: { sequence: 1, events: 3001 } } });
  });
});
