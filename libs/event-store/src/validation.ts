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
    const dataJson = canonical(event.data, `${where} (${type}) data`, []);
    let metadataJson = '{}';
    if (event.metadata !== undefined && event.metadata !== null) {
      metadataJson = canonical(event.metadata, `${where} (${type}) metadata`, []);
      if (metadataJson[0] !== '{') throw new InvalidEventError(`${where} (${type}): metadata must be an object`);
    }
    return {
      id,
      type,
      data: JSON.parse(dataJson) as unknown,
      metadata: JSON.parse(metadataJson) as EventMetadata,
      dataJson,
      metadataJson,
    };
  });
}

/** RFC 8785 canonical JSON of a value already made clean (e.g. read back from storage). */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new InvalidEventError('Value is not JSON-serialisable');
  return text;
}

// Strings with nothing to escape are written as they are (JSON.stringify would return the same).
const NEEDS_ESCAPE = /["\\\u0000-\u001f\u2028\u2029\ud800-\udfff]/;

function quote(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}

function pathOf(root: string, path: (string | number)[]): string {
  return path.reduce<string>((out, p) => (typeof p === 'number' ? `${out}[${p}]` : `${out}.${p}`), root);
}

/**
 * Validates a value and writes its RFC 8785 canonical JSON in one pass: object keys sorted by UTF-16
 * code units, numbers and strings as ECMAScript's JSON.stringify writes them (what RFC 8785 asks).
 * Throws InvalidEventError, naming the path, on anything JSON cannot hold faithfully.
 */
function canonical(value: unknown, root: string, ancestors: object[], path: (string | number)[] = []): string {
  const fail = (what: string): never => {
    throw new InvalidEventError(`${pathOf(root, path)}: ${what}`);
  };
  switch (typeof value) {
    case 'string':
      if (BAD_STRING.test(value)) fail('string holds a NUL or a lone surrogate');
      return quote(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) fail(`${String(value)} is not a JSON number`);
      return JSON.stringify(value); // -0 is written 0
    case 'undefined':
      return fail('undefined is not a JSON value');
    case 'bigint':
      return fail('bigint is not a JSON value');
    case 'function':
      return fail('a function is not a JSON value');
    case 'symbol':
      return fail('a symbol is not a JSON value');
  }
  if (value === null) return 'null';
  const object = value as object;
  if (ancestors.includes(object)) fail('cyclic structure');
  ancestors.push(object);
  try {
    const toJSON = (object as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') {
      const replaced: unknown = toJSON.call(object);
      return canonical(replaced, root, ancestors, path);
    }
    if (Array.isArray(object)) {
      let out = '[';
      for (let i = 0; i < object.length; i++) {
        if (i > 0) out += ',';
        path.push(i);
        out += canonical(object[i], root, ancestors, path);
        path.pop();
      }
      return `${out}]`;
    }
    const proto = Object.getPrototypeOf(object);
    if (proto !== Object.prototype && proto !== null) {
      fail(`a ${(proto as { constructor?: { name?: string } }).constructor?.name ?? 'unknown'} is not a plain JSON object`);
    }
    const keys = Object.keys(object).sort();
    let out = '{';
    let first = true;
    for (const key of keys) {
      const v = (object as Record<string, unknown>)[key];
      if (v === undefined) continue;
      if (BAD_STRING.test(key)) fail('key holds a NUL or a lone surrogate');
      path.push(key);
      out += `${first ? '' : ','}${quote(key)}:${canonical(v, root, ancestors, path)}`;
      path.pop();
      first = false;
    }
    return `${out}}`;
  } finally {
    ancestors.pop();
  }
}

let lastMs = 0;
let sequence = 0;
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
// Random bytes are drawn 4 KiB at a time: one call into the CSPRNG per 512 ids.
const pool = new Uint8Array(4096);
let poolAt = pool.length;

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
  if (poolAt + 8 > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const r = poolAt;
  poolAt += 8;
  const high = Math.floor(ms / 2 ** 32); // top 16 of the 48 bits
  const low = ms >>> 0;
  return (
    HEX[(high >>> 8) & 0xff] +
    HEX[high & 0xff] +
    HEX[low >>> 24] +
    HEX[(low >>> 16) & 0xff] +
    '-' +
    HEX[(low >>> 8) & 0xff] +
    HEX[low & 0xff] +
    '-' +
    HEX[0x70 | (sequence >>> 8)] +
    HEX[sequence & 0xff] +
    '-' +
    HEX[0x80 | (pool[r] & 0x3f)] +
    HEX[pool[r + 1]] +
    '-' +
    HEX[pool[r + 2]] +
    HEX[pool[r + 3]] +
    HEX[pool[r + 4]] +
    HEX[pool[r + 5]] +
    HEX[pool[r + 6]] +
    HEX[pool[r + 7]]
  );
}
