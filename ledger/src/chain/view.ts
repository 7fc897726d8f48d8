// A read view: the rows one or more transactions may read, loaded at once (ReadKeys → ReadRows), with
// the lookups the rules use. Admission reads one outside the commit lock; a commit reads one inside it.
import { type JsonValue, type Transaction, FEE_FREE_KINDS } from '@tana/engine';
import type { BlockRow, CommittedTx, ContractRow, CurrencyRow, MemberRow, TeamRow, UserRow } from '../db/rows.ts';
import type { ReadKeys, ReadRows } from '../db/store.ts';
import { balanceKey, memberKey, stateKey } from '../db/write-set.ts';
import { type ChainParams, feeScheduleOf } from './params.ts';

/** What the rules (chain/apply.ts) read: a view, or a block's draft over one. */
export interface ChainReader {
  user(id: string): UserRow | undefined;
  team(id: string): TeamRow | undefined;
  contract(id: string): ContractRow | undefined;
  /** Users, teams and contracts share one id space. */
  accountExists(id: string): boolean;
  member(team: string, member: string): MemberRow | undefined;
  /** The id of the user holding this username, if any. */
  usernameHolder(username: string): string | undefined;
  currency(code: string): CurrencyRow | undefined;
  balance(account: string, currency: string): bigint;
  /** A contract's committed value (for storage deposits). */
  value(contractId: string, key: string): JsonValue | undefined;
}

/**
 * The account that pays a transaction's fee: the team it acts for, else its sender. Creating a team
 * and leaving one are the sender's own acts (a member can leave a team with no money).
 */
export function feePayerOf(tx: Transaction): string {
  if (tx.kind === 'team' || (tx.kind === 'membership' && tx.member === tx.sender && tx.role === 'none')) return tx.sender;
  return 'team' in tx && tx.team !== undefined ? tx.team : tx.sender;
}

/** Every row applying (or admitting) `transactions` may read. */
export function readKeysOf(transactions: Transaction[], params: ChainParams, txIds: string[] = []): ReadKeys {
  const accounts = new Set<string>();
  const members = new Map<string, readonly [string, string]>();
  const usernames = new Set<string>();
  const balances = new Map<string, readonly [string, string]>();
  const values = new Map<string, readonly [string, string]>();
  const balance = (account: string, currency: string) => balances.set(balanceKey(account, currency), [account, currency]);
  const member = (team: string, user: string) => members.set(memberKey(team, user), [team, user]);
  /** A new account's id must be nobody's id and nobody's username. */
  const newId = (id: string) => {
    accounts.add(id);
    usernames.add(id);
  };
  /** Acting for a team: the team, and the signer's membership in it. */
  const actingFor = (team: string, signer: string) => {
    accounts.add(team);
    member(team, signer);
  };
  const fees = feeScheduleOf(params);
  const deposits = BigInt(fees.depositPerByte) > 0n;
  for (const tx of transactions) {
    accounts.add(tx.sender);
    if (BigInt(fees.gasPrice) > 0n && !FEE_FREE_KINDS.has(tx.kind)) {
      balance(feePayerOf(tx), fees.currency);
      balance(params.producer, fees.currency);
    }
    switch (tx.kind) {
      case 'user':
        newId(tx.sender);
        if (tx.username) newId(tx.username);
        if (params.faucet) balance(tx.sender, params.faucet.currency);
        break;
      case 'profile':
        if (tx.username) newId(tx.username);
        break;
      case 'team':
        newId(tx.team);
        break;
      case 'team-settings':
        actingFor(tx.team, tx.sender);
        break;
      case 'membership':
        actingFor(tx.team, tx.sender);
        accounts.add(tx.member);
        member(tx.team, tx.member);
        break;
      case 'deploy':
        newId(tx.contractId);
        if (tx.team) actingFor(tx.team, tx.sender);
        break;
      case 'transfer':
        accounts.add(tx.to);
        if (tx.team) actingFor(tx.team, tx.sender);
        balance(tx.team ?? tx.sender, tx.currency);
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
        if (deposits) {
          balance(tx.sender, fees.currency);
          for (const key of [...Object.keys(tx.outcome?.diff?.set ?? {}), ...(tx.outcome?.diff?.deleted ?? [])]) values.set(stateKey(tx.contractId, key), [tx.contractId, key]);
        }
        break;
    }
  }
  return { accounts: [...accounts], members: [...members.values()], usernames: [...usernames], balances: [...balances.values()], values: [...values.values()], txIds };
}

