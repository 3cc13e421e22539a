import { createHash } from 'node:crypto';
import { leafHash, merkleRoot, sortHeads, StreamHead } from './merkle';

const sha = (...parts: Buffer[]) => {
  const h = createHash('sha256');
  parts.forEach((p) => h.update(p));
  return h.digest();
};
const node = (l: Buffer, r: Buffer) => sha(Buffer.from([1]), l, r);
const head = (i: number): StreamHead => ({ stream: `s-${i}`, revision: i, hash: i.toString(16).padStart(64, '0') });

describe('merkleRoot (RFC 6962)', () => {
  it('is SHA-256 of nothing for no leaves, the leaf hash for one', () => {
    expect(merkleRoot([])).toBe(createHash('sha256').digest('hex'));
    expect(merkleRoot([head(1)])).toBe(leafHash(head(1)).toString('hex'));
  });

  it('splits at the largest power of two below n', () => {
    const [a, b, c, d, e] = [0, 1, 2, 3, 4].map((i) => leafHash(head(i)));
    expect(merkleRoot([0, 1, 2].map(head))).toBe(node(node(a, b), c).toString('hex'));
    expect(merkleRoot([0, 1, 2, 3, 4].map(head))).toBe(node(node(node(a, b), node(c, d)), e).toString('hex'));
  });

  it('changes with any hash, revision, stream or order', () => {
    const heads = [0, 1, 2, 3].map(head);
    const root = merkleRoot(heads);
    expect(merkleRoot([heads[0], heads[1], heads[2], { ...heads[3], hash: 'f'.repeat(64) }])).not.toBe(root);
    expect(merkleRoot([heads[0], heads[1], heads[2], { ...heads[3], revision: 4 }])).not.toBe(root);
    expect(merkleRoot([heads[1], heads[0], heads[2], heads[3]])).not.toBe(root);
    expect(merkleRoot(heads.slice(0, 3))).not.toBe(root);
  });

  it('a leaf is not a node: a two-leaf root differs from a leaf over the same bytes', () => {
    expect(leafHash(head(0)).equals(sha(Buffer.from([0])))).toBe(false);
  });

  it('orders streams by UTF-8 bytes, not UTF-16 units', () => {
    const heads = [
      { stream: '\u{1F600}', revision: 0, hash: 'a' },
      { stream: '\uFF61', revision: 0, hash: 'b' },
      { stream: 'b', revision: 0, hash: 'c' },
      { stream: 'B', revision: 0, hash: 'd' },
    ];
    expect(sortHeads(heads).map((h) => h.hash)).toEqual(['d', 'c', 'b', 'a']);
  });
});
