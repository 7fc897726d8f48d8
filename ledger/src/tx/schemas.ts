// zod schemas for the transaction format defined in @tana/engine (transaction.ts). The checks at
// the bottom make the compiler prove that schema and type describe the same thing.
import { z } from '@hono/zod-openapi';
import { ACCOUNT_ID_PATTERN, ACCOUNT_ID_RULE, AMOUNT_PATTERN, AMOUNT_RULE, CURRENCY_CODE_PATTERN, CURRENCY_CODE_RULE } from '@tana/engine';
import type { JsonValue, SignedTransaction, Transaction } from '@tana/engine';

const hex = (bytes: number, what: string) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`), `${what}: ${bytes * 2} lowercase hex digits`);

export const Hash = hex(32, 'a sha256 hash').openapi({ example: 'c7d1134d8c576ad7518b4897af1d79c5dc9e16e7af6e1e5275279b8b327edbe6' });
/** A user or contract id (@tana/engine's rule): also safe as a file name (no separators, no leading dot). */
export const AccountId = z.string().regex(ACCOUNT_ID_PATTERN, `an id: ${ACCOUNT_ID_RULE}`).openapi({ example: 'alice' });
export const CurrencyCode = z.string().regex(CURRENCY_CODE_PATTERN, `a currency code: ${CURRENCY_CODE_RULE}`).openapi({ example: 'USD' });
export const Amount = z.string().regex(AMOUNT_PATTERN, AMOUNT_RULE).openapi({ example: '1500' });
// Bodies are parsed JSON already, so any parsed value is a JSON value. (z.json() is recursive, which
// the OpenAPI generator cannot walk.)
export const JsonValueSchema = z
  .unknown()
  .refine((value) => value !== undefined, 'required')
  .openapi({ description: 'any JSON value' }) as unknown as z.ZodType<JsonValue>;

const base = {
  chainId: z.string().min(1).max(64),
  sender: AccountId,
  nonce: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  engineHash: Hash,
  timestamp: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
};

export const TransferSchema = z.object({ from: AccountId, to: AccountId, amount: Amount, currency: CurrencyCode }).strict();
export const StateDiffSchema = z.object({ set: z.record(z.string(), JsonValueSchema), deleted: z.array(z.string()), transfers: z.array(TransferSchema) }).strict();
export const BlockContextSchema = z.object({ height: z.number().int().min(0), timestamp: z.number().int().min(0), executor: z.string() }).strict();
export const RecordedFetchSchema = z.object({ url: z.string(), status: z.number().int(), headers: z.record(z.string(), z.string()), body: z.string() }).strict();

export const CreateUserSchema = z
  .object({ ...base, kind: z.literal('user'), publicKey: hex(32, 'an ed25519 public key'), displayName: z.string().max(64).optional() })
  .strict()
  .openapi('CreateUserTransaction');
export const DeploySchema = z
  .object({ ...base, kind: z.literal('deploy'), contractId: AccountId, code: z.string(), codeHash: Hash })
  .strict()
  .openapi('DeployTransaction');
export const CallSchema = z
  .object({
    ...base,
    kind: z.literal('call'),
    contractId: AccountId,
    codeHash: Hash,
    input: JsonValueSchema,
    function: z
      .string()
      .regex(/^[A-Za-z_$][A-Za-z0-9_$]*$/)
      .optional(),
    args: z.array(JsonValueSchema).optional(),
    gasLimit: z.number().int().positive(),
    block: BlockContextSchema,
    fetches: z.array(RecordedFetchSchema),
    outcome: z.object({ ok: z.literal(true), value: JsonValueSchema, diff: StateDiffSchema, gasUsed: z.number().int().min(0) }).strict(),
  })
  .strict()
  .openapi('CallTransaction');
export const TransferTxSchema = z
  .object({ ...base, kind: z.literal('transfer'), to: AccountId, amount: Amount, currency: CurrencyCode })
  .strict()
  .openapi('TransferTransaction');
export const MintSchema = z
  .object({ ...base, kind: z.literal('mint'), to: AccountId, amount: Amount, currency: CurrencyCode, decimals: z.number().int().min(0).max(18).optional() })
  .strict()
  .openapi('MintTransaction');

export const TransactionSchema = z.discriminatedUnion('kind', [CreateUserSchema, DeploySchema, CallSchema, TransferTxSchema, MintSchema]).openapi('Transaction');

const signedOf = <T extends z.ZodType>(transaction: T, name: string) =>
  z
    .object({ transaction, signature: hex(64, 'an ed25519 signature') })
    .strict()
    .openapi(name);

export const SignedTransactionSchema = signedOf(TransactionSchema, 'SignedTransaction');
export const SignedCreateUserSchema = signedOf(CreateUserSchema, 'SignedCreateUser');
export const SignedDeploySchema = signedOf(DeploySchema, 'SignedDeploy');

// Compile-time proof that the schema and @tana/engine's types agree, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesType: Same<z.infer<typeof TransactionSchema>, Transaction> = true;
const signedMatchesType: Same<z.infer<typeof SignedTransactionSchema>, SignedTransaction> = true;
void schemaMatchesType;
void signedMatchesType;
