/**
 * An immutable string-keyed map with structural sharing: `set` copies only the path to one bucket
 * (a 32-way trie, three levels deep), so folding tens of thousands of organisation events stays
 * linear while `evolve` remains pure.
 */
type Entry<V> = readonly [string, V];
type Bucket<V> = readonly Entry<V>[];
type Node = readonly unknown[];

const BITS = 5;
const MASK = 31;
const DEPTH = 3;

function hash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class PersistentMap<V> {
  private static readonly EMPTY = new PersistentMap<never>(undefined, 0);

  private constructor(
    private readonly root: Node | undefined,
    readonly size: number,
  ) {}

  static empty<V>(): PersistentMap<V> {
    return PersistentMap.EMPTY as PersistentMap<V>;
  }

  static of<V>(entries: Iterable<readonly [string, V]>): PersistentMap<V> {
    let map = PersistentMap.empty<V>();
    for (const [k, v] of entries) map = map.set(k, v);
    return map;
  }

  get(key: string): V | undefined {
    const h = hash(key);
    let node: unknown = this.root;
    for (let level = 0; level < DEPTH; level++) {
      if (node === undefined) return undefined;
      node = (node as Node)[(h >>> (level * BITS)) & MASK];
    }
    if (node === undefined) return undefined;
    for (const [k, v] of node as Bucket<V>) if (k === key) return v;
    return undefined;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  set(key: string, value: V): PersistentMap<V> {
    const h = hash(key);
    let added = false;
    const setIn = (node: unknown, level: number): unknown => {
      if (level === DEPTH) {
        const bucket = (node as Bucket<V> | undefined) ?? [];
        const i = bucket.findIndex(([k]) => k === key);
        if (i < 0) {
          added = true;
          return [...bucket, [key, value]];
        }
        const copy = bucket.slice();
        copy[i] = [key, value];
        return copy;
      }
      const copy = node === undefined ? new Array<unknown>(MASK + 1) : (node as Node).slice();
      const idx = (h >>> (level * BITS)) & MASK;
      copy[idx] = setIn(node === undefined ? undefined : (node as Node)[idx], level + 1);
      return copy;
    };
    const root = setIn(this.root, 0) as Node;
    return new PersistentMap<V>(root, this.size + (added ? 1 : 0));
  }

  *entries(): IterableIterator<Entry<V>> {
    function* walk(node: unknown, level: number): IterableIterator<Entry<V>> {
      if (node === undefined) return;
      if (level === DEPTH) {
        yield* node as Bucket<V>;
        return;
      }
      for (const child of node as Node) yield* walk(child, level + 1);
    }
    yield* walk(this.root, 0);
  }

  *values(): IterableIterator<V> {
    for (const [, v] of this.entries()) yield v;
  }
}
