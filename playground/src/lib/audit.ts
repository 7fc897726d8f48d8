// Audit a committed call in the browser: rebuild the contract's code and state just before it from
// the contract's own committed history, then re-execute with auditTransaction (@tana/engine).
import { applyDiff, auditTransaction, type AuditReport, type CallTransaction, type SignedTransaction, type State } from '@tana/engine';
import type { LedgerClient } from '@tana/ledger/client';
import { getSandbox, engineHash } from './engine.ts';

export async function auditCommitted(client: LedgerClient, txId: string): Promise<AuditReport> {
  const target = await client.transaction(txId);
  const signed = target.signed as SignedTransaction<CallTransaction>;
  if (signed.transaction.kind !== 'call') throw new Error('only contract calls are re-executed');
  const contractId = signed.transaction.contractId;
  let code = '';
  let state: State = {};
  const seen = new Set<string>(); // pages overlap at their boundary height
  for (let fromHeight = 0; ; ) {
    const { transactions } = await client.transactions({ contract: contractId, fromHeight, limit: 500 });
    for (const record of transactions) {
      if (seen.has(record.id)) continue;
      seen.add(record.id);
      if (record.id === txId) {
        const [chain, sender, sandbox] = await Promise.all([client.chain(), client.user(signed.transaction.sender), getSandbox()]);
        return auditTransaction(
          { hash: await engineHash(), execute: (request) => sandbox.execute(request) },
          {
            signed,
            publicKey: sender.publicKey,
            code,
            state,
            allowedHosts: chain.allowedHosts,
          },
        );
      }
      const tx = record.signed.transaction;
      if (tx.kind === 'deploy') code = tx.code;
      if (tx.kind === 'call') state = applyDiff(state, tx.outcome.diff);
    }
    if (transactions.length < 500) throw new Error(`transaction ${txId} is not in contract '${contractId}'s history`);
    fromHeight = transactions.at(-1)!.height;
  }
}
