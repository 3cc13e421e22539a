import { fromCloudEventHeaders, validatePublicEvent } from '@kinerja/contracts';
import { HANDLERS } from './facts';

/** A Kafka message as kafkajs hands it over, reduced to what we read. */
export interface RawMessage {
  topic: string;
  partition: number;
  offset: string;
  /** Milliseconds since the epoch, as a string (kafkajs). */
  timestamp: string;
  value: Buffer | null;
  headers?: Record<string, Buffer | string | (Buffer | string)[] | undefined>;
}

export type Classified =
  | { kind: 'event'; ceId: string; type: string; data: unknown; time: string }
  | { kind: 'ignored'; type: string }
  | { kind: 'rejected'; reason: string; ceId: string | null; type: string | null };

/** kafkajs gives header values as Buffers (an array when a header repeats: the first counts). */
export function decodeHeaders(headers: RawMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[name] = first.toString();
  }
  return out;
}

/**
 * Envelope first (CloudEvents 1.0 binary mode), then the type: one we do not use is ignored before
 * its data is even parsed; one we use must parse as JSON and match its contract's JSON Schema.
 */
export function classify(message: RawMessage): Classified {
  const headers = decodeHeaders(message.headers);
  const envelope = fromCloudEventHeaders(headers);
  if (!envelope.ok) return { kind: 'rejected', reason: `envelope: ${envelope.error}`, ceId: headers.ce_id ?? null, type: headers.ce_type ?? null };
  const { id, type, time } = envelope.envelope;
  if (!(type in HANDLERS)) return { kind: 'ignored', type };
  let data: unknown;
  try {
    data = JSON.parse((message.value ?? Buffer.alloc(0)).toString('utf8'));
  } catch {
    return { kind: 'rejected', reason: 'value: not JSON', ceId: id, type };
  }
  const valid = validatePublicEvent(type, data, 'consume');
  if (!valid.ok) return { kind: 'rejected', reason: `schema: ${valid.errors.join('; ')}`, ceId: id, type };
  return { kind: 'event', ceId: id, type, data, time: time || new Date(Number(message.timestamp)).toISOString() };
}