export class ChainView implements ChainReader {
  readonly head: BlockRow | undefined;
  private readonly accounts: Set<string>;
  private readonly memberKeys: Set<string>;
  private readonly usernameKeys: Set<string>;
  private readonly balanceKeys: Set<string>;
  private readonly valueKeys: Set<string>;
  private readonly users: Map<string, UserRow>;
  private readonly teams: Map<string, TeamRow>;
  private readonly contracts: Map<string, ContractRow>;
  private readonly members: Map<string, MemberRow>;
  private readonly holders: Map<string, string>;
  private readonly currencies: Map<string, CurrencyRow>;
  private readonly balances: Map<string, bigint>;
  private readonly values: Map<string, JsonValue>;
  private readonly committedTxs: Map<string, CommittedTx>;

  constructor(keys: ReadKeys, rows: ReadRows) {
    this.head = rows.head;
    this.accounts = new Set(keys.accounts);
    this.memberKeys = new Set(keys.members.map(([team, member]) => memberKey(team, member)));
    this.usernameKeys = new Set(keys.usernames);
    this.balanceKeys = new Set(keys.balances.map(([account, currency]) => balanceKey(account, currency)));
    this.valueKeys = new Set(keys.values.map(([contractId, key]) => stateKey(contractId, key)));
    this.users = new Map(rows.users.map((row) => [row.id, row]));
    this.teams = new Map(rows.teams.map((row) => [row.id, row]));
    this.contracts = new Map(rows.contracts.map((row) => [row.id, row]));
    this.members = new Map(rows.members.map((row) => [memberKey(row.team, row.member), row]));
    this.holders = new Map(rows.usernames.map((row) => [row.username!, row.id]));
    this.currencies = new Map(rows.currencies.map((row) => [row.code, row]));
    this.balances = new Map(rows.balances.map((row) => [balanceKey(row.account, row.currency), BigInt(row.amount)]));
    this.values = new Map(rows.values.map((row) => [stateKey(row.contractId, row.key), row.value]));
    this.committedTxs = new Map(rows.committed.map((row) => [row.id, row]));
  }

  user(id: string): UserRow | undefined {
    this.loaded(this.accounts.has(id), `account '${id}'`);
    return this.users.get(id);
  }
  team(id: string): TeamRow | undefined {
    this.loaded(this.accounts.has(id), `account '${id}'`);
    return this.teams.get(id);
  }
  contract(id: string): ContractRow | undefined {
    this.loaded(this.accounts.has(id), `account '${id}'`);
    return this.contracts.get(id);
  }
  accountExists(id: string): boolean {
    return this.user(id) !== undefined || this.team(id) !== undefined || this.contract(id) !== undefined;
  }
  member(team: string, member: string): MemberRow | undefined {
    const key = memberKey(team, member);
    this.loaded(this.memberKeys.has(key), `membership of '${member}' in '${team}'`);
    return this.members.get(key);
  }
  usernameHolder(username: string): string | undefined {
    this.loaded(this.usernameKeys.has(username), `username '${username}'`);
    return this.holders.get(username);
  }
  currency(code: string): CurrencyRow | undefined {
    return this.currencies.get(code);
  }
  balance(account: string, currency: string): bigint {
    const key = balanceKey(account, currency);
    this.loaded(this.balanceKeys.has(key), `balance of '${account}' in ${currency}`);
    return this.balances.get(key) ?? 0n;
  }
  value(contractId: string, key: string): JsonValue | undefined {
    const at = stateKey(contractId, key);
    this.loaded(this.valueKeys.has(at), `value '${key}' of '${contractId}'`);
    return this.values.get(at);
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
