// The state commitment defined in @tana/engine's state-proof.ts, as pure functions over rows: leaf
// hashes fall into 256 buckets by the sha256 of their path; a bucket's root is the Merkle root of its
// leaves in path (byte) order; the state root is the fixed 256-leaf tree over the bucket roots. A
// commit rehashes only the buckets it touched, then 8 nodes per bucket of the top tree, which each
// process keeps in memory (TreeCache) for the head it last saw.
import { createHash } from 'node:crypto';
import { BUCKET_COUNT, EMPTY_BUCKET, leafBytes, leafPath, nodeBytes, type ProofStep, type StateLeaf } from '@tana/engine';
import type { LeafRow } from '../db/rows.ts';

const EMPTY = Buffer.from(EMPTY_BUCKET, 'hex');

/** The top tree, level by level (bucket roots first). */
export type Levels = Buffer[][];

export function sha256(bytes: Uint8Array | string): Buffer {
  return createHash('sha256').update(bytes).digest();
}

export function bucketOf(path: string): number {
  return sha256(path)[0]!;
}

export function leafRow(leaf: StateLeaf): LeafRow {
  const path = leafPath(leaf);
  return { path, bucket: bucketOf(path), hash: sha256(leafBytes(leaf)) };
}

/** Byte order of UTF-8, as SQLite's BINARY and PostgreSQL's "C" collation sort text. */
export function comparePaths(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/**
 * The new roots of every bucket `changes` touches: its committed leaves (`committed`, at least those
 * of the touched buckets) with the changes applied (undefined removes a leaf). Undefined: now empty.
 */
export function bucketRoots(committed: LeafRow[], changes: Map<string, LeafRow | undefined>): Map<number, Buffer | undefined> {
  const buckets = new Map<number, Map<string, Uint8Array>>();
  const touched = (bucket: number) => {
    const leaves = buckets.get(bucket) ?? new Map<string, Uint8Array>();
    buckets.set(bucket, leaves);
    return leaves;
  };
  for (const [path] of changes) touched(bucketOf(path));
  for (const row of committed) buckets.get(row.bucket)?.set(row.path, row.hash);
  for (const [path, leaf] of changes) {
    if (leaf) touched(leaf.bucket).set(path, leaf.hash);
    else touched(bucketOf(path)).delete(path);
  }
  const roots = new Map<number, Buffer | undefined>();
  for (const [bucket, leaves] of buckets) {
    const hashes = [...leaves.keys()].sort(comparePaths).map((path) => leaves.get(path)!);
    roots.set(bucket, hashes.length ? merkleRoot(hashes) : undefined);
  }
  return roots;
}

/** The top tree over stored bucket roots (absent buckets are empty). */
export function levelsFrom(stored: Map<number, Uint8Array>): Levels {
  return levelsOf(
    Array.from({ length: BUCKET_COUNT }, (_, i) => {
      const hash = stored.get(i);
      return hash ? Buffer.from(hash) : EMPTY;
    }),
  );
}

/** A new top tree with these bucket roots replaced (the old one is left as it was). */
export function withBuckets(levels: Levels, roots: Map<number, Uint8Array | undefined>): Levels {
  const next = levels.map((level) => level.slice());
  for (const [bucket, hash] of roots) updatePath(next, bucket, hash ? Buffer.from(hash) : EMPTY);
  return next;
}

export function rootOf(levels: Levels): string {
  return levels.at(-1)![0]!.toString('hex');
}

/** The steps from a leaf at `path` (among its bucket's committed leaves) to the root of `bucketLevel`; undefined if it is not there. */
export function proofSteps(path: string, bucketLeaves: LeafRow[], bucketLevel: Buffer[]): ProofStep[] | undefined {
  const rows = [...bucketLeaves].sort((a, b) => comparePaths(a.path, b.path));
  const index = rows.findIndex((row) => row.path === path);
  if (index < 0) return undefined;
  return [
    ...pathSteps(
      rows.map((row) => Buffer.from(row.hash)),
      index,
    ),
    ...pathSteps(bucketLevel, bucketOf(path)),
  ];
}

/**
 * This process's copy of the top tree, valid for one head. A commit made by another node moves the
 * head; the copy is then reloaded from the stored bucket roots (256 rows) before it is used again.
 */
export interface CachedLevels {
  headHash: string;
  levels: Levels;
}

export class TreeCache {
  private cached: CachedLevels | undefined;

  /** The top tree at `headHash`: the cached one, or one built from `load()` (the stored bucket roots at that head). */
  async at(headHash: string, load: () => Promise<Map<number, Uint8Array>>): Promise<Levels> {
    if (this.cached?.headHash === headHash) return this.cached.levels;
    const levels = levelsFrom(await load());
    this.remember(headHash, levels);
    return levels;
  }

  /** The cached top tree and the head it is of (never changed in place: a commit makes a new one). */
  current(): CachedLevels | undefined {
    return this.cached;
  }

  remember(headHash: string, levels: Levels): void {
    this.cached = { headHash, levels };
  }
}

/** Pairs hash upward; an unpaired last node moves up unchanged. */
export function merkleRoot(level: Uint8Array[]): Buffer {
  let nodes: Buffer[] = level.map((node) => Buffer.from(node));
  while (nodes.length > 1) nodes = nextLevel(nodes);
  return nodes[0] ?? EMPTY;
}

function nextLevel(nodes: Buffer[]): Buffer[] {
  const next: Buffer[] = [];
  for (let i = 0; i < nodes.length; i += 2) {
    const right = nodes[i + 1];
    next.push(right ? sha256(nodeBytes(nodes[i]!, right)) : nodes[i]!);
  }
  return next;
}

/** Every level of a power-of-two tree, leaves first. */
function levelsOf(leaves: Buffer[]): Levels {
  const levels = [leaves.slice()];
  while (levels.at(-1)!.length > 1) levels.push(nextLevel(levels.at(-1)!));
  return levels;
}

function updatePath(levels: Levels, index: number, leaf: Buffer): void {
  levels[0]![index] = leaf;
  for (let level = 1, at = index >> 1; level < levels.length; level++, at >>= 1) {
    levels[level]![at] = sha256(nodeBytes(levels[level - 1]![2 * at]!, levels[level - 1]![2 * at + 1]!));
  }
}

function pathSteps(level: Buffer[], index: number): ProofStep[] {
  const steps: ProofStep[] = [];
  let nodes = level;
  let at = index;
  while (nodes.length > 1) {
    const sibling = at % 2 === 0 ? nodes[at + 1] : nodes[at - 1];
    if (sibling) steps.push({ side: at % 2 === 0 ? 'right' : 'left', hash: sibling.toString('hex') });
    nodes = nextLevel(nodes);
    at = Math.floor(at / 2);
  }
  return steps;
}
