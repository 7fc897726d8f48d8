// Building transactions the ledger will accept, including the client's own run of a call.
import {
  callRequest,
  claimOf,
  LIMITS,
  runRecordingFetches,
  sha256Hex,
  signTransaction,
  transactionFee,
  type CallTransaction,
  type CreateTeamTransaction,
  type CreateUserTransaction,
  type DeployTransaction,
  type FeeSchedule,
  type MembershipTransaction,
  type ProfileTransaction,
  type TeamPermission,
  type TeamSettingsTransaction,
  type Transaction,
  type ExecuteRequest,
  type JsonValue,
  type Outcome,
  type RecordedFetch,
  type SignedTransaction,
  type State,
  type TransferTransaction,
} from '@tana/engine';
import { LedgerRequestError, type ChainInfo, type LedgerClient, type Submitted } from './http.ts';

const DEFAULT_CALL_GAS = LIMITS.defaultGasLimit;

/** What a transaction needs to know about the chain (from `GET /chain`): with `fees`, every transaction built here signs its fee as its maximum. */
export type ChainView = Pick<ChainInfo, 'chainId' | 'engineHash' | 'producer' | 'allowedHosts'> & { fees?: FeeSchedule };

/** Anything that runs engine requests: an Engine, an EngineInstance or a Sandbox. */
export interface Runner {
  execute(request: ExecuteRequest): Outcome | Promise<Outcome>;
}

const envelope = (chain: ChainView, sender: string, nonce: number, now: number) => ({
  chainId: chain.chainId,
  sender,
  nonce,
  engineHash: chain.engineHash,
  timestamp: now,
});

/**
 * The transaction with its fee on this chain (gas × gas price, @tana/engine's fees.ts) as the most it
 * may pay: the fee a client shows before signing. Unchanged on a zero-fee chain (or without `fees`).
 */
export function withFee<T extends Transaction>(tx: T, chain: ChainView): T {
  const { maxFee: _previous, ...unpriced } = tx;
  const fee = chain.fees ? transactionFee(unpriced as T, chain.fees) : 0n;
  return (fee > 0n ? { ...unpriced, maxFee: fee.toString() } : unpriced) as T;
}

/** Acting for a team: a transfer of its money, a deploy of (or for) its contract. */
export interface ForTeam {
  team?: string;
}

export function userTransaction(chain: ChainView, id: string, publicKey: string, displayName?: string, now = Date.now(), profile: { username?: string; bio?: string } = {}): CreateUserTransaction {
  return {
    ...envelope(chain, id, 0, now),
    kind: 'user',
    publicKey,
    ...(displayName ? { displayName } : {}),
    ...(profile.username ? { username: profile.username } : {}),
    ...(profile.bio ? { bio: profile.bio } : {}),
  };
}

export function profileTransaction(
  chain: ChainView,
  sender: string,
  nonce: number,
  profile: { username: string | null; displayName: string | null; bio: string | null },
  now = Date.now(),
): ProfileTransaction {
  return withFee({ ...envelope(chain, sender, nonce, now), kind: 'profile', ...profile }, chain);
}

export async function deployTransaction(chain: ChainView, sender: string, nonce: number, contractId: string, code: string, now = Date.now(), options: ForTeam = {}): Promise<DeployTransaction> {
  const team = options.team ? { team: options.team } : {};
  return withFee({ ...envelope(chain, sender, nonce, now), kind: 'deploy', contractId, code, codeHash: await sha256Hex(code), ...team }, chain);
}

export function transferTransaction(chain: ChainView, sender: string, nonce: number, to: string, amount: string, currency: string, now = Date.now(), options: ForTeam = {}): TransferTransaction {
  return withFee({ ...envelope(chain, sender, nonce, now), kind: 'transfer', to, amount, currency, ...(options.team ? { team: options.team } : {}) }, chain);
}

export function teamTransaction(
  chain: ChainView,
  sender: string,
  nonce: number,
  team: string,
  options: { name?: string; membersMay?: TeamPermission[] } = {},
  now = Date.now(),
): CreateTeamTransaction {
  const name = options.name ? { name: options.name } : {};
  const membersMay = options.membersMay?.length ? { membersMay: options.membersMay } : {};
  return withFee({ ...envelope(chain, sender, nonce, now), kind: 'team', team, ...name, ...membersMay }, chain);
}

export function teamSettingsTransaction(
  chain: ChainView,
  sender: string,
  nonce: number,
  team: string,
  settings: { name: string | null; membersMay: TeamPermission[] },
  now = Date.now(),
): TeamSettingsTransaction {
  return withFee({ ...envelope(chain, sender, nonce, now), kind: 'team-settings', team, ...settings }, chain);
}

