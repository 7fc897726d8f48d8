// A typed client for the ledger's HTTP API: Hono's hc over the API's own type (http/api.ts), so
// paths, parameters and answers are checked against the routes. Browser-safe: fetch, and types only.
import type { z } from '@hono/zod-openapi';
import type { SignedTransaction, State } from '@tana/engine';
import { type ClientResponse, hc } from 'hono/client';
import type { LedgerErrorBody, LedgerErrorCode } from '../errors.ts';
import type { LedgerApi } from '../http/api.ts';
import type * as S from '../http/schemas.ts';

export type Block = z.infer<typeof S.BlockSchema>;
export type Head = z.infer<typeof S.HeadSchema>;
export type Submitted = z.infer<typeof S.SubmittedSchema>;
export type UserInfo = z.infer<typeof S.UserSchema>;
export type Balance = z.infer<typeof S.BalanceSchema>;
export type OwnedBalance = z.infer<typeof S.OwnedBalanceSchema>;
export type TeamInfo = z.infer<typeof S.TeamOfUserSchema>;
export type TeamDetail = z.infer<typeof S.TeamDetailSchema>;
export type Member = z.infer<typeof S.MemberSchema>;
export type ChainInfo = z.infer<typeof S.ChainSchema>;
export type Health = z.infer<typeof S.HealthSchema>;
export type ContractInfo = z.infer<typeof S.ContractSchema>;
export type ContractDetail = z.infer<typeof S.ContractDetailSchema>;
export type ContractState = z.infer<typeof S.ContractStateSchema>;
export type TransactionRecord = z.infer<typeof S.TxRecordSchema>;
export type Proof = z.infer<typeof S.ProofSchema>;

/** A named refusal from the ledger (`Conflict`, `DiffMismatch`, `BadSignature`, …), or `Unreachable` (no answer: refused, reset, or timed out). */
export class LedgerRequestError extends Error {
  readonly code: LedgerErrorCode | 'Unreachable';
  readonly status: number;
  readonly body?: LedgerErrorBody;

  constructor(code: LedgerErrorCode | 'Unreachable', message: string, status: number, body?: LedgerErrorBody) {
    super(message);
    this.name = code;
    this.code = code;
    this.status = status;
    this.body = body;
  }
}

export interface LedgerClientOptions {
  fetch?: typeof fetch;
  /**
   * How long one request may take before it is abandoned as `Unreachable` (default 60 s). A submit
   * answers once its block is durable, so this bounds waiting for a block too.
   */
  timeoutMs?: number;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

const segment = (value: string | number) => encodeURIComponent(String(value));

export class LedgerClient {
  readonly baseUrl: string;
  private readonly api: ReturnType<typeof hc<LedgerApi>>;
  private readonly timeoutMs: number;

