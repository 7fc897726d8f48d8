// A typed client for the ledger's HTTP API. Browser-safe: fetch and @tana/engine types only.
import type { z } from '@hono/zod-openapi';
import type { SignedTransaction, State } from '@tana/engine';
import type { LedgerErrorBody, LedgerErrorCode } from '../errors.ts';
import type * as S from '../http/schemas.ts';

export type Block = z.infer<typeof S.BlockSchema>;
export type Head = z.infer<typeof S.HeadSchema>;
export type Submitted = z.infer<typeof S.SubmittedSchema>;
export type UserInfo = z.infer<typeof S.UserSchema>;
export type Balance = z.infer<typeof S.BalanceSchema>;
export type ChainInfo = z.infer<typeof S.ChainSchema>;
export type Health = z.infer<typeof S.HealthSchema>;
export type ContractInfo = z.infer<typeof S.ContractSchema>;
export type ContractDetail = z.infer<typeof S.ContractDetailSchema>;
export type ContractState = z.infer<typeof S.ContractStateSchema>;
export type TransactionRecord = z.infer<typeof S.TxRecordSchema>;
export type Proof = z.infer<typeof S.ProofSchema>;

/** A named refusal from the ledger (`Conflict`, `DiffMismatch`, `BadSignature`, …), or `Unreachable`. */
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

export class LedgerClient {
  readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;

  constructor(baseUrl: string, options: { fetch?: typeof fetch; timeoutMs?: number } = {}) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  }

  health = () => this.get<Health>('/health');
  chain = () => this.get<ChainInfo>('/chain');
  head = () => this.get<Block>('/blocks/head');
  block = (height: number) => this.get<Block>(`/blocks/${height}`);
  /** Blocks with height > since, oldest first. */
  blocksSince = (since: number, limit = 100) => this.get<{ blocks: Block[]; head: Head }>(`/blocks?since=${since}&limit=${limit}`);
  user = (id: string) => this.get<UserInfo>(`/users/${encodeURIComponent(id)}`);
  users = () => this.get<{ users: UserInfo[] }>('/users');
  balances = (query: { account?: string; currency?: string } = {}) => this.get<{ balances: Balance[] }>(`/balances${queryString(query)}`);
  balance = (account: string, currency: string) => this.get<Balance & { proof: Proof }>(`/balances/${encodeURIComponent(account)}/${encodeURIComponent(currency)}`);
  transactions = (query: { sender?: string; contract?: string; fromHeight?: number; limit?: number } = {}) =>
    this.get<{ transactions: TransactionRecord[] }>(`/transactions${queryString(query)}`);
  transaction = (id: string) => this.get<TransactionRecord>(`/transactions/${id}`);
  contracts = () => this.get<{ contracts: ContractInfo[] }>('/contracts');
  contract = (id: string) => this.get<ContractDetail>(`/contracts/${encodeURIComponent(id)}`);
  state = (id: string) => this.get<ContractState & { state: State }>(`/contracts/${encodeURIComponent(id)}/state`);
  value = (id: string, key: string) =>
    this.get<{ contractId: string; key: string; value: unknown; proof: Proof }>(`/contracts/${encodeURIComponent(id)}/state/${encodeURIComponent(key)}`);

  /** Submits any signed transaction; resolves once it is in a durable block. */
  submit = (signed: SignedTransaction) => this.send<Submitted>('POST', '/transactions', signed);
  mint = (adminToken: string, request: { account: string; currency: string; amount: string; decimals?: number }) =>
    this.send<Submitted>('POST', '/balances', request, { Authorization: `Bearer ${adminToken}` });

  private get<T>(path: string): Promise<T> {
    return this.send<T>('GET', path);
  }

  private async send<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.baseUrl}${path}`, {
        method,
        headers: body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      // The cause tells a retrying client what it needs: ECONNREFUSED means the request was never sent.
      const cause = ((error as Error).cause as { code?: string } | undefined)?.code;
      throw new LedgerRequestError('Unreachable', `cannot reach the ledger at ${this.baseUrl}: ${(error as Error).message}${cause ? ` (${cause})` : ''}`, 0);
    }
    const text = await response.text();
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
}

function queryString(query: Record<string, string | number | undefined>): string {
  const entries = Object.entries(query).filter(([, v]) => v !== undefined) as [string, string | number][];
  return entries.length ? `?${entries.map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`).join('&')}` : '';
}
