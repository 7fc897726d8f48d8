// From a signed transaction to an acknowledged block entry:
//   id → replay? → admission → (calls) re-execution, fairly scheduled, in the worker pool → batched,
//   sequential commit.
// Whatever is verified by the time the commit step runs becomes one block (group commit: one
// durable write for the batch); while a commit is in flight the next batch gathers. A call may land
// any number of blocks after the one it ran for as long as its contract's state has not changed
// since, so commits never wait for calls still re-executing — nor for other nodes' calls.
import { callRequest, claimOf, lineSuffix, sameCanonical, type SignedTransaction } from '@tana/engine';
import { checkCallFreshness, type VerifiedTransaction } from '../chain/apply.ts';
import { type CommitResult, commitBlock } from '../chain/commit.ts';
import type { ChainParams } from '../chain/params.ts';
import type { TreeCache } from '../chain/state-tree.ts';
import { ChainView, readKeysOf } from '../chain/view.ts';
import type { BlockRow, CommittedTx, TxResult } from '../db/rows.ts';
import type { LedgerStore } from '../db/store.ts';
import { LedgerError } from '../errors.ts';
import type { ExecutionPool } from '../execution/pool.ts';
import type { FairScheduler } from '../execution/scheduler.ts';
import { admit } from './admission.ts';
import { transactionIdOf } from './signature.ts';

export interface Submitted {
  id: string;
  height: number;
  blockHash: string;
  result: TxResult;
  /** True when this transaction was already committed and this is its original answer. */
  replayed: boolean;
}

export interface ProcessorDeps {
  store: LedgerStore;
  tree: TreeCache;
  params: ChainParams;
  engineHash: string;
  pool: ExecutionPool;
  scheduler: FairScheduler;
  /** The operator's gas ceiling for calls (at most the chain's maxGas). */
  maxCallGas: number;
  clock?: () => number;
  /** Told of every block this process commits. */
  onCommitted?: (block: BlockRow) => void;
}

/** Where a submission came from: the client's key (address), for fair scheduling. */
export interface Origin {
  client: string;
}

/** Committed now (in `block`, with `result`), or already committed (another node's block, or an earlier attempt). */
type Settled = { block: BlockRow; result: TxResult } | CommittedTx;

interface Waiting {
  entry: VerifiedTransaction;
  resolve(outcome: Settled): void;
  reject(error: LedgerError): void;
}

export class TransactionProcessor {
  private readonly deps: ProcessorDeps;
  private readonly clock: () => number;
  private readonly inFlight = new Map<string, Promise<Submitted>>();
  private ready: Waiting[] = [];
  private flushScheduled = false;
  private flushing = false;
  private stopping = false;

  constructor(deps: ProcessorDeps) {
    this.deps = deps;
    this.clock = deps.clock ?? Date.now;
  }

  /** True once shutdown began: new transactions are refused with ShuttingDown. */
  get closing(): boolean {
    return this.stopping;
  }

  submit(signed: SignedTransaction, origin: Origin = { client: 'local' }): Promise<Submitted> {
    const id = transactionIdOf(signed.transaction);
    const running = this.inFlight.get(id);
    if (running) return running;
    if (this.stopping) return Promise.reject(new LedgerError('ShuttingDown', 'the ledger is shutting down; try again shortly', { retryAfterSeconds: 5 }));
    const work = this.process(id, signed, origin).finally(() => this.inFlight.delete(id));
    this.inFlight.set(id, work);
    return work;
  }

  /** An empty block (a heartbeat that moves height and time on). */
  async produceEmptyBlock(): Promise<BlockRow> {
    const { block } = await this.commit([], true);
    return block!;
  }

