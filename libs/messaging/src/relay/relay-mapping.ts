import { assertPublicEvent, getContract, ProducingService, sourceOf } from '@kinerja/contracts';
import type { RecordedEvent } from '@kinerja/event-store';
import { keyOfDraft, PublicEventDraft, PublicEventToPublish, publicEventId, topicOfPublicEvent, traceparentFor, UncheckedPublicEventDraft } from '../public-message';

/** The service's mapping: one internal event → zero or more public events, typed by the contract map. Pure. */
export type PublicEventMapping = (event: RecordedEvent) => PublicEventDraft[];

/** A mapping whose drafts only the schemas check, at run time. */
export type UncheckedPublicEventMapping = (event: RecordedEvent) => readonly UncheckedPublicEventDraft[];

/** Builds the public events of a batch, with ids derived from the internal events' ids. */
export function toPublicEvents(service: ProducingService, events: readonly RecordedEvent[], map: UncheckedPublicEventMapping): PublicEventToPublish[] {
  const out: PublicEventToPublish[] = [];
  for (const event of events) {
    map(event).forEach((draft, index) => {
      const contract = getContract(draft.type);
      if (contract.service !== service) throw new Error(`${service} cannot publish ${draft.type}, a contract of ${contract.service}`);
      assertPublicEvent(draft.type, draft.data, 'produce');
      const id = publicEventId(event.id, index, draft.type);
      const correlationId = event.metadata.correlationId ?? event.id;
      out.push({
        id,
        type: draft.type,
        data: draft.data,
        key: keyOfDraft(draft),
        source: sourceOf(service),
        time: event.recordedAt.toISOString(),
        correlationId,
        traceparent: typeof event.metadata.traceparent === 'string' ? event.metadata.traceparent : traceparentFor(correlationId, id),
      });
    });
  }
  return out;
}

/** The service's mapping threw, or produced an event its contract rejects: the relay cannot go on. */
export class RelayMappingError extends Error {
  constructor(
    readonly eventId: string,
    override readonly cause: unknown,
  ) {
    super(`relay mapping failed on internal event ${eventId}: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'RelayMappingError';
  }
}

/** A batch's public events by topic (with the prefix); throws RelayMappingError naming the culprit. */
export function mapBatch(
  service: ProducingService,
  events: readonly RecordedEvent[],
  map: UncheckedPublicEventMapping,
  topicPrefix: string,
): { publicEvents: PublicEventToPublish[]; byTopic: Map<string, PublicEventToPublish[]> } {
  let publicEvents: PublicEventToPublish[];
  try {
    publicEvents = toPublicEvents(service, events, map);
  } catch (error) {
    // Find the culprit for the message; the batch is not published either way.
    const culprit = events.find((e) => {
      try {
        toPublicEvents(service, [e], map);
        return false;
      } catch {
        return true;
      }
    });
    throw new RelayMappingError(culprit?.id ?? events[0].id, error);
  }
  const byTopic = new Map<string, PublicEventToPublish[]>();
  for (const e of publicEvents) {
    const topic = `${topicPrefix}${topicOfPublicEvent(e.type)}`;
    const list = byTopic.get(topic);
    if (list) list.push(e);
    else byTopic.set(topic, [e]);
  }
  return { publicEvents, byTopic };
}
