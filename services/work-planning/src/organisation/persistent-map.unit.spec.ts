import { PersistentMap } from './persistent-map';

describe('PersistentMap', () => {
  it('set returns a new map and leaves the old one unchanged', () => {
    const a = PersistentMap.empty<number>().set('x', 1);
    const b = a.set('x', 2).set('y', 3);
    expect([a.get('x'), a.get('y'), a.size]).toEqual([1, undefined, 1]);
    expect([b.get('x'), b.get('y'), b.size]).toEqual([2, 3, 2]);
  });

  it('holds tens of thousands of keys and agrees with a Map', () => {
    const reference = new Map<string, number>();
    let map = PersistentMap.empty<number>();
    for (let i = 0; i < 40_000; i++) {
      const key = `k${(i * 7919) % 30_000}`;
      reference.set(key, i);
      map = map.set(key, i);
    }
    expect(map.size).toBe(reference.size);
    for (const [k, v] of reference) expect(map.get(k)).toBe(v);
    expect(new Map(map.entries())).toEqual(reference);
    expect(map.has('missing')).toBe(false);
  });
});
