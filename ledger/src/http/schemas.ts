// Response and query schemas: every response is parsed with these before it is sent, and the
// OpenAPI document is generated from them.
import { z } from '@hono/zod-openapi';
import { LEDGER_ERRORS, type LedgerErrorCode } from '../errors.ts';
import { AccountId, Amount, Bio, CurrencyCode, DisplayName, Hash, JsonValueSchema, Price, SignedTransactionSchema, TeamPermissionSchema, TeamRoleSchema, Username } from '../tx/schemas.ts';

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

export const FeePaidSchema = z
  .object({ payer: AccountId, currency: CurrencyCode, amount: z.string(), gas: z.number().int() })
  .openapi('FeePaid', { description: 'gas × the chain’s gas price, paid by the sender or the team it acted for to the block’s producer' });
export const DepositMovedSchema = z
  .object({ contractId: AccountId, payer: AccountId, currency: CurrencyCode, bytes: z.number().int(), amount: z.string() })
  .openapi('DepositMoved', { description: 'bytes > 0: the caller paid a deposit for the state its call keeps; bytes < 0: it was refunded for the state it freed' });

export const TxResultSchema = z
  .object({
    value: JsonValueSchema.optional(),
    logs: z.array(z.object({ level: z.string(), message: z.string() })).optional(),
    gasUsed: z.number().int().optional(),
    fee: FeePaidSchema.optional().openapi({ description: 'absent when the transaction paid no fee' }),
    deposit: DepositMovedSchema.optional(),
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
export const OwnerTypeSchema = z.enum(['user', 'team', 'contract']);
export const OwnedBalanceSchema = BalanceSchema.extend({ ownerType: OwnerTypeSchema.openapi({ description: 'what holds it: a user, a team or a contract' }) }).openapi('OwnedBalance');

export const TeamSchema = z
  .object({
    id: AccountId,
    name: DisplayName.nullable(),
    membersMay: z.array(TeamPermissionSchema).openapi({ description: 'what members who are not owners may do for the team' }),
    owners: z.number().int(),
    creator: AccountId,
    createdHeight: z.number().int(),
  })
  .openapi('Team');
export const TeamOfUserSchema = TeamSchema.extend({ role: TeamRoleSchema.optional().openapi({ description: 'with ?member=: that user’s role' }) }).openapi('TeamListed');

export const UserSchema = z
  .object({
    id: AccountId,
    publicKey: z.string(),
    username: Username.nullable(),
    displayName: DisplayName.nullable(),
    bio: Bio.nullable(),
    nextNonce: z.number().int(),
    createdHeight: z.number().int(),
    balances: z.array(BalanceSchema).optional(),
    teams: z.array(z.object({ id: AccountId, name: DisplayName.nullable(), role: TeamRoleSchema })).optional(),
  })
  .openapi('User');

export const MemberSchema = z
  .object({ team: AccountId, member: AccountId, role: TeamRoleSchema, height: z.number().int().openapi({ description: 'the block that added it or last changed its role' }) })
  .openapi('Member');

export const ContractSchema = z
  .object({
    id: AccountId,
    owner: AccountId.openapi({ description: 'a user or a team' }),
    version: z.number().int(),
    codeHash: Hash,
    stateHeight: z.number().int(),
    createdHeight: z.number().int(),
    depositBytes: z.number().int().openapi({ description: 'bytes of state backed by a storage deposit' }),
    deposit: z.string().openapi({ description: 'the deposit held for them, in the chain’s fee currency' }),
  })
  .openapi('Contract');

export const TeamDetailSchema = TeamSchema.extend({
  members: z.array(MemberSchema.extend({ username: Username.nullable(), displayName: DisplayName.nullable() })),
  balances: z.array(BalanceSchema),
  contracts: z.array(ContractSchema),
}).openapi('TeamDetail');

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
  z.object({ kind: z.literal('user'), id: z.string(), publicKey: z.string(), username: z.string().nullable(), displayName: z.string().nullable(), bio: z.string().nullable() }),
  z.object({ kind: z.literal('team'), id: z.string(), name: z.string().nullable(), membersMay: z.array(TeamPermissionSchema) }),
  z.object({ kind: z.literal('member'), team: z.string(), user: z.string(), role: TeamRoleSchema }),
  z.object({ kind: z.literal('deposit'), contractId: z.string(), bytes: z.number().int(), amount: z.string() }),
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
    fees: z
      .object({
        currency: CurrencyCode,
        gasPrice: Price.openapi({ description: 'smallest units of the fee currency per gas (0: no fees)' }),
        txGas: z.number().int().openapi({ description: 'gas every transaction costs' }),
        byteGas: z.number().int().openapi({ description: 'gas per byte of the transaction as stored (canonical JSON without maxFee)' }),
        depositPerByte: Price.openapi({ description: 'held per byte of contract state a call keeps, refunded when freed (0: no deposits)' }),
      })
      .openapi('FeeSchedule', { description: 'fee = (txGas + byteGas × bytes + a call’s gasUsed) × gasPrice; registering a user and minting are free' }),
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
