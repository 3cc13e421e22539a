import { randomFillSync } from 'node:crypto';
import canonicalize from 'canonicalize';
import { EventMetadata, ExpectedRevision, InvalidEventError, NewEvent } from './event-store.port';

/**
 * An event checked and made JSON-clean before any adapter touches storage. `dataJson` and
 * `metadataJson` are RFC 8785 canonical JSON texts: what is stored and what is hashed.
 */
export interface PreparedEvent {
  /** Lower-case uuid. */
  id: string;
  type: string;
  data: unknown;
  metadata: EventMetadata;
  dataJson: string;
  metadataJson: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A NUL (PostgreSQL text and jsonb cannot hold it) or a lone UTF-16 surrogate (not valid UTF-8).
const BAD_STRING = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function assertStreamName(stream: unknown): asserts stream is string {
  if (typeof stream !== 'string' || stream.length === 0) {
    throw new InvalidEventError('The stream name must be a non-empty string');
  }
  if (BAD_STRING.test(stream)) throw new InvalidEventError('The stream name holds a NUL or a lone surrogate');
}

export function assertExpectedRevision(expected: unknown): asserts expected is ExpectedRevision {
  if (expected === 'any' || expected === 'no_stream' || expected === 'stream_exists') return;
  if (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0) return;
  throw new InvalidEventError(`Invalid expected revision: ${String(expected)}`);
}

/**
 * Validates every event of an append (type, id, JSON-serialisable data and metadata) and returns
 * clean copies. Throws InvalidEventError on the first problem, naming the event and the path.
 *
 * Accepted: null, booleans, finite numbers, strings, arrays and plain objects of those, and values
 * with a `toJSON` method (e.g. Date), replaced by what it returns. Object properties whose value is
 * `undefined` are dropped, as JSON.stringify does. Rejected: `undefined` as the data itself or as an
 * array element, functions, symbols, bigint, NaN and ±Infinity, cycles, non-plain objects (Map,
 * Set, class instances) and strings with a NUL or a lone surrogate.
 */
export function prepareEvents(events: readonly NewEvent[]): PreparedEvent[] {
  if (!Array.isArray(events)) throw new InvalidEventError('Events must be an array');
  const seen = new Set<string>();
  return events.map((event, index) => {
    const where = `event #${index}`;
    if (event === null || typeof event !== 'object') throw new InvalidEventError(`${where} is not an object`);
    const { type } = event;
    if (typeof type !== 'string' || type.trim().length === 0) {
      throw new InvalidEventError(`${where} has no type (a non-empty string is required)`);
    }
    if (BAD_STRING.test(type)) throw new InvalidEventError(`${where}: the type holds a NUL or a lone surrogate`);
    let id: string;
    if (event.id === undefined || event.id === null) {
      id = uuidv7();
    } else if (typeof event.id === 'string' && UUID.test(event.id)) {
      id = event.id.toLowerCase();
    } else {
      throw new InvalidEventError(`${where} (${type}): the id must be a uuid`);
    }
    if (seen.has(id)) throw new InvalidEventError(`${where} (${type}): the id ${id} appears twice in one append`);
    seen.add(id);
    if (event.data === undefined) throw new InvalidEventError(`${where} (${type}): data is undefined`);
    const data = toJsonValue(event.data, `${where} (${type}) data`, []);
    let metadata: EventMetadata = {};
    if (event.metadata !== undefined && event.metadata !== null) {
      const m = toJsonValue(event.metadata, `${where} (${type}) metadata`, []);
      if (m === null || typeof m !== 'object' || Array.isArray(m)) {
        throw new InvalidEventError(`${where} (${type}): metadata must be an object`);
      }
      metadata = m as EventMetadata;
    }
    return { id, type, data, metadata, dataJson: canonicalJson(data), metadataJson: canonicalJson(metadata) };
  });
}

let lastMs = 0;
let sequence = 0;
const bytes = new Uint8Array(16);
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * A time-ordered UUID (RFC 9562 version 7): 48 bits of Unix milliseconds, then a 12-bit counter
 * (monotonic within this process in one millisecond) and 62 random bits. Ids that grow keep the
 * unique index on event ids appending at its right edge instead of splitting pages at random.
 */
export function uuidv7(): string {
  let ms = Date.now();
  if (ms <= lastMs) {
    sequence++;
    if (sequence > 0xfff) {
      lastMs++;
      sequence = 0;
    }
    ms = lastMs;
  } else {
    lastMs = ms;
    sequence = 0;
  }
  randomFillSync(bytes, 8, 8);
  bytes[0] = Math.floor(ms / 2 ** 40) & 0xff;
  bytes[1] = Math.floor(ms / 2 ** 32) & 0xff;
  bytes[2] = (ms >>> 24) & 0xff;
  bytes[3] = (ms >>> 16) & 0xff;
  bytes[4] = (ms >>> 8) & 0xff;
  bytes[5] = ms & 0xff;
  bytes[6] = 0x70 | (sequence >>> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | (bytes[8] & 0x3f);
  const h = Array.from(bytes, (b) => HEX[b]).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** RFC 8785 canonical JSON of a value already made clean by `toJsonValue`. */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new InvalidEventError('Value is not JSON-serialisable');
  return text;
}

function toJsonValue(value: unknown, path: string, ancestors: object[]): unknown {
  switch (typeof value) {
    case 'string':
      if (BAD_STRING.test(value)) throw new InvalidEventError(`${path}: string holds a NUL or a lone surrogate`);
      return value;
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw new InvalidEventError(`${path}: ${String(value)} is not a JSON number`);
      return Object.is(value, -0) ? 0 : value;
    case 'undefined':
      throw new InvalidEventError(`${path}: undefined is not a JSON value`);
    case 'bigint':
      throw new InvalidEventError(`${path}: bigint is not a JSON value`);
    case 'function':
      throw new InvalidEventError(`${path}: a function is not a JSON value`);
    case 'symbol':
      throw new InvalidEventError(`${path}: a symbol is not a JSON value`);
  }
  if (value === null) return null;
  const object = value as object;
  if (ancestors.includes(object)) throw new InvalidEventError(`${path}: cyclic structure`);
  const toJSON = (object as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') {
    const replaced: unknown = toJSON.call(object);
    if (replaced === object) throw new InvalidEventError(`${path}: toJSON returned itself`);
    return toJsonValue(replaced, path, [...ancestors, object]);
  }
  const nextAncestors = [...ancestors, object];
  if (Array.isArray(object)) {
    const out: unknown[] = [];
    for (let i = 0; i < object.length; i++) {
      out.push(toJsonValue(object[i], `${path}[${i}]`, nextAncestors));
    }
    return out;
  }
  const proto = Object.getPrototypeOf(object);
  if (proto !== Object.prototype && proto !== null) {
    const name = (proto as { constructor?: { name?: string } }).constructor?.name ?? 'unknown';
    throw new InvalidEventError(`${path}: a ${name} is not a plain JSON object`);
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(object)) {
    const v = (object as Record<string, unknown>)[key];
    if (v === undefined) continue;
    if (BAD_STRING.test(key)) throw new InvalidEventError(`${path}: key holds a NUL or a lone surrogate`);
    Object.defineProperty(out, key, {
      value: toJsonValue(v, `${path}.${key}`, nextAncestors),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}
