// A block being built: the rules (apply.ts) read through it to the view under it and write into it;
// what it holds at the end is the block's write set. Each transaction writes into its own layer, kept
// only if the transaction is accepted, so a rejected one leaves no trace (what savepoints did when
// rules wrote rows directly).
import type { JsonValue, StateLeaf, StateLeafId } from '@tana/engine';
import { leafPath } from '@tana/engine';
import type { BalanceRow, ContractRow, ContractVersionRow, CurrencyRow, LeafRow, MemberRow, TeamRow, TxRow, UserRow } from '../db/rows.ts';
import { balanceKey, emptyWriteSet, memberKey, stateKey, type WriteSet } from '../db/write-set.ts';
import { leafRow } from './state-tree.ts';
import type { ChainReader } from './view.ts';

class Layer {
  users = new Map<string, UserRow>();
  releasedUsernames = new Set<string>();
  teams = new Map<string, TeamRow>();
  members = new Map<string, MemberRow | undefined>();
  contracts = new Map<string, ContractRow>();
  currencies = new Map<string, CurrencyRow & { createdHeight: number }>();
  balances = new Map<string, BalanceRow & { height: number }>();
  contractVersions: ContractVersionRow[] = [];
  contractState = new Map<string, { contractId: string; key: string; value: JsonValue | undefined }>();
  transactions: TxRow[] = [];
  leaves = new Map<string, LeafRow | undefined>();

  mergeInto(base: Layer): void {
    for (const [id, row] of this.users) base.users.set(id, row);
    for (const username of this.releasedUsernames) base.releasedUsernames.add(username);
    for (const [id, row] of this.teams) base.teams.set(id, row);
    for (const [key, row] of this.members) base.members.set(key, row);
    for (const [id, row] of this.contracts) base.contracts.set(id, row);
    for (const [code, row] of this.currencies) base.currencies.set(code, row);
    for (const [key, row] of this.balances) base.balances.set(key, row);
    base.contractVersions.push(...this.contractVersions);
    for (const [key, row] of this.contractState) base.contractState.set(key, row);
    base.transactions.push(...this.transactions);
    for (const [path, leaf] of this.leaves) base.leaves.set(path, leaf);
  }
}

export interface DraftOptions {
  /** Whether a user's key and profile are a leaf of the state root (chains of ruleset 2 on). */
  userLeaves: boolean;
}

export class BlockDraft implements ChainReader {
  readonly height: number;
  private readonly view: ChainReader;
  private readonly options: DraftOptions;
  private readonly base = new Layer();
  private top: Layer | undefined;

  constructor(view: ChainReader, height: number, options: DraftOptions) {
    this.view = view;
    this.height = height;
    this.options = options;
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
  team(id: string): TeamRow | undefined {
    return this.top?.teams.get(id) ?? this.base.teams.get(id) ?? this.view.team(id);
  }
  contract(id: string): ContractRow | undefined {
    return this.top?.contracts.get(id) ?? this.base.contracts.get(id) ?? this.view.contract(id);
  }
  accountExists(id: string): boolean {
    return this.user(id) !== undefined || this.team(id) !== undefined || this.contract(id) !== undefined;
  }
  member(team: string, member: string): MemberRow | undefined {
    const key = memberKey(team, member);
    for (const layer of this.layers()) if (layer.members.has(key)) return layer.members.get(key);
    return this.view.member(team, member);
  }
  usernameHolder(username: string): string | undefined {
    // Whoever holds it now: a user changed in this block (its current row says), else the view's holder, if it has not given it up since.
    const changed = (id: string) => this.top?.users.get(id) ?? this.base.users.get(id);
    for (const layer of this.layers()) for (const row of layer.users.values()) if (row.username === username && changed(row.id)?.username === username) return row.id;
    const committed = this.view.usernameHolder(username);
    return committed !== undefined && (changed(committed)?.username ?? username) === username ? committed : undefined;
  }
  currency(code: string): CurrencyRow | undefined {
    return this.top?.currencies.get(code) ?? this.base.currencies.get(code) ?? this.view.currency(code);
  }
  balance(account: string, currency: string): bigint {
    const key = balanceKey(account, currency);
    const row = this.top?.balances.get(key) ?? this.base.balances.get(key);
    return row ? BigInt(row.amount) : this.view.balance(account, currency);
  }
  value(contractId: string, key: string): JsonValue | undefined {
    const at = stateKey(contractId, key);
    for (const layer of this.layers()) if (layer.contractState.has(at)) return layer.contractState.get(at)!.value;
    return this.view.value(contractId, key);
  }

  // ── writes (into the transaction's layer)
  /** A user's row (a nonce moved): its leaf does not change. */
  putUser(row: UserRow): void {
    this.layer().users.set(row.id, row);
  }
  /** A new user, or a user's new profile: its row and its leaf. */
  putProfile(row: UserRow): void {
    const before = this.user(row.id)?.username;
    if (before && before !== row.username) this.layer().releasedUsernames.add(before);
    this.putUser(row);
    if (this.options.userLeaves) {
      const { id, publicKey, username, displayName, bio } = row;
      this.putLeaf({ kind: 'user', id, publicKey, username, displayName, bio });
    }
  }
  putTeam(row: TeamRow): void {
    this.layer().teams.set(row.id, row);
    this.putLeaf({ kind: 'team', id: row.id, name: row.name, membersMay: row.membersMay });
  }
  putMember(row: MemberRow): void {
    this.layer().members.set(memberKey(row.team, row.member), row);
    this.putLeaf({ kind: 'member', team: row.team, user: row.member, role: row.role });
  }
  removeMember(team: string, member: string): void {
    this.layer().members.set(memberKey(team, member), undefined);
    this.removeLeaf({ kind: 'member', team, user: member });
  }
  putContract(row: ContractRow): void {
    this.layer().contracts.set(row.id, row);
  }
  /** A contract's storage deposit changed: its row and its leaf (removed when nothing is held). */
  putDeposit(row: ContractRow): void {
    this.putContract(row);
    if (row.depositBytes === 0 && row.deposit === '0') this.removeLeaf({ kind: 'deposit', contractId: row.id });
    else this.putLeaf({ kind: 'deposit', contractId: row.id, bytes: row.depositBytes, amount: row.deposit });
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
    writes.releasedUsernames = this.base.releasedUsernames;
    writes.teams = this.base.teams;
    writes.members = this.base.members;
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
  private layers(): Layer[] {
    return this.top ? [this.top, this.base] : [this.base];
  }
  private layer(): Layer {
    if (!this.top) throw new Error('a block draft is written only inside attempt()');
    return this.top;
  }
}