  constructor(baseUrl: string, options: LedgerClientOptions = {}) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    const fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
    const timeout = () => AbortSignal.timeout(this.timeoutMs);
    this.api = hc<LedgerApi>(this.baseUrl, {
      fetch: (input: RequestInfo | URL, init?: RequestInit) => fetchImpl(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, timeout()]) : timeout() }),
    });
  }

  health = () => this.answer<Health>(this.api.health.$get());
  chain = () => this.answer<ChainInfo>(this.api.chain.$get());
  head = () => this.answer<Block>(this.api.blocks.head.$get());
  block = (height: number) => this.answer<Block>(this.api.blocks[':height'].$get({ param: { height: segment(height) } }));
  /** Blocks with height > since, oldest first. */
  blocksSince = (since: number, limit = 100) => this.answer<{ blocks: Block[]; head: Head }>(this.api.blocks.$get({ query: { since: String(since), limit: String(limit) } }));
  user = (id: string) => this.answer<UserInfo>(this.api.users[':id'].$get({ param: { id: segment(id) } }));
  users = () => this.answer<{ users: UserInfo[] }>(this.api.users.$get({ query: {} }));
  /** The user with this username, or undefined. */
  userByUsername = async (username: string) => (await this.answer<{ users: UserInfo[] }>(this.api.users.$get({ query: { username } }))).users[0];
  balances = (query: { account?: string; currency?: string } = {}) => this.answer<{ balances: OwnedBalance[] }>(this.api.balances.$get({ query }));
  /** All teams, or one user's (each with its role). */
  teams = (query: { member?: string } = {}) => this.answer<{ teams: TeamInfo[] }>(this.api.teams.$get({ query }));
  team = (id: string) => this.answer<TeamDetail>(this.api.teams[':id'].$get({ param: { id: segment(id) } }));
  member = (team: string, member: string) => this.answer<Member & { proof: Proof }>(this.api.teams[':id'].members[':member'].$get({ param: { id: segment(team), member: segment(member) } }));
  balance = (account: string, currency: string) =>
    this.answer<Balance & { proof: Proof }>(this.api.balances[':account'][':currency'].$get({ param: { account: segment(account), currency: segment(currency) } }));
  transactions = (query: { sender?: string; contract?: string; fromHeight?: number; limit?: number } = {}) =>
    this.answer<{ transactions: TransactionRecord[] }>(
      this.api.transactions.$get({
        query: { ...query, fromHeight: query.fromHeight === undefined ? undefined : String(query.fromHeight), limit: query.limit === undefined ? undefined : String(query.limit) },
      }),
    );
  transaction = (id: string) => this.answer<TransactionRecord>(this.api.transactions[':id'].$get({ param: { id: segment(id) } }));
  contracts = (query: { owner?: string } = {}) => this.answer<{ contracts: ContractInfo[] }>(this.api.contracts.$get({ query }));
  contract = (id: string) => this.answer<ContractDetail>(this.api.contracts[':id'].$get({ param: { id: segment(id) } }));
  state = (id: string) => this.answer<ContractState & { state: State }>(this.api.contracts[':id'].state.$get({ param: { id: segment(id) } }));
  value = (id: string, key: string) =>
    this.answer<{ contractId: string; key: string; value: unknown; proof: Proof }>(this.api.contracts[':id'].state[':key'].$get({ param: { id: segment(id), key: segment(key) } }));

  /** Submits any signed transaction; resolves once it is in a durable block. */
  submit = (signed: SignedTransaction) => this.answer<Submitted>(this.api.transactions.$post({ json: signed }));
  mint = (adminToken: string, request: { account: string; currency: string; amount: string; decimals?: number }) =>
    this.answer<Submitted>(this.api.balances.$post({ json: request }, { headers: { Authorization: `Bearer ${adminToken}` } }));

  /**
   * The answer's body, or the ledger's named refusal as a LedgerRequestError. `T` is the route's
   * response schema's type (http/schemas.ts): hc's JSON-mapped form of it does not keep JsonValue.
   */
  private async answer<T>(request: Promise<ClientResponse<unknown, number, 'json'>>): Promise<T> {
    let response: ClientResponse<unknown, number, 'json'>;
    try {
      response = await request;
    } catch (error) {
      throw this.unreachable(error as Error);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw this.unreachable(error as Error);
    }
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      throw new LedgerRequestError('Internal', `the ledger answered ${response.status} with non-JSON`, response.status);
    }
    if (!response.ok) {
      const error = (parsed as LedgerErrorBody | undefined)?.error;
      throw new LedgerRequestError(error?.code ?? 'Internal', error?.message ?? `HTTP ${response.status}`, response.status, parsed as LedgerErrorBody);
    }
    return parsed as T;
  }

  private unreachable(error: Error): LedgerRequestError {
    // The cause tells a retrying client what it needs: ECONNREFUSED means the request was never sent.
    if (error.name === 'TimeoutError') return new LedgerRequestError('Unreachable', `no answer from the ledger at ${this.baseUrl} within ${this.timeoutMs / 1000} s (timeout)`, 0);
    const cause = (error.cause as { code?: string } | undefined)?.code;
    return new LedgerRequestError('Unreachable', `cannot reach the ledger at ${this.baseUrl}: ${error.message}${cause ? ` (${cause})` : ''}`, 0);
  }
}
