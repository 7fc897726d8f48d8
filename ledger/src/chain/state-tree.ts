// Builds the state commitment defined in @tana/engine's state-proof.ts over the ledger's tables:
// leaf hashes live in state_leaves, bucket roots in state_buckets; a commit rehashes only the
// buckets it touched, then the fixed 256-bucket tree above them.
import { createHash } from 'node:crypto';
import { BUCKET_COUNT, EMPTY_BUCKET, leafBytes, leafPath, nodeBytes, type ProofStep, type StateLeaf, type StateLeafId } from '@tana/engine';
import type { Store } from '../db/store.ts';

const EMPTY = Buffer.from(EMPTY_BUCKET, 'hex');

export function sha256(bytes: Uint8Array | string): Buffer {
  return createHash('sha256').update(bytes).digest();
}

export function bucketOf(path: string): number {
  return sha256(path)[0]!;
}

export class StateTree {
  private readonly store: Store;
  private readonly dirty = new Set<number>();
  /** The 256-bucket tree, level by level (leaves first), kept in memory so a commit rehashes 8 nodes per touched bucket. */
  private top: Buffer[][] | undefined;

  constructor(store: Store) {
    this.store = store;
  }

  put(leaf: StateLeaf): void {
    const path = leafPath(leaf);
    const bucket = bucketOf(path);
    this.store.setLeaf(path, bucket, sha256(leafBytes(leaf)));
    this.dirty.add(bucket);
  }

  remove(leaf: StateLeafId): void {
    const path = leafPath(leaf);
    this.store.deleteLeaf(path);
    this.dirty.add(bucketOf(path));
  }

  /** Rehashes the touched buckets (from the table, so a rolled-back savepoint is harmless) and returns the root. */
  root(): string {
    this.top ??= levelsOf(this.bucketLevel());
    const top = this.top;
    for (const bucket of this.dirty) {
      const leaves = this.store.bucketLeaves(bucket).map((row) => row.hash);
      const hash = leaves.length ? merkleRoot(leaves) : undefined;
      this.store.setBucketHash(bucket, hash);
      updatePath(top, bucket, hash ?? EMPTY);
    }
    this.dirty.clear();
    return top.at(-1)![0]!.toString('hex');
  }

  /** Forgets the in-memory tree (after a failed commit rolled the tables back); it is rebuilt from them. */
  invalidate(): void {
    this.top = undefined;
    this.dirty.clear();
  }

  /** The steps from `leaf` (which must be committed) to the current root. */
  proof(leaf: StateLeaf): ProofStep[] | undefined {
    const path = leafPath(leaf);
    const bucket = bucketOf(path);
    const rows = this.store.bucketLeaves(bucket);
    const index = rows.findIndex((row) => row.path === path);
    if (index < 0) return undefined;
    return [
      ...pathSteps(
        rows.map((row) => Buffer.from(row.hash)),
        index,
      ),
      ...pathSteps(this.bucketLevel(), bucket),
    ];
  }

  private bucketLevel(): Buffer[] {
    if (this.top) return this.top[0]!;
    const stored = this.store.bucketHashes();
    return Array.from({ length: BUCKET_COUNT }, (_, i) => {
      const hash = stored.get(i);
      return hash ? Buffer.from(hash) : EMPTY;
    });
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
function levelsOf(leaves: Buffer[]): Buffer[][] {
  const levels = [leaves.slice()];
  while (levels.at(-1)!.length > 1) levels.push(nextLevel(levels.at(-1)!));
  return levels;
}

function updatePath(levels: Buffer[][], index: number, leaf: Buffer): void {
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
