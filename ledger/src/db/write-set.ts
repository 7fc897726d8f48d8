// What one commit writes: the final value of every row a block changed, gathered in memory by the
// state transition (chain/draft.ts) and written by the store in one batch, in one database
// transaction — never rules and row writes interleaved (a round trip per row on a networked database).
import type { JsonValue } from '@tana/engine';
import type { BalanceRow, BlockRow, ContractRow, ContractVersionRow, CurrencyRow, LeafRow, MemberRow, TeamRow, TxRow, UserRow } from './rows.ts';

export interface WriteSet {
  /** Chain parameters (genesis only). */
  meta: Map<string, unknown>;
  /** New users, and users whose next nonce or profile changed: upserted (a user's key never changes). */
  users: Map<string, UserRow>;
  /** Usernames given up in this block: cleared before the users are written, so another user may take one in the same block. */
  releasedUsernames: Set<string>;
  /** New teams, and teams whose settings or owner count changed: upserted. */
  teams: Map<string, TeamRow>;
  /** Keyed by memberKey(team, member); undefined removes the member. */
  members: Map<string, MemberRow | undefined>;
  currencies: (CurrencyRow & { createdHeight: number })[];
  /** Keyed by balanceKey(account, currency). */
  balances: Map<string, BalanceRow & { height: number }>;
  /** New contracts, and contracts with a new version or state height: upserted. */
  contracts: Map<string, ContractRow>;
  contractVersions: ContractVersionRow[];
  /** Keyed by stateKey(contractId, key); undefined deletes the key. */
  contractState: Map<string, { contractId: string; key: string; value: JsonValue | undefined }>;
  transactions: TxRow[];
  /** Keyed by path; undefined deletes the leaf. */
  leaves: Map<string, LeafRow | undefined>;
  /** Bucket roots; undefined: the bucket is empty. */
  buckets: Map<number, Uint8Array | undefined>;
  block?: BlockRow;
}

export function emptyWriteSet(): WriteSet {
  return {
    meta: new Map(),
    users: new Map(),
    releasedUsernames: new Set(),
    teams: new Map(),
    members: new Map(),
    currencies: [],
    balances: new Map(),
    contracts: new Map(),
    contractVersions: [],
    contractState: new Map(),
    transactions: [],
    leaves: new Map(),
    buckets: new Map(),
  };
}

export const balanceKey = (account: string, currency: string): string => `${account}\u0000${currency}`;
export const stateKey = (contractId: string, key: string): string => `${contractId}\u0000${key}`;
export const memberKey = (team: string, member: string): string => `${team}\u0000${member}`;
