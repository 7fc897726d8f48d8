// A committed value with its Merkle proof against the head's state root, from one snapshot of the
// store (value, bucket leaves, head), with this process's top tree when it is of that head.
import { type JsonValue, leafPath, type StateLeaf, type StateProof } from '@tana/engine';
import { bucketOf, type CachedLevels, levelsFrom, proofSteps } from '../../chain/state-tree.ts';
import type { BalanceRow, MemberRow } from '../../db/rows.ts';
import type { ProofInputs } from '../../db/store.ts';
import type { Ledger } from '../../ledger.ts';

export async function proveBalance(ledger: Ledger, account: string, currency: string): Promise<{ value: BalanceRow; proof: StateProof } | undefined> {
  const path = leafPath({ kind: 'balance', account, currency });
  const known = ledger.tree.current();
  const inputs = await ledger.store.balanceProof(account, currency, bucketOf(path), known?.headHash);
  return inputs.value && { value: inputs.value, proof: proofOf(ledger, known, { kind: 'balance', account, currency, amount: inputs.value.amount }, inputs) };
}

export async function proveValue(ledger: Ledger, contractId: string, key: string): Promise<{ value: JsonValue; proof: StateProof } | undefined> {
  const path = leafPath({ kind: 'state', contractId, key });
  const known = ledger.tree.current();
  const inputs = await ledger.store.valueProof(contractId, key, bucketOf(path), known?.headHash);
  return inputs.value === undefined ? undefined : { value: inputs.value, proof: proofOf(ledger, known, { kind: 'state', contractId, key, value: inputs.value }, inputs) };
}

export async function proveMember(ledger: Ledger, team: string, member: string): Promise<{ value: MemberRow; proof: StateProof } | undefined> {
  const path = leafPath({ kind: 'member', team, user: member });
  const known = ledger.tree.current();
  const inputs = await ledger.store.memberProof(team, member, bucketOf(path), known?.headHash);
  return inputs.value && { value: inputs.value, proof: proofOf(ledger, known, { kind: 'member', team, user: member, role: inputs.value.role }, inputs) };
}

/** `known`: the top tree this process held when the read began; the store sent bucket roots unless it was of the snapshot's head. */
function proofOf(ledger: Ledger, known: CachedLevels | undefined, leaf: StateLeaf, inputs: ProofInputs<unknown>): StateProof {
  const levels = inputs.buckets ? levelsFrom(inputs.buckets) : known!.levels;
  if (inputs.buckets) ledger.tree.remember(inputs.head.hash, levels);
  const steps = proofSteps(leafPath(leaf), inputs.leaves, levels[0]!)!;
  return { leaf, steps, root: inputs.head.stateRoot, height: inputs.head.height };
}