  /** Stops taking transactions and waits until every one already taken is committed or rejected. */
  async drain(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.inFlight.values()]);
  }

  private async committed(id: string): Promise<Submitted | undefined> {
    const row = await this.deps.store.transaction(id);
    if (!row) return undefined;
    const block = (await this.deps.store.block(row.height))!;
    return { id, height: row.height, blockHash: block.hash, result: row.result, replayed: true };
  }

  private async process(id: string, signed: SignedTransaction, origin: Origin): Promise<Submitted> {
    const { store, params, engineHash, maxCallGas } = this.deps;
    const committed = await this.committed(id);
    if (committed) return committed;
    try {
      const keys = readKeysOf([signed.transaction], params);
      admit({ view: new ChainView(keys, await store.read(keys)), params, engineHash, maxCallGas, now: this.clock() }, signed);
      const entry = signed.transaction.kind === 'call' ? await this.reexecute(id, signed, origin) : { id, signed, result: {} };
      const outcome = await this.enqueue(entry);
      if (!('block' in outcome)) return { ...outcome, replayed: true }; // committed meanwhile by another node
      return { id, height: outcome.block.height, blockHash: outcome.block.hash, result: outcome.result, replayed: false };
    } catch (error) {
      if (error instanceof LedgerError && (error.code === 'Conflict' || error.code === 'StaleNonce' || error.code === 'NonceGap')) {
        const head = await store.head().catch(() => undefined);
        if (head) error.head = { height: head.height, hash: head.hash };
      }
      throw error;
    }
  }

  private async reexecute(id: string, signed: SignedTransaction, origin: Origin): Promise<VerifiedTransaction> {
    const tx = signed.transaction;
    if (tx.kind !== 'call') throw new Error('not a call');
    const { store, params, pool, scheduler } = this.deps;
    const { contract, outcome } = await scheduler.run({ sender: tx.sender, client: origin.client }, async () => {
      // The state is read when the call's turn comes, so a long wait in the queue does not make it stale.
      const inputs = await store.callInputs(tx.contractId);
      if (!inputs) throw new LedgerError('UnknownContract', `no contract '${tx.contractId}'`);
      checkCallFreshness(tx.block.height, inputs.head.height + 1, inputs.contract.stateHeight, tx.contractId);
      const request = await callRequest(tx, inputs.code, inputs.state, params.allowedHosts);
      return { contract: inputs.contract, outcome: await pool.execute(request) };
    });
    if (!outcome.ok) {
      const error = outcome.error!;
      throw new LedgerError('ContractFailed', `re-executing the call failed: ${error.code}: ${error.message}${lineSuffix(error)}`, {
        engineError: error.code,
        details: error,
      });
    }
    const expected = claimOf(outcome);
    if (!sameCanonical(expected, tx.outcome)) {
      throw new LedgerError('DiffMismatch', 'the ledger’s re-execution gives a different outcome from the one signed', {
        details: { ledger: expected, claimed: tx.outcome },
      });
    }
    return { id, signed, result: { value: outcome.value, logs: outcome.logs, gasUsed: outcome.gasUsed }, snapshotHeight: contract.stateHeight };
  }

  private enqueue(entry: VerifiedTransaction): Promise<Settled> {
    return new Promise((resolve, reject) => {
      this.ready.push({ entry, resolve, reject });
      this.scheduleFlush();
    });
  }

  private scheduleFlush(): void {
    if (this.flushScheduled || this.flushing) return;
    this.flushScheduled = true;
    setImmediate(() => void this.flush());
  }

  /** Commits what is ready, one block at a time, until nothing is. */
  private async flush(): Promise<void> {
    this.flushScheduled = false;
    this.flushing = true;
    try {
      while (this.ready.length) {
        const batch = this.ready;
        this.ready = [];
        let result: CommitResult;
        try {
          result = await this.commit(batch.map((waiting) => waiting.entry));
        } catch (error) {
          const failure = error instanceof LedgerError ? error : new LedgerError('Internal', `the commit failed: ${(error as Error).message}`);
          if (failure.code === 'Internal') console.error('ledger: commit failed', error);
          for (const waiting of batch) waiting.reject(failure);
          continue;
        }
        for (const waiting of batch) {
          const id = waiting.entry.id;
          const rejection = result.rejected.get(id);
          if (rejection) waiting.reject(rejection);
          else waiting.resolve(result.replayed.get(id) ?? { block: result.block!, result: result.accepted.get(id)! });
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private async commit(entries: VerifiedTransaction[], allowEmpty = false): Promise<CommitResult> {
    const { store, tree, params, engineHash } = this.deps;
    const result = await commitBlock(store, tree, params, entries, { timestamp: this.clock(), engineHash, allowEmpty });
    if (result.block) this.deps.onCommitted?.(result.block);
    return result;
  }
}
