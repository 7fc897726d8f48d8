// Response and query schemas: every response is parsed with these before it is sent, and the
// OpenAPI document is generated from them.
import { z } from '@hono/zod-openapi';
import { LEDGER_ERRORS, type LedgerErrorCode } from '../errors.ts';
import { AccountId, Amount, CurrencyCode, Hash, JsonValueSchema, SignedTransactionSchema } from '../tx/schemas.ts';

export const HeadSchema = z.object({ height: z.number().int(), hash: Hash }).openapi('Head');

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(LEDGER_ERRORS) as [LedgerErrorCode, ...LedgerErrorCode[]]),
      message: z.string(),
      engineError: z.string().optional().openapi({ description: 'for ContractFailed: the engine’s error code, e.g. OutOfGas' }),
      details: z.unknown().optional(),
    }),
    head: HeadSchema.optional(),
  })
  .openapi('Error');

export const BlockSchema = z
  .object({
    height: z.number().int(),
    hash: Hash,
    parentHash: Hash,
    stateRoot: Hash,
    timestamp: z.number().int(),
    producer: z.string(),
    txIds: z.array(Hash),
    engineHash: Hash,
  })
  .openapi('Block');

export const TxResultSchema = z
  .object({
    value: JsonValueSchema.optional(),
    logs: z.array(z.object({ level: z.string(), message: z.string() })).optional(),
    gasUsed: z.number().int().optional(),
  })
  .openapi('TransactionResult');

export const TxRecordSchema = z
  .object({
    id: Hash,
    height: z.number().int(),
    position: z.number().int(),
    kind: z.string(),
    sender: AccountId,
    nonce: z.number().int(),
    contractId: z.string().nullable(),
    signed: SignedTransactionSchema,
    result: TxResultSchema,
  })
  .openapi('TransactionRecord');

export const SubmittedSchema = z.object({ id: Hash, height: z.number().int(), blockHash: Hash, result: TxResultSchema, replayed: z.boolean() }).openapi('Submitted');

export const BalanceSchema = z.object({ account: AccountId, currency: CurrencyCode, amount: z.string() }).openapi('Balance');

export const UserSchema = z
  .object({
    id: AccountId,
    publicKey: z.string(),
    displayName: z.string().nullable(),
    nextNonce: z.number().int(),
    createdHeight: z.number().int(),
    balances: z.array(BalanceSchema).optional(),
  })
  .openapi('User');

export const ContractSchema = z
  .object({ id: AccountId, owner: AccountId, version: z.number().int(), codeHash: Hash, stateHeight: z.number().int(), createdHeight: z.number().int() })
  .openapi('Contract');

export const ContractDetailSchema = ContractSchema.extend({
  code: z.string(),
  versions: z.array(z.object({ version: z.number().int(), codeHash: Hash, height: z.number().int(), txId: Hash })),
}).openapi('ContractDetail');

export const ContractStateSchema = z
  .object({ contractId: AccountId, height: z.number().int(), stateRoot: Hash, stateHeight: z.number().int(), state: z.record(z.string(), JsonValueSchema) })
  .openapi('ContractState');

const ProofStepSchema = z.object({ side: z.enum(['left', 'right']), hash: Hash });
export const StateLeafSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('state'), contractId: z.string(), key: z.string(), value: JsonValueSchema }),
  z.object({ kind: z.literal('balance'), account: z.string(), currency: z.string(), amount: z.string() }),
]);
export const ProofSchema = z
  .object({ leaf: StateLeafSchema, steps: z.array(ProofStepSchema), root: Hash, height: z.number().int() })
  .openapi('StateProof', { description: 'Check with verifyStateProof from @tana/engine against the root of a block you trust.' });

export const HealthSchema = z
  .object({
    ok: z.literal(true),
    chainId: z.string(),
    head: HeadSchema,
    database: z.enum(['sqlite', 'postgres']).openapi({ description: 'where the chain is stored: one SQLite file, or a PostgreSQL database that several nodes may share' }),
    engineHash: Hash,
    workers: z.number().int(),
    reexecution: z.object({ running: z.number().int(), queued: z.number().int() }).openapi({ description: 'calls re-executing now, and waiting for a worker' }),
    uptimeMs: z.number(),
  })
  .openapi('Health');

export const ChainSchema = z
  .object({
    chainId: z.string(),
    producer: z.string(),
    producerPublicKey: z.string(),
    engineHash: Hash,
    currencies: z.array(z.object({ code: CurrencyCode, decimals: z.number().int() })),
    faucet: z.object({ currency: CurrencyCode, amount: z.string() }).nullable().openapi({ description: 'what this ledger grants each new user (an explicit mint), or null' }),
    allowedHosts: z.array(z.string()),
    maxGas: z.number().int().openapi({ description: 'the highest gasLimit a call may ask for here (the operator may set it below the chain’s)' }),
    maxCodeBytes: z.number().int(),
    clockSkewMs: z.number().int(),
    head: HeadSchema,
  })
  .openapi('Chain');

export const MintRequestSchema = z
  .object({ account: AccountId, currency: CurrencyCode, amount: Amount, decimals: z.number().int().min(0).max(18).optional() })
  .strict()
  .openapi('MintRequest');

export const Paging = {
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
};

export function errorResponses(...codes: number[]) {
  return Object.fromEntries(codes.map((code) => [code, { content: { 'application/json': { schema: ErrorSchema } }, description: describeStatus(code) }])) as Record<
    number,
    { content: { 'application/json': { schema: typeof ErrorSchema } }; description: string }
  >;
}

function describeStatus(status: number): string {
  const names = Object.entries(LEDGER_ERRORS)
    .filter(([, s]) => s === status)
    .map(([name]) => name);
  return names.join(', ');
}

export function json<T extends z.ZodType>(schema: T, description: string) {
  return { content: { 'application/json': { schema } }, description };
}
