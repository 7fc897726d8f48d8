// The ledger's state commitment, shared by the ledger (which builds it) and clients (which check it).
//
// Every committed value is a leaf: a contract's key-value, an account's balance in one currency, a
// user (key and profile), a team (name and what its members may do), a team membership (role), or a
// contract's storage deposit (fees.ts).
// Leaves fall into 256 buckets by the first byte of sha256(path); a bucket's hash is the Merkle root
// of its leaves sorted by path, and the state root is the Merkle root of the 256 bucket hashes
// (an empty bucket hashes to 32 zero bytes). Buckets keep a commit's work proportional to what it
// touched, not to the whole state. Leaves and inner nodes are domain-separated (0x00 / 0x01), and an
// unpaired node moves up a level unchanged.
import { canonicalBytes, type TeamPermission, type TeamRole } from './transaction.ts';
import { fromHex, toHex } from './bytes.ts';
import type { JsonValue } from './protocol.ts';

export type StateLeaf =
  | { kind: 'state'; contractId: string; key: string; value: JsonValue }
  | { kind: 'balance'; account: string; currency: string; amount: string }
  | { kind: 'user'; id: string; publicKey: string; username: string | null; displayName: string | null; bio: string | null }
  | { kind: 'team'; id: string; name: string | null; membersMay: TeamPermission[] }
  | { kind: 'member'; team: string; user: string; role: TeamRole }
  | { kind: 'deposit'; contractId: string; bytes: number; amount: string };

/** What names a leaf, without its value: enough to find or remove it. */
export type StateLeafId =
  | { kind: 'state'; contractId: string; key: string }
  | { kind: 'balance'; account: string; currency: string }
  | { kind: 'user'; id: string }
  | { kind: 'team'; id: string }
  | { kind: 'member'; team: string; user: string }
  | { kind: 'deposit'; contractId: string };

export const BUCKET_COUNT = 256;
export const EMPTY_BUCKET = '0'.repeat(64);

/** The leaf's place: JSON of [kind, owner, name] (or [kind, owner] for a leaf an account has one of). Sorting by it orders a bucket. */
export function leafPath(leaf: StateLeafId): string {
  return JSON.stringify(pathOf(leaf));
}

/** The bytes hashed for a leaf: 0x00 ‖ canonical JSON of its path's elements followed by its value. */
export function leafBytes(leaf: StateLeaf): Uint8Array {
  return prefixed(0, canonicalBytes([...pathOf(leaf), leafValue(leaf)]));
}

function pathOf(leaf: StateLeafId): string[] {
  switch (leaf.kind) {
    case 'state':
      return ['state', leaf.contractId, leaf.key];
    case 'balance':
      return ['balance', leaf.account, leaf.currency];
    case 'user':
      return ['user', leaf.id];
    case 'team':
      return ['team', leaf.id];
    case 'member':
      return ['member', leaf.team, leaf.user];
    case 'deposit':
      return ['deposit', leaf.contractId];
  }
}

function leafValue(leaf: StateLeaf): JsonValue {
  switch (leaf.kind) {
    case 'state':
      return leaf.value;
    case 'balance':
      return leaf.amount;
    case 'user':
      return { publicKey: leaf.publicKey, username: leaf.username, displayName: leaf.displayName, bio: leaf.bio };
    case 'team':
      return { name: leaf.name, membersMay: leaf.membersMay };
    case 'member':
      return leaf.role;
    case 'deposit':
      return { bytes: leaf.bytes, amount: leaf.amount };
  }
}

/** The bytes hashed for an inner node: 0x01 ‖ left ‖ right (32-byte hashes). */
export function nodeBytes(left: Uint8Array, right: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(65);
  bytes[0] = 1;
  bytes.set(left, 1);
  bytes.set(right, 33);
  return bytes;
}

/** One step from a leaf towards the root: the sibling hash and which side it sits on. */
export interface ProofStep {
  side: 'left' | 'right';
  hash: string;
}

export interface StateProof {
  leaf: StateLeaf;
  /** From the leaf up through its bucket, then through the 256-bucket tree. */
  steps: ProofStep[];
  /** The state root this proof leads to, and the block that carries it. */
  root: string;
  height: number;
}

/** Whether the proof leads from its leaf to `expectedRoot` (a root taken from a block you trust). */
export async function verifyStateProof(proof: StateProof, expectedRoot: string): Promise<boolean> {
  if (proof.root !== expectedRoot) return false;
  try {
    let hash = await sha256(leafBytes(proof.leaf));
    for (const step of proof.steps) {
      const sibling = fromHex(step.hash);
      if (sibling.length !== 32) return false;
      hash = await sha256(step.side === 'left' ? nodeBytes(sibling, hash) : nodeBytes(hash, sibling));
    }
    return toHex(hash) === expectedRoot;
  } catch {
    return false;
  }
}

function prefixed(tag: number, body: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(body.length + 1);
  bytes[0] = tag;
  bytes.set(body, 1);
  return bytes;
}

async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource));
}
