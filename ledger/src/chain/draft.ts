// A block being built: the rules (apply.ts) read through it to the view under it and write into it;
// what it holds at the end is the block's write set. Each transaction writes into its own layer, kept
// only if the transaction is accepted, so a rejected one leaves no trace (what savepoints did when
// rules wrote rows directly).
import type { JsonValue, StateLeaf, StateLeafId } from '@tana/engine';
import { leafPath } from '@tana/engine';
import type { BalanceRow, ContractRow, ContractVersionRow, CurrencyRow, LeafRow, TxRow, UserRow } from '../db/rows.ts';
import { balanceKey, emptyWriteSet, stateKey, type WriteSet } from '../db/write-set.ts';
import { leafRow } from './state-tree.ts';
import type { ChainReader } from './view.ts';

class Layer {
  users = new Map<string, UserRow>();
  contracts = new Map<string, ContractRow>();
  currencies = new Map<string, CurrencyRow & { createdHeight: number }>();
  balances = new Map<string, BalanceRow & { height: number }>();
  contractVersions: ContractVersionRow[] = [];
  contractState = new Map<string, { contractId: string; key: string; value: JsonValue | undefined }>();
  transactions: TxRow[] = [];
  leaves = new Map<string, LeafRow | undefined>();

  mergeInto(base: Layer): void {
    for (const [id, row] of this.users) base.users.set(id, row);
    for (const [id, row] of this.contracts) base.contracts.set(id, row);
    for (const [code, row] of this.currencies) base.currencies.set(code, row);
    for (const [key, row] of this.balances) base.balances.set(key, row);
    base.contractVersions.push(...this.contractVersions);
    for (const [key, row] of this.contractState) base.contractState.set(key, row);
    base.transactions.push(...this.transactions);
    for (const [path, leaf] of this.leaves) base.leaves.set(path, leaf);
  }
}

export class BlockDraft implements ChainReader {
  readonly height: number;
  private readonly view: ChainReader;
  private readonly base = new Layer();
  private top: Layer | undefined;

  constructor(view: ChainReader, height: number) {
    this.view = view;
    this.height = height;
  }

  /** Runs `apply` in a layer of its own, kept if it returns, dropped if it throws (the error propagates). */
  attempt(apply: () => void): void {
    this.top = new Layer();
    try {
      apply();
      this.top.mergeInto(this.base);
    } finally {
      this.top = undefined;
    }
  }

  // ── reads: the transaction's layer, the block's, then the view
  user(id: string): UserRow | undefined {
    return this.top?.users.get(id) ?? this.base.users.get(id) ?? this.view.user(id);
  }
  contract(id: string): ContractRow | undefined {
    return this.top?.contracts.get(id) ?? this.base.contracts.get(id) ?? this.view.contract(id);
  }
  accountExists(id: string): boolean {
    return this.user(id) !== undefined || this.contract(id) !== undefined;
  }
  currency(code: string): CurrencyRow | undefined {
    return this.top?.currencies.get(code) ?? this.base.currencies.get(code) ?? this.view.currency(code);
  }
  balance(account: string, currency: string): bigint {
    const key = balanceKey(account, currency);
    const row = this.top?.balances.get(key) ?? this.base.balances.get(key);
    return row ? BigInt(row.amount) : this.view.balance(account, currency);
  }

  // ── writes (into the transaction's layer)
  putUser(row: UserRow): void {
    this.layer().users.set(row.id, row);
  }
  putContract(row: ContractRow): void {
    this.layer().contracts.set(row.id, row);
  }
  addContractVersion(row: ContractVersionRow): void {
    this.layer().contractVersions.push(row);
  }
  addCurrency(code: string, decimals: number): void {
    this.layer().currencies.set(code, { code, decimals, createdHeight: this.height });
  }
  setBalance(account: string, currency: string, amount: bigint): void {
    if (amount < 0n) throw new Error(`balance of ${account} in ${currency} would be negative`);
    this.layer().balances.set(balanceKey(account, currency), { account, currency, amount: amount.toString(), height: this.height });
    this.putLeaf({ kind: 'balance', account, currency, amount: amount.toString() });
  }
  setContractValue(contractId: string, key: string, value: JsonValue): void {
    this.layer().contractState.set(stateKey(contractId, key), { contractId, key, value });
    this.putLeaf({ kind: 'state', contractId, key, value });
  }
  deleteContractValue(contractId: string, key: string): void {
    this.layer().contractState.set(stateKey(contractId, key), { contractId, key, value: undefined });
    this.removeLeaf({ kind: 'state', contractId, key });
  }
  addTransaction(row: TxRow): void {
    this.layer().transactions.push(row);
  }

  /** Everything the accepted transactions changed (the block, its state root and bucket roots are added by the commit). */
  writeSet(): WriteSet {
    const writes = emptyWriteSet();
    writes.users = this.base.users;
    writes.contracts = this.base.contracts;
    writes.currencies = [...this.base.currencies.values()];
    writes.balances = this.base.balances;
    writes.contractVersions = this.base.contractVersions;
    writes.contractState = this.base.contractState;
    writes.transactions = this.base.transactions;
    writes.leaves = this.base.leaves;
    return writes;
  }

  private putLeaf(leaf: StateLeaf): void {
    const row = leafRow(leaf);
    this.layer().leaves.set(row.path, row);
  }
  private removeLeaf(leaf: StateLeafId): void {
    this.layer().leaves.set(leafPath(leaf), undefined);
  }
  private layer(): Layer {
    if (!this.top) throw new Error('a block draft is written only inside attempt()');
    return this.top;
  }
}
