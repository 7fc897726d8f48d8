// A read view: the rows one or more transactions may read, loaded at once (ReadKeys → ReadRows), with
// the lookups the rules use. Admission reads one outside the commit lock; a commit reads one inside it.
import type { Transaction } from '@tana/engine';
import type { BlockRow, CommittedTx, ContractRow, CurrencyRow, UserRow } from '../db/rows.ts';
import type { ReadKeys, ReadRows } from '../db/store.ts';
import { balanceKey } from '../db/write-set.ts';
import type { ChainParams } from './params.ts';

/** What the rules (chain/apply.ts) read: a view, or a block's draft over one. */
export interface ChainReader {
  user(id: string): UserRow | undefined;
  contract(id: string): ContractRow | undefined;
  /** Users and contracts share one id space. */
  accountExists(id: string): boolean;
  currency(code: string): CurrencyRow | undefined;
  balance(account: string, currency: string): bigint;
}

/** Every row applying (or admitting) `transactions` may read. */
export function readKeysOf(transactions: Transaction[], params: ChainParams, txIds: string[] = []): ReadKeys {
  const accounts = new Set<string>();
  const balances = new Map<string, readonly [string, string]>();
  const balance = (account: string, currency: string) => balances.set(balanceKey(account, currency), [account, currency]);
  for (const tx of transactions) {
    accounts.add(tx.sender);
    switch (tx.kind) {
      case 'user':
        if (params.faucet) balance(tx.sender, params.faucet.currency);
        break;
      case 'deploy':
        accounts.add(tx.contractId);
        break;
      case 'transfer':
        accounts.add(tx.to);
        balance(tx.sender, tx.currency);
        balance(tx.to, tx.currency);
        break;
      case 'mint':
        accounts.add(tx.to);
        balance(tx.to, tx.currency);
        break;
      case 'call':
        accounts.add(tx.contractId);
        for (const transfer of tx.outcome?.diff?.transfers ?? []) {
          accounts.add(transfer.from);
          accounts.add(transfer.to);
          balance(transfer.from, transfer.currency);
          balance(transfer.to, transfer.currency);
        }
        break;
    }
  }
  return { accounts: [...accounts], balances: [...balances.values()], txIds };
}

export class ChainView implements ChainReader {
  readonly head: BlockRow | undefined;
  private readonly accounts: Set<string>;
  private readonly balanceKeys: Set<string>;
  private readonly users: Map<string, UserRow>;
  private readonly contracts: Map<string, ContractRow>;
  private readonly currencies: Map<string, CurrencyRow>;
  private readonly balances: Map<string, bigint>;
  private readonly committedTxs: Map<string, CommittedTx>;

  constructor(keys: ReadKeys, rows: ReadRows) {
    this.head = rows.head;
    this.accounts = new Set(keys.accounts);
    this.balanceKeys = new Set(keys.balances.map(([account, currency]) => balanceKey(account, currency)));
    this.users = new Map(rows.users.map((row) => [row.id, row]));
    this.contracts = new Map(rows.contracts.map((row) => [row.id, row]));
    this.currencies = new Map(rows.currencies.map((row) => [row.code, row]));
    this.balances = new Map(rows.balances.map((row) => [balanceKey(row.account, row.currency), BigInt(row.amount)]));
    this.committedTxs = new Map(rows.committed.map((row) => [row.id, row]));
  }

  user(id: string): UserRow | undefined {
    this.loaded(this.accounts.has(id), `account '${id}'`);
    return this.users.get(id);
  }
  contract(id: string): ContractRow | undefined {
    this.loaded(this.accounts.has(id), `account '${id}'`);
    return this.contracts.get(id);
  }
  accountExists(id: string): boolean {
    return this.user(id) !== undefined || this.contract(id) !== undefined;
  }
  currency(code: string): CurrencyRow | undefined {
    return this.currencies.get(code);
  }
  balance(account: string, currency: string): bigint {
    const key = balanceKey(account, currency);
    this.loaded(this.balanceKeys.has(key), `balance of '${account}' in ${currency}`);
    return this.balances.get(key) ?? 0n;
  }
  /** A transaction already in the chain (one of the ReadKeys' txIds). */
  committed(id: string): CommittedTx | undefined {
    return this.committedTxs.get(id);
  }

  /** A rule that reads a row its ReadKeys did not name is a bug: it must not pass for "no such row". */
  private loaded(yes: boolean, what: string): void {
    if (!yes) throw new Error(`the read view has no ${what}: readKeysOf must name it`);
  }
}
