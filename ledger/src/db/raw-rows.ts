// Rows as both backends return them, before parsing: the JSON text columns, and a backend-neutral
// form of any row for comparing tables (verify).
import type { BlockRow, TeamRow, TxResult, TxRow } from './rows.ts';

export type RawBlock = Omit<BlockRow, 'txIds'> & { txIds: string };
export type RawTx = Omit<TxRow, 'signed' | 'result'> & { signed: string; result: string };
export type RawTeam = Omit<TeamRow, 'membersMay'> & { membersMay: string };

/** What kind of account holds a balance (the seeds' owner_type), for a query over `balances`. */
export const OWNER_TYPE_SQL =
  "CASE WHEN EXISTS (SELECT 1 FROM teams WHERE teams.id = balances.account) THEN 'team' WHEN EXISTS (SELECT 1 FROM contracts WHERE contracts.id = balances.account) THEN 'contract' ELSE 'user' END";

export function parseTeam<T extends RawTeam>(row: T): Omit<T, 'membersMay'> & Pick<TeamRow, 'membersMay'> {
  return { ...row, membersMay: JSON.parse(row.membersMay) as TeamRow['membersMay'] };
}

export function parseBlock(row: RawBlock): BlockRow {
  return { ...row, txIds: JSON.parse(row.txIds) as string[] };
}

export function parseTx(row: RawTx): TxRow {
  return { ...row, signed: JSON.parse(row.signed) as TxRow['signed'], result: JSON.parse(row.result) as TxResult };
}

/** A row as backend-neutral text: columns sorted by name, bytes as hex. */
export function neutralRow(row: Record<string, unknown>): string {
  return JSON.stringify(
    Object.fromEntries(
      Object.keys(row)
        .sort()
        .map((column) => {
          const value = row[column];
          return [column, value instanceof Uint8Array ? Buffer.from(value).toString('hex') : value];
        }),
    ),
  );
}
