// Tana transactions: the signed unit the playground sends and the ledger verifies.
// Serialised canonically (RFC 8785); id = sha256 of those bytes; ed25519 signs them.
import canonicalize from 'canonicalize';
import { sha256Hex, toHex } from './bytes.ts';
import { DEFAULT_ALLOWED_HOSTS } from './request.ts';
import type { ExecuteRequest, ExecutionContext, JsonValue, Outcome, RecordedFetch, StateDiff, State } from './protocol.ts';

interface TransactionBase {
  chainId: string;
  /** The sender's user id (for `user`, the user being created). */
  sender: string;
  /** The sender's next nonce: 0 for its first transaction, then +1 each. */
  nonce: number;
  /** sha256 of the engine `.wasm` the client used; a ledger refuses another engine. */
  engineHash: string;
  /** Client time (ms since epoch), signed; a ledger refuses one too far from its own clock. */
  timestamp: number;
  /**
   * The most this transaction may pay in fees, in the smallest unit of the chain's fee currency
   * (fees.ts: gas × gas price). Absent: nothing, which only a zero-fee chain accepts.
   */
  maxFee?: string;
}

/** A team member's role: owners manage members and settings, spend and deploy; members do what the team allows. */
export type TeamRole = 'owner' | 'member';
/** What a team may allow its (non-owner) members: spend its money, deploy and upgrade its contracts. */
export type TeamPermission = 'spend' | 'deploy';

export interface CreateUserTransaction extends TransactionBase {
  kind: 'user';
  /** Raw ed25519 public key, hex (32 bytes). The transaction is signed by its private key. */
  publicKey: string;
  displayName?: string;
  /** Unique among users and never another account's id (profile.ts has the rule). */
  username?: string;
  bio?: string;
}

/** Replaces the sender's profile: each field its new value, null for none. */
export interface ProfileTransaction extends TransactionBase {
  kind: 'profile';
  username: string | null;
  displayName: string | null;
  bio: string | null;
}

/** Creates a team: an account with no key of its own, whose creator (the sender) is its first owner. */
export interface CreateTeamTransaction extends TransactionBase {
  kind: 'team';
  team: string;
  name?: string;
  /** What members who are not owners may do for the team (default: nothing). */
  membersMay?: TeamPermission[];
}

/** Replaces a team's name and what its members may do; signed by one of its owners. */
export interface TeamSettingsTransaction extends TransactionBase {
  kind: 'team-settings';
  team: string;
  name: string | null;
  membersMay: TeamPermission[];
}

/**
 * Adds a user to a team, changes its role, or ('none') removes it; signed by an owner acting for the
 * team (or by the member itself, to leave). A team always keeps at least one owner.
 */
export interface MembershipTransaction extends TransactionBase {
  kind: 'membership';
  team: string;
  member: string;
  role: TeamRole | 'none';
}

export interface DeployTransaction extends TransactionBase {
  kind: 'deploy';
  contractId: string;
  /** The deployed artefact: the transpiled JavaScript. */
  code: string;
  /** sha256 of `code` (UTF-8), hex. */
  codeHash: string;
  /** Deploy (or upgrade) for this team: the contract is the team's; the sender must be allowed to deploy for it. */
  team?: string;
}

/** What the client's run produced, which the ledger must reproduce exactly. */
export interface ClaimedOutcome {
  ok: true;
  value: JsonValue;
  diff: StateDiff;
  gasUsed: number;
}

export interface CallTransaction extends TransactionBase {
  kind: 'call';
  contractId: string;
  codeHash: string;
  input: JsonValue;
  /** Call an exported function after the top-level code (optional). */
  function?: string;
  args?: JsonValue[];
  gasLimit: number;
  /** The block the contract observed (`tana:block`): the client's view of the next block. */
  block: ExecutionContext['block'];
  /** Responses to the contract's fetches, recorded by the client and replayed by the ledger. */
  fetches: RecordedFetch[];
  outcome: ClaimedOutcome;
}

