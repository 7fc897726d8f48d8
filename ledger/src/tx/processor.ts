// From a signed transaction to an acknowledged block entry:
//   id → replay? → admission → (calls) re-execution in the worker pool → batched, sequential commit.
// Whatever is verified by the time the commit step runs becomes one block (group commit: one
// fsync for the batch). A call may land a few blocks after the one it ran for (maxBlockLag), so
// commits never wait for other calls still re-executing.
import { callRequest, claimOf, sameCanonical, type SignedTransaction } from '@tana/engine';
import type { VerifiedTransaction } from '../chain/apply.ts';
import { commitBlock, type CommitResult } from '../chain/commit.ts';
import type { ChainParams } from '../chain/params.ts';
import type { StateTree } from '../chain/state-tree.ts';
import type { BlockRow, Store, TxResult } from '../db/store.ts';
import { LedgerError } from '../errors.ts';
import type { ExecutionPool } from '../execution/pool.ts';
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
  store: Store;
  tree: StateTree;
  params: ChainParams;
  engineHash: string;
  pool: ExecutionPool;
  clock?: () => number;
}

interface Waiting {
  entry: VerifiedTransaction;
  resolve(block: BlockRow): void;
  reject(error: LedgerError): void;
}

export class TransactionProcessor {
  private readonly deps: ProcessorDeps;
  private readonly clock: () => number;
  private readonly inFlight = new Map<string, Promise<Submitted>>();
  private ready: Waiting[] = [];
  private flushScheduled = false;
  private closing = false;

  constructor(deps: ProcessorDeps) {
    this.deps = deps;
    this.clock = deps.clock ?? Date.now;
  }

  submit(signed: SignedTransaction): Promise<Submitted> {
    const id = transactionIdOf(signed.transaction);
    const committed = this.committed(id);
    if (committed) return Promise.resolve(committed);
    const running = this.inFlight.get(id);
    if (running) return running;
    if (this.closing) return Promise.reject(new LedgerError('ShuttingDown', 'the ledger is shutting down; try again shortly'));
    const work = this.process(id, signed).finally(() => this.inFlight.delete(id));
    this.inFlight.set(id, work);
    return work;
  }

  /** An empty block (a heartbeat that moves height and time on). */
  produceEmptyBlock(): BlockRow {
    const { block } = this.commit([], true);
    return block!;
  }

  /** Stops taking transactions and waits until every one already taken is committed or rejected. */
  async drain(): Promise<void> {
    this.closing = true;
    await Promise.allSettled([...this.inFlight.values()]);
  }

  private committed(id: string): Submitted | undefined {
    const row = this.deps.store.transaction(id);
    if (!row) return undefined;
    const block = this.deps.store.block(row.height)!;
    return { id, height: row.height, blockHash: block.hash, result: row.result, replayed: true };
  }

  private async process(id: string, signed: SignedTransaction): Promise<Submitted> {
    const { store, params, engineHash } = this.deps;
    try {
      admit({ store, params, engineHash, now: this.clock() }, signed);
      const entry = signed.transaction.kind === 'call' ? await this.reexecute(id, signed) : { id, signed, result: {} };
      const block = await this.enqueue(entry);
      return { id, height: block.height, blockHash: block.hash, result: entry.result, replayed: false };
    } catch (error) {
      if (error instanceof LedgerError && (error.code === 'Conflict' || error.code === 'StaleNonce' || error.code === 'NonceGap')) {
        const head = store.head()!;
        error.head = { height: head.height, hash: head.hash };
      }
      throw error;
    }
  }

  private async reexecute(id: string, signed: SignedTransaction): Promise<VerifiedTransaction> {
    const tx = signed.transaction;
    if (tx.kind !== 'call') throw new Error('not a call');
    const { store, params, pool } = this.deps;
    const contract = store.contract(tx.contractId)!;
    const code = store.contractCode(tx.contractId)!.code;
    const request = await callRequest(tx, code, store.contractState(tx.contractId), params.allowedHosts);
    const outcome = await pool.execute(request);
    if (!outcome.ok) {
      const error = outcome.error!;
      const where = error.line ? ` (line ${error.line}${error.column ? `:${error.column}` : ''})` : '';
      throw new LedgerError('ContractFailed', `re-executing the call failed: ${error.code}: ${error.message}${where}`, {
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

  private enqueue(entry: VerifiedTransaction): Promise<BlockRow> {
    return new Promise((resolve, reject) => {
      this.ready.push({ entry, resolve, reject });
      this.scheduleFlush();
    });
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.ready;
    this.ready = [];
    if (!batch.length) return;
    let result: CommitResult;
    try {
      result = this.commit(batch.map((waiting) => waiting.entry));
    } catch (error) {
      const failure = new LedgerError('Internal', `the commit failed: ${(error as Error).message}`);
      for (const waiting of batch) waiting.reject(failure);
      return;
    }
    for (const waiting of batch) {
      const rejection = result.rejected.get(waiting.entry.id);
      if (rejection) waiting.reject(rejection);
      else waiting.resolve(result.block!);
    }
  }

  private commit(entries: VerifiedTransaction[], allowEmpty = false): CommitResult {
    const { store, tree, params, engineHash } = this.deps;
    return commitBlock(store, tree, params, entries, { timestamp: this.clock(), engineHash, allowEmpty });
  }
}
