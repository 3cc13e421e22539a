import type { EntityManager } from 'typeorm';
import { CloudEventEnvelope, fromCloudEventHeaders, PublicEventMap, PublicEventType, validatePublicEvent } from '@kinerja/contracts';
import { ConsumedMessage } from '../transport.port';

/** A public event as a consumer's handler sees it. */
export interface ReceivedEvent<Data = unknown> extends CloudEventEnvelope {
  data: Data;
  key: string | null;
  topic: string;
  partition: number;
  offset: string;
}

/** A public event of this type as a handler receives it: its data typed by the contract map. */
export type PublicEvent<Type extends PublicEventType> = ReceivedEvent<PublicEventMap[Type]> & { type: Type };

/** The handler's open transaction; the inbox row commits with whatever the handler writes here. */
export interface HandlerContext {
  manager: EntityManager;
  /** Raw SQL on the same transaction; returns the rows. */
  query<Row = any>(sql: string, parameters?: unknown[]): Promise<Row[]>;
}

/** A handler of one public event type. */
export type PublicEventHandler<Type extends PublicEventType> = (event: PublicEvent<Type>, context: HandlerContext) => Promise<void>;

/** Public event type → handler, typed by the contract's data: the only handlers a consumer accepts. */
export type PublicEventHandlers = {
  [Type in PublicEventType]?: PublicEventHandler<Type>;
};

export type EventHandler = (event: ReceivedEvent, context: HandlerContext) => Promise<void>;

/** A consumed message, read: an event to apply, a type nobody handles, or a message to dead-letter. */
export type ParsedMessage =
  | { kind: 'event'; message: ConsumedMessage; event: ReceivedEvent; handler: EventHandler }
  | { kind: 'skip'; message: ConsumedMessage }
  | { kind: 'invalid'; message: ConsumedMessage; reason: 'envelope' | 'schema'; error: string };

/** Checks the CloudEvents envelope and the contract's JSON Schema (`consume` mode), and finds the handler. */
export function parseMessage(message: ConsumedMessage, handlers: PublicEventHandlers): ParsedMessage {
  const envelope = fromCloudEventHeaders(message.headers);
  if (!envelope.ok) return { kind: 'invalid', message, reason: 'envelope', error: envelope.error };
  const handler = (handlers as Record<string, EventHandler | undefined>)[envelope.envelope.type];
  if (!handler) return { kind: 'skip', message };
  let data: unknown;
  try {
    data = JSON.parse(message.value.toString('utf8'));
  } catch {
    return { kind: 'invalid', message, reason: 'envelope', error: 'the value is not JSON' };
  }
  const valid = validatePublicEvent(envelope.envelope.type, data, 'consume');
  if (!valid.ok) return { kind: 'invalid', message, reason: 'schema', error: `schema: ${valid.errors.join('; ')}` };
  const { id, type, source, time, subject, correlationId, traceparent } = envelope.envelope;
  return {
    kind: 'event',
    message,
    handler,
    event: { id, type, source, time, subject, correlationId, traceparent, data, key: message.key, topic: message.topic, partition: message.partition, offset: message.offset },
  };
}
