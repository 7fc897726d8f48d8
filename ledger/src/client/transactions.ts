// Building transactions the ledger will accept, including the client's own run of a call.
import {
  callRequest,
  claimOf,
  LIMITS,
  runRecordingFetches,
  sha256Hex,
  signTransaction,
  type CallTransaction,
  type CreateUserTransaction,
  type DeployTransaction,
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

/** What a transaction needs to know about the chain (from `GET /chain`). */
export type ChainView = Pick<ChainInfo, 'chainId' | 'engineHash' | 'producer' | 'allowedHosts'>;

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

export function userTransaction(chain: ChainView, id: string, publicKey: string, displayName?: string, now = Date.now()): CreateUserTransaction {
  return { ...envelope(chain, id, 0, now), kind: 'user', publicKey, ...(displayName ? { displayName } : {}) };
}

export async function deployTransaction(chain: ChainView, sender: string, nonce: number, contractId: string, code: string, now = Date.now()): Promise<DeployTransaction> {
  return { ...envelope(chain, sender, nonce, now), kind: 'deploy', contractId, code, codeHash: await sha256Hex(code) };
}

export function transferTransaction(chain: ChainView, sender: string, nonce: number, to: string, amount: string, currency: string, now = Date.now()): TransferTransaction {
  return { ...envelope(chain, sender, nonce, now), kind: 'transfer', to, amount, currency };
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
  return outcome.ok ? { outcome, transaction: { ...transaction, outcome: claimOf(outcome) } } : { outcome };
}

export interface CallOptions extends Omit<CallParams, 'chain' | 'nonce' | 'contract' | 'state' | 'headHeight'> {
  contractId: string;
  privateKey: CryptoKey;
  /** Re-run and re-sign on Conflict this many times (default 3). */
  retries?: number;
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
