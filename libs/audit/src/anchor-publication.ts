import { assertPublicEvent, AuditAnchoredV1, DEFAULT_PARTITIONS, ProducingService, sourceOf, topicOf } from '@kinerja/contracts';
import { OutgoingMessage, PublicEventToPublish, publicEventId, toOutgoingMessage, traceparentFor, Transport } from '@kinerja/messaging';
import { AnchorDocument, anchorId } from './anchor';

export const ANCHOR_EVENT_TYPE = 'AuditAnchored.v1';

/** Each message of an anchor stays well below Kafka's default 1 MB limit. */
const MAX_PART_BYTES = 256 * 1024;

/** The anchor as `AuditAnchored.v1` data, its heads split in parts of at most ~256 KiB each. */
export function anchorEvents(doc: AnchorDocument): AuditAnchoredV1[] {
  const id = anchorId(doc);
  const slices: AnchorDocument['heads'][] = [];
  let current: AnchorDocument['heads'] = [];
  let bytes = 0;
  for (const head of doc.heads) {
    const size = Buffer.byteLength(JSON.stringify(head)) + 1;
    if (current.length > 0 && bytes + size > MAX_PART_BYTES) {
      slices.push(current);
      current = [];
      bytes = 0;
    }
    current.push(head);
    bytes += size;
  }
  slices.push(current);
  return slices.map((heads, i) => ({ ...doc, heads, anchorId: id, part: i + 1, parts: slices.length }));
}

/** The anchor's messages for the service's topic: CloudEvents binary mode, keyed by the service. */
export function anchorMessages(doc: AnchorDocument, service: ProducingService): OutgoingMessage[] {
  return anchorEvents(doc).map((data) => {
    assertPublicEvent(ANCHOR_EVENT_TYPE, data, 'produce');
    // Derived from the anchor and the part: a re-publication has the same `ce_id`.
    const id = publicEventId(data.anchorId, data.part, ANCHOR_EVENT_TYPE);
    const event: PublicEventToPublish = {
      id,
      type: ANCHOR_EVENT_TYPE,
      data,
      key: service,
      source: sourceOf(service),
      time: doc.anchoredAt,
      correlationId: data.anchorId,
      traceparent: traceparentFor(data.anchorId, id),
    };
    return toOutgoingMessage(event);
  });
}

/** Publishes anchors on the service's own topic (`topicPrefix` as the relay's). */
export function anchorPublisher(transport: Transport, service: ProducingService, topicPrefix = ''): (doc: AnchorDocument) => Promise<void> {
  const topic = `${topicPrefix}${topicOf(service)}`;
  let ensured = false;
  return async (doc) => {
    if (!ensured) {
      await transport.ensureTopic(topic, DEFAULT_PARTITIONS);
      ensured = true;
    }
    await transport.produce(topic, anchorMessages(doc, service));
  };
}