/** `role` 'none' removes the member (an owner's act, or the member leaving). */
export function membershipTransaction(chain: ChainView, sender: string, nonce: number, team: string, member: string, role: MembershipTransaction['role'], now = Date.now()): MembershipTransaction {
  return withFee({ ...envelope(chain, sender, nonce, now), kind: 'membership', team, member, role }, chain);
}

export interface CallParams {
  chain: ChainView;
  sender: string;
  nonce: number;
  contract: { id: string; code: string; codeHash: string };
  /** The contract's committed state, and the height of the block it was read at. */
  state: State;
  headHeight: number;
  input?: JsonValue;
  function?: string;
  args?: JsonValue[];
  gasLimit?: number;
  fetches?: RecordedFetch[];
  /** Fetches a URL the contract asked for (FetchNotRecorded), so the run can be repeated with it recorded. */
  fetchResponse?: (url: string) => Promise<RecordedFetch>;
  now?: number;
}

export interface PreparedCall {
  outcome: Outcome;
  /** Present when the run succeeded: the call with its claimed outcome, ready to sign. */
  transaction?: CallTransaction;
}

/** Runs the call locally exactly as the ledger will re-run it, and builds the transaction claiming that outcome. */
export async function prepareCall(runner: Runner, params: CallParams): Promise<PreparedCall> {
  const { outcome, transaction } = await runRecordingFetches(
    async (fetches) => {
      const now = params.now ?? Date.now();
      const transaction: CallTransaction = {
        ...envelope(params.chain, params.sender, params.nonce, now),
        kind: 'call',
        contractId: params.contract.id,
        codeHash: params.contract.codeHash,
        input: params.input ?? null,
        ...(params.function ? { function: params.function, args: params.args ?? [] } : {}),
        gasLimit: params.gasLimit ?? DEFAULT_CALL_GAS,
        block: { height: params.headHeight + 1, timestamp: now, executor: params.chain.producer },
        fetches,
        outcome: { ok: true, value: null, diff: { set: {}, deleted: [], transfers: [] }, gasUsed: 0 },
      };
      const outcome = await runner.execute(await callRequest(transaction, params.contract.code, params.state, params.chain.allowedHosts));
      return { outcome, transaction };
    },
    { fetches: params.fetches, record: params.fetchResponse },
  );
  return outcome.ok ? { outcome, transaction: withFee({ ...transaction, outcome: claimOf(outcome) }, params.chain) } : { outcome };
}

export interface CallOptions extends Omit<CallParams, 'chain' | 'nonce' | 'contract' | 'state' | 'headHeight'> {
  contractId: string;
  privateKey: CryptoKey;
  /** Re-run and re-sign on Conflict this many times (default 3). */
  retries?: number;
  /** Told of each call before it is signed, with the state it ran on (to show its fee and deposit); throwing stops it unsigned. */
  beforeSign?: (transaction: CallTransaction, state: State) => void | Promise<void>;
  onConflict?: (attempt: number, head: { height: number }) => void;
}

export interface CallResult {
  outcome: Outcome;
  submitted?: Submitted;
  signed?: SignedTransaction<CallTransaction>;
  attempts: number;
}

/** The whole client flow: read state, run locally, sign, submit; on a conflict run again on the new state. */
export async function callContract(client: LedgerClient, runner: Runner, options: CallOptions): Promise<CallResult> {
  const chain = await client.chain();
  const retries = options.retries ?? 3;
  for (let attempt = 1; ; attempt++) {
    const [contract, state, user] = await Promise.all([client.contract(options.contractId), client.state(options.contractId), client.user(options.sender)]);
    const prepared = await prepareCall(runner, {
      ...options,
      chain,
      nonce: user.nextNonce,
      contract: { id: contract.id, code: contract.code, codeHash: contract.codeHash },
      state: state.state,
      headHeight: state.height,
    });
    if (!prepared.transaction) return { outcome: prepared.outcome, attempts: attempt };
    await options.beforeSign?.(prepared.transaction, state.state);
    const signed = await signTransaction(prepared.transaction, options.privateKey);
    try {
      return { outcome: prepared.outcome, signed, submitted: await client.submit(signed), attempts: attempt };
    } catch (error) {
      const retryable = error instanceof LedgerRequestError && (error.code === 'Conflict' || error.code === 'StaleNonce');
      if (!retryable || attempt > retries) throw error;
      options.onConflict?.(attempt, error.body?.head ?? { height: state.height });
    }
  }
}