export interface TransferTransaction extends TransactionBase {
  kind: 'transfer';
  to: string;
  /** A positive whole number of the currency's smallest unit, as a decimal string. */
  amount: string;
  currency: string;
  /** Send the team's money, not the sender's: the sender must be allowed to spend for it. */
  team?: string;
}

/** New money, issued only by the ledger's own producer account (sender = the producer). */
export interface MintTransaction extends TransactionBase {
  kind: 'mint';
  to: string;
  amount: string;
  currency: string;
  /** Registers the currency with this many decimals if the ledger does not know it yet. */
  decimals?: number;
}

export type Transaction =
  | CreateUserTransaction
  | ProfileTransaction
  | CreateTeamTransaction
  | TeamSettingsTransaction
  | MembershipTransaction
  | DeployTransaction
  | CallTransaction
  | TransferTransaction
  | MintTransaction;

export interface SignedTransaction<T extends Transaction = Transaction> {
  transaction: T;
  /** ed25519 signature over the canonical bytes, hex (64 bytes). */
  signature: string;
}

/** RFC 8785 canonical JSON of any JSON value, as UTF-8 bytes. */
export function canonicalBytes(value: unknown): Uint8Array {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value has no JSON form');
  return new TextEncoder().encode(text);
}

/** Whether two JSON values have the same canonical bytes. */
export function sameCanonical(a: unknown, b: unknown): boolean {
  const x = canonicalBytes(a);
  const y = canonicalBytes(b);
  return x.length === y.length && x.every((byte, i) => byte === y[i]);
}

/** The part of a successful outcome a call transaction claims (and a verifier must reproduce). */
export function claimOf(outcome: Outcome): ClaimedOutcome {
  return { ok: true, value: outcome.value, diff: outcome.diff, gasUsed: outcome.gasUsed };
}

/** The transaction id: sha256 of its canonical bytes. */
export function transactionId(transaction: Transaction): Promise<string> {
  return sha256Hex(canonicalBytes(transaction));
}

/**
 * The id a contract sees as `tx.id` (and its randomness seed): the hash of the call
 * without its claimed outcome, which cannot be known before the run.
 */
export function intentId(transaction: CallTransaction): Promise<string> {
  const { outcome: _outcome, ...intent } = transaction;
  return sha256Hex(canonicalBytes(intent));
}

/** The engine request a call transaction stands for, on the given committed state. */
export async function callRequest(transaction: CallTransaction, code: string, state: State, allowedHosts?: string[]): Promise<ExecuteRequest> {
  const context: ExecutionContext = {
    chainId: transaction.chainId,
    contractId: transaction.contractId,
    caller: transaction.sender,
    block: transaction.block,
    tx: { id: await intentId(transaction), sender: transaction.sender, nonce: transaction.nonce, input: transaction.input },
    fetches: transaction.fetches,
    allowedHosts: allowedHosts ?? DEFAULT_ALLOWED_HOSTS,
  };
  return {
    code,
    state,
    context,
    gasLimit: transaction.gasLimit,
    call: transaction.function ? { function: transaction.function, args: transaction.args ?? [] } : undefined,
  };
}

export async function signTransaction<T extends Transaction>(transaction: T, privateKey: CryptoKey): Promise<SignedTransaction<T>> {
  const signature = await crypto.subtle.sign('Ed25519', privateKey, canonicalBytes(transaction) as BufferSource);
  return { transaction, signature: toHex(new Uint8Array(signature)) };
}

/**
 * Whether `signature` is the ed25519 signature of the transaction's canonical bytes by `publicKey`
 * (hex), under Tana's rule (ed25519.ts, loaded on first use: building its curve costs a cold start).
 */
export async function verifySignature(signed: SignedTransaction, publicKey: string): Promise<boolean> {
  const { verifyEd25519 } = await import('./ed25519.ts');
  return verifyEd25519(signed.signature, canonicalBytes(signed.transaction), publicKey);
}
