import { hash } from 'node:crypto';
import { AuditEvents, findContract, keyOf, PublicEventMap, PublicEventType, toCloudEventHeaders } from '@kinerja/contracts';
import { OutgoingMessage } from './transport.port';

/** The public events a service's relay mapping may produce (audit anchors are published by the anchorer). */
export type MappedPublicEventType = Exclude<PublicEventType, keyof AuditEvents>;

/**
 * What a service's mapping returns for one internal event, typed by the contract map: the data of
 * `type` must be that contract's data, so a missing or misspelt field is a compile error. `key`
 * defaults to the contract's key rule.
 */
export type PublicEventDraft = {
  [Type in MappedPublicEventType]: { type: Type; data: PublicEventMap[Type]; key?: string };
}[MappedPublicEventType];

/** A draft whose data only the schema checks (at run time): for tests that send what no contract allows. */
export interface UncheckedPublicEventDraft {
  type: string;
  data: unknown;
  key?: string;
}

export interface PublicEventToPublish {
  id: string;
  type: string;
  data: unknown;
  key: string;
  source: string;
  time: string;
  correlationId: string;
  traceparent: string;
}

const NAMESPACE = 'kinerja.public-event';

/**
 * The public event id (`ce_id`): a name-based (version 5 layout) uuid of the internal event id and
 * the position in the mapping's output, so that producing the same internal event again, after a
 * crash, carries the same id and consumers' inboxes drop the copy.
 */
export function publicEventId(internalEventId: string, index: number, type: string): string {
  const hex = hash('sha1', `${NAMESPACE}/${internalEventId}/${index}/${type}`, 'hex');
  // Version 5 in the 13th digit, RFC 4122 variant in the 17th.
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const traceIds = new Map<string, string>();

/**
 * A W3C traceparent whose trace id follows the correlation id, so that a flow's events share one
 * trace; the span id comes from the event id (already a hash).
 */
export function traceparentFor(correlationId: string, eventId: string): string {
  let traceId = traceIds.get(correlationId);
  if (!traceId) {
    traceId = hash('sha256', correlationId, 'hex').slice(0, 32);
    if (traceIds.size > 10_000) traceIds.clear();
    traceIds.set(correlationId, traceId);
  }
  const spanId = eventId.replace(/-/g, '').slice(16, 32);
  return `00-${traceId}-${spanId}-01`;
}

export function toOutgoingMessage(event: PublicEventToPublish): OutgoingMessage {
  return {
    key: event.key,
    value: Buffer.from(JSON.stringify(event.data), 'utf8'),
    headers: toCloudEventHeaders({
      id: event.id,
      type: event.type,
      source: event.source,
      time: event.time,
      subject: event.key,
      correlationId: event.correlationId,
      traceparent: event.traceparent,
    }),
  };
}

export function topicOfPublicEvent(type: string): string {
  const contract = findContract(type);
  if (!contract) throw new Error(`Unknown public event type ${type}`);
  return contract.topic;
}

export function keyOfDraft(draft: UncheckedPublicEventDraft): string {
  return draft.key ?? keyOf(draft.type, draft.data);
}
