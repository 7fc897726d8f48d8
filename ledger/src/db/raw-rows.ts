// Rows as both backends return them, before parsing: the JSON text columns, and a backend-neutral
// form of any row for comparing tables (verify).
import type { BlockRow, TxResult, TxRow } from './rows.ts';

export type RawBlock = Omit<BlockRow, 'txIds'> & { txIds: string };
export type RawTx = Omit<TxRow, 'signed' | 'result'> & { signed: string; result: string };

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
