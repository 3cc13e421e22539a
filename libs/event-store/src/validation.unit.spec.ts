import { InvalidEventError } from './event-store.port';
import { canonicalEventText, ChainChecker, eventHash, sha256Hex } from './hashing';
import { prepareEvents, uuidv7 } from './validation';

describe('prepareEvents', () => {
  it('makes clean JSON copies and canonical texts', () => {
    const [e] = prepareEvents([
      {
        type: 'T',
        data: { b: [1, -0, 'x'], a: { when: new Date('2024-01-02T03:04:05.678Z'), gone: undefined }, ['__proto__']: 1 },
        metadata: { z: 1, a: 2 },
      },
    ]);
    expect(e.dataJson).toBe('{"__proto__":1,"a":{"when":"2024-01-02T03:04:05.678Z"},"b":[1,0,"x"]}');
    expect(e.metadataJson).toBe('{"a":2,"z":1}');
    expect(Object.keys(e.data as object)).toContain('__proto__');
    expect(e.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('lower-cases a given id and keeps metadata empty when absent', () => {
    const [e] = prepareEvents([{ id: 'ABCDEF01-2345-4678-9ABC-DEF012345678', type: 'T', data: null }]);
    expect(e.id).toBe('abcdef01-2345-4678-9abc-def012345678');
    expect(e.metadata).toEqual({});
    expect(e.dataJson).toBe('null');
  });

  it.each([
    ['a lone surrogate', { type: 'T', data: 'a\ud800b' }],
    ['a NUL', { type: 'T', data: { k: 'a\u0000' } }],
    ['a NUL in a key', { type: 'T', data: { ['k\u0000']: 1 } }],
    ['a class instance', { type: 'T', data: new (class Money { amount = 1; })() }],
    ['a whitespace type', { type: '  ', data: {} }],
  ])('rejects %s', (_label, event) => {
    expect(() => prepareEvents([event as never])).toThrow(InvalidEventError);
  });

  it('accepts a shared (non-cyclic) reference twice', () => {
    const shared = { x: 1 };
    const [e] = prepareEvents([{ type: 'T', data: { a: shared, b: shared } }]);
    expect(e.dataJson).toBe('{"a":{"x":1},"b":{"x":1}}');
  });
});

describe('uuidv7', () => {
  it('grows monotonically, also within one millisecond', () => {
    const ids = Array.from({ length: 3000 }, () => uuidv7());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('hash chain', () => {
  const base = {
    id: '01890a5d-ac96-774b-bcce-b302099a8057',
    stream: 'skp-1',
    revision: 0,
    type: 'SkpDrafted.v1',
    data: { b: 1, a: 'é' },
    metadata: { actorId: 'u1' },
    recordedAt: '2024-01-02T03:04:05.678Z',
    previousHash: null,
  };

  it('hashes the RFC 8785 text with keys in sorted order', () => {
    const text = canonicalEventText(base);
    expect(text).toBe(
      '{"data":{"a":"é","b":1},"id":"01890a5d-ac96-774b-bcce-b302099a8057","metadata":{"actorId":"u1"},' +
        '"previousHash":null,"recordedAt":"2024-01-02T03:04:05.678Z","revision":0,"stream":"skp-1","type":"SkpDrafted.v1"}',
    );
    expect(eventHash(base)).toBe(sha256Hex(text));
  });

  it('scheme 2 adds the position and the transaction id, as decimal strings in sorted key order', () => {
    const v2 = { ...base, scheme: 2 as const, position: '9007199254740993', transactionId: '742' };
    expect(canonicalEventText(v2)).toBe(
      '{"data":{"a":"é","b":1},"id":"01890a5d-ac96-774b-bcce-b302099a8057","metadata":{"actorId":"u1"},"position":"9007199254740993",' +
        '"previousHash":null,"recordedAt":"2024-01-02T03:04:05.678Z","revision":0,"stream":"skp-1","transactionId":"742","type":"SkpDrafted.v1"}',
    );
    expect(eventHash({ ...v2, position: '9007199254740994' })).not.toBe(eventHash(v2));
    expect(eventHash({ ...v2, transactionId: '743' })).not.toBe(eventHash(v2));
    expect(() => canonicalEventText({ ...base, scheme: 2 })).toThrow(/position/);
  });

  it('reports positions out of order, a transaction split by another, and a scheme downgrade', () => {
    const chain = (events: { position: string; transactionId: string; scheme: 1 | 2 }[]) => {
      const checker = new ChainChecker();
      let previousHash: string | null = null;
      events.forEach((order, revision) => {
        const fields = { ...base, ...order, revision, previousHash, id: `01890a5d-ac96-774b-bcce-b302099a80${50 + revision}` };
        const hash = eventHash(fields);
        checker.add({ ...fields, hash });
        previousHash = hash;
      });
      return checker.breaks.map((b) => [b.revision, b.reason]);
    };
    expect(chain([{ position: '10', transactionId: '5', scheme: 1 }, { position: '11', transactionId: '5', scheme: 1 }, { position: '30', transactionId: '4', scheme: 2 }])).toEqual([]);
    expect(chain([{ position: '10', transactionId: '5', scheme: 2 }, { position: '9', transactionId: '6', scheme: 2 }])).toEqual([[1, 'position_order']]);
    expect(chain([{ position: '10', transactionId: '5', scheme: 2 }, { position: '10', transactionId: '5', scheme: 2 }])).toEqual([[1, 'position_order']]);
    expect(chain([{ position: '1', transactionId: '5', scheme: 2 }, { position: '2', transactionId: '6', scheme: 2 }, { position: '3', transactionId: '5', scheme: 2 }])).toEqual([
      [2, 'transaction_order'],
    ]);
    expect(chain([{ position: '1', transactionId: '5', scheme: 2 }, { position: '2', transactionId: '6', scheme: 1 }])).toEqual([[1, 'scheme_downgrade']]);
  });

  it('reports gaps, broken links and changed fields', () => {
    const h0 = eventHash(base);
    const e1 = { ...base, id: '01890a5d-ac96-774b-bcce-b302099a8058', revision: 1, previousHash: h0 };
    const h1 = eventHash(e1);
    const ok = new ChainChecker();
    ok.add({ ...base, hash: h0 });
    ok.add({ ...e1, hash: h1 });
    ok.checkHead('skp-1', 1, null);
    expect(ok.breaks).toEqual([]);

    const bad = new ChainChecker();
    bad.add({ ...base, hash: h0 });
    bad.add({ ...e1, data: { b: 2, a: 'é' }, hash: h1 });
    expect(bad.breaks.map((b) => b.reason)).toEqual(['hash_mismatch']);

    const gap = new ChainChecker();
    gap.add({ ...e1, hash: h1 });
    expect(gap.breaks.map((b) => b.reason).sort()).toEqual(['broken_link', 'revision_gap']);
  });
});

describe('one-pass canonical JSON', () => {
  // A small deterministic generator of JSON values with awkward keys, strings and numbers.
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const strings = ['', 'a', 'Z', 'é', '€', '😀', 'a"b', 'back\\slash', 'line\nbreak', '\u001f', '\u2028', 'aa', 'b', '10', '2'];
  const numbers = [0, -0, 1, -1, 0.1, 1e21, 1e-7, 123456789012345680000, 5e-324, 1.7976931348623157e308, -2.5, 333333333.3333333];
  function value(depth: number): unknown {
    const kind = depth > 3 ? Math.floor(rnd() * 4) : Math.floor(rnd() * 6);
    switch (kind) {
      case 0:
        return pick(strings);
      case 1:
        return pick(numbers);
      case 2:
        return pick([true, false, null]);
      case 3:
        return new Date(Math.floor(rnd() * 2e12));
      case 4:
        return Array.from({ length: Math.floor(rnd() * 4) }, () => value(depth + 1));
      default: {
        const o: Record<string, unknown> = {};
        for (let i = Math.floor(rnd() * 5); i > 0; i--) o[pick(strings)] = value(depth + 1);
        return o;
      }
    }
  }

  it('writes what the canonicalize package writes, for 2000 random values', async () => {
    const { default: canonicalize } = await import('canonicalize');
    for (let i = 0; i < 2000; i++) {
      const data = value(0);
      const [e] = prepareEvents([{ type: 'T', data }]);
      expect(e.dataJson).toBe(canonicalize(data));
      expect(canonicalize(e.data)).toBe(e.dataJson);
    }
  });
});
