// `tana verify`: rebuilds all state from the blocks into a fresh database, with the same commit
// code the ledger uses, and requires every block to come out with the same hash (so the same
// state root and parent chain). Signatures are checked again, calls are re-executed in-process, and
// the ledger's current tables must equal the rebuilt ones. Problems are listed by block, oldest first.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callRequest, claimOf, loadEngine, sameCanonical, type Engine, type SignedTransaction } from '@tana/engine';
import { openStore } from '../db/open-store.ts';
import type { LedgerStore, TxResult, TxRow } from '../db/store.ts';
import { openSqliteStore } from '../db/sqlite/store.ts';
import { signatureValid, transactionIdOf } from '../tx/signature.ts';
import { commitBlock } from './commit.ts';
import { createGenesis } from './genesis.ts';
import type { ChainParams } from './params.ts';
import { TreeCache } from './state-tree.ts';
import { stateDifferences } from './state-diff.ts';

export interface VerifyReport {
  ok: boolean;
  blocks: number;
  transactions: number;
  reexecuted: number;
  stateRoot: string;
  problems: string[];
}

export interface VerifyOptions {
  /** Re-execute every call with this process's engine (default true). */
  reexecute?: boolean;
  onProgress?: (height: number, head: number) => void;
}

/** `database`: a SQLite file's path or a postgres:// URL. The chain is rebuilt in a temporary SQLite file. */
export async function verifyChain(database: string, options: VerifyOptions = {}): Promise<VerifyReport> {
  const source = await openStore(database, { readonly: true });
  const workDir = mkdtempSync(join(tmpdir(), 'tana-verify-'));
  const target = openSqliteStore(join(workDir, 'replay.sqlite'));
  const tree = new TreeCache();
  const problems: string[] = [];
  let transactions = 0;
  let reexecuted = 0;
  try {
    const params = await source.meta<ChainParams>('chain');
    const genesis = await source.block(0);
    if (!params || !genesis) throw new Error(`${source.location} holds no chain (no parameters or genesis block)`);
    await createGenesis(target, params, genesis.timestamp, genesis.engineHash);
    if ((await target.block(0))!.hash !== genesis.hash) problems.push('block 0: genesis does not match the chain parameters');

    const engine = options.reexecute === false ? undefined : await loadEngine();
    const head = (await source.head())!;
    for (let height = 1; height <= head.height; height++) {
      const block = await source.block(height);
      if (!block) {
        problems.push(`block ${height}: missing`);
        break;
      }
      const rows = await source.transactions({ fromHeight: height, toHeight: height, limit: Number.MAX_SAFE_INTEGER });
      if (
        !sameCanonical(
          rows.map((row) => row.id),
          block.txIds,
        )
      )
        problems.push(`block ${height}: its transaction list does not match the transactions stored for it`);
      for (const row of rows) {
        problems.push(...(await checkTransaction(target, row, height)));
        if (engine && row.signed.transaction.kind === 'call') {
          const problem = await reexecute(engine, target, params, row, block.engineHash);
          if (problem !== undefined) {
            reexecuted++;
            if (problem) problems.push(`block ${height}: ${problem}`);
          }
        }
      }
      transactions += rows.length;
      const entries = rows.map((row) => ({ id: row.id, signed: row.signed, result: row.result }));
      const replay = await commitBlock(target, tree, params, entries, { timestamp: block.timestamp, engineHash: block.engineHash, allowEmpty: true });
      for (const [id, error] of replay.rejected) problems.push(`block ${height}: transaction ${id} does not apply: ${error.code}: ${error.message}`);
      for (const row of rows) {
        const rebuilt = replay.accepted.get(row.id);
        if (rebuilt && !sameCanonical(chargesOf(rebuilt), chargesOf(row.result))) {
          problems.push(`block ${height}: transaction ${row.id} is recorded as paying ${JSON.stringify(chargesOf(row.result))}, its replay pays ${JSON.stringify(chargesOf(rebuilt))}`);
        }
      }
      if (replay.block?.stateRoot !== block.stateRoot) problems.push(`block ${height}: state root ${block.stateRoot}, rebuilt ${replay.block?.stateRoot}`);
      else if (replay.block.hash !== block.hash) problems.push(`block ${height}: hash ${block.hash}, rebuilt ${replay.block.hash}`);
      if (problems.length > 50) {
        problems.push('… stopping after 50 problems');
        break;
      }
      options.onProgress?.(height, head.height);
    }
    if (problems.length === 0) {
      for (const difference of await stateDifferences(source, target)) problems.push(`block ${head.height} (head): the stored state differs from the rebuilt one: ${difference}`);
    }
    return { ok: problems.length === 0, blocks: head.height + 1, transactions, reexecuted, stateRoot: head.stateRoot, problems };
  } finally {
    await source.close();
    await target.close();
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** What a transaction's result says the chain charged it: decided by the rules, so a replay must agree. */
function chargesOf(result: TxResult): { fee: TxResult['fee'] | null; deposit: TxResult['deposit'] | null } {
  return { fee: result.fee ?? null, deposit: result.deposit ?? null };
}

async function checkTransaction(state: LedgerStore, row: TxRow, height: number): Promise<string[]> {
  const tx = row.signed.transaction;
  const problems: string[] = [];
  if (transactionIdOf(tx) !== row.id) problems.push(`block ${height}: transaction ${row.id} is not the hash of its content`);
  const publicKey = tx.kind === 'user' ? tx.publicKey : (await state.user(tx.sender))?.publicKey;
  if (!publicKey || !signatureValid(tx, row.signed.signature, publicKey)) problems.push(`block ${height}: transaction ${row.id} has no valid signature`);
  return problems;
}

/** Undefined when the call cannot be re-executed here (another engine); '' when it matches. */
async function reexecute(engine: Engine, state: LedgerStore, params: ChainParams, row: TxRow, blockEngine: string): Promise<string | undefined> {
  const signed = row.signed as SignedTransaction;
  const tx = signed.transaction;
  if (tx.kind !== 'call' || blockEngine !== engine.hash) return undefined;
  const code = (await state.contractCode(tx.contractId))?.code;
  if (code === undefined) return `transaction ${row.id}: calls unknown contract '${tx.contractId}'`;
  const outcome = engine.execute(await callRequest(tx, code, await state.contractState(tx.contractId), params.allowedHosts));
  return outcome.ok && sameCanonical(claimOf(outcome), tx.outcome) ? '' : `transaction ${row.id}: re-execution does not give the committed outcome`;
}
