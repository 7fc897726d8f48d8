// What `verify` compares after the replay: every table the state is made of, row by row, between the
// ledger's database and the one rebuilt from the blocks. A value edited in place (a balance, a
// contract's key, a leaf hash) shows up here even though no block records it.
import type { LedgerStore } from '../db/store.ts';

/** The tables and the order that makes their rows comparable. */
const STATE_TABLES: [table: string, orderBy: string][] = [
  ['users', 'id'],
  ['teams', 'id'],
  ['team_members', 'team, member'],
  ['currencies', 'code'],
  ['balances', 'account, currency'],
  ['contracts', 'id'],
  ['contract_versions', 'contract_id, version'],
  ['contract_state', 'contract_id, key'],
  ['state_leaves', 'path'],
  ['state_buckets', 'bucket'],
];

/** At most `limit` differences, each naming the table and the first row that differs. */
export async function stateDifferences(stored: LedgerStore, rebuilt: LedgerStore, limit = 10): Promise<string[]> {
  const differences: string[] = [];
  for (const [table, orderBy] of STATE_TABLES) {
    const [a, b] = await Promise.all([stored.tableRows(table, orderBy), rebuilt.tableRows(table, orderBy)]);
    const at = firstDifference(a, b);
    if (at >= 0) differences.push(`${table}: stored ${a[at] ?? '(no row)'}, rebuilt ${b[at] ?? '(no row)'}`);
    if (differences.length >= limit) break;
  }
  return differences;
}

function firstDifference(a: string[], b: string[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) return i;
  return -1;
}
