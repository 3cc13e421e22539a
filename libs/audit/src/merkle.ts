import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** A stream's last event at the time of a digest: the leaf of its service's Merkle tree. */
export interface StreamHead {
  stream: string;
  revision: number;
  hash: string;
}

/** Streams in byte order of their UTF-8 names (the same order whatever the database collation). */
export function sortHeads(heads: readonly StreamHead[]): StreamHead[] {
  return [...heads].sort((a, b) => Buffer.compare(Buffer.from(a.stream, 'utf8'), Buffer.from(b.stream, 'utf8')));
}

function sha256(...parts: Buffer[]): Buffer {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
}

const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

/** The leaf of one head: SHA-256(0x00 || canonical JSON [stream, revision, hash]). */
export function leafHash(head: StreamHead): Buffer {
  return sha256(LEAF, Buffer.from(canonicalize([head.stream, head.revision, head.hash])!, 'utf8'));
}

/**
 * RFC 6962 Merkle Tree Hash (hex) over the heads in the order given: leaves 0x00-prefixed, nodes
 * 0x01-prefixed, the left subtree the largest power of two below n. The empty tree is SHA-256("").
 */
export function merkleRoot(heads: readonly StreamHead[]): string {
  const leaves = heads.map(leafHash);
  return (leaves.length === 0 ? sha256() : treeHash(leaves, 0, leaves.length)).toString('hex');
}

function treeHash(leaves: Buffer[], from: number, to: number): Buffer {
  const n = to - from;
  if (n === 1) return leaves[from];
  let k = 1;
  while (k * 2 < n) k *= 2;
  return sha256(NODE, treeHash(leaves, from, from + k), treeHash(leaves, from + k, to));
}
