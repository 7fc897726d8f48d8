// zod schemas for the transaction format defined in @tana/engine (transaction.ts). The checks at
// the bottom make the compiler prove that schema and type describe the same thing.
import { z } from '@hono/zod-openapi';
import {
  ACCOUNT_ID_PATTERN,
  ACCOUNT_ID_RULE,
  AMOUNT_PATTERN,
  AMOUNT_RULE,
  BIO_PATTERN,
  BIO_RULE,
  CURRENCY_CODE_PATTERN,
  CURRENCY_CODE_RULE,
  DISPLAY_NAME_PATTERN,
  DISPLAY_NAME_RULE,
  PRICE_PATTERN,
  USERNAME_PATTERN,
  USERNAME_RULE,
} from '@tana/engine';
import type { JsonValue, SignedTransaction, Transaction } from '@tana/engine';

const hex = (bytes: number, what: string) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`), `${what}: ${bytes * 2} lowercase hex digits`);

export const Hash = hex(32, 'a sha256 hash').openapi({ example: 'c7d1134d8c576ad7518b4897af1d79c5dc9e16e7af6e1e5275279b8b327edbe6' });
/** A user or contract id (@tana/engine's rule): also safe as a file name (no separators, no leading dot). */
export const AccountId = z.string().regex(ACCOUNT_ID_PATTERN, `an id: ${ACCOUNT_ID_RULE}`).openapi({ example: 'alice' });
export const CurrencyCode = z.string().regex(CURRENCY_CODE_PATTERN, `a currency code: ${CURRENCY_CODE_RULE}`).openapi({ example: 'USD' });
export const Amount = z.string().regex(AMOUNT_PATTERN, AMOUNT_RULE).openapi({ example: '1500' });
/** An amount that may be 0: a fee, a price, a maximum. */
export const Price = z.string().regex(PRICE_PATTERN, 'a whole number of the smallest unit, 0 or more, as a decimal string').openapi({ example: '0' });
export const Username = z.string().regex(USERNAME_PATTERN, `a username: ${USERNAME_RULE}`).openapi({ example: 'alice_w' });
export const DisplayName = z.string().regex(DISPLAY_NAME_PATTERN, `a name: ${DISPLAY_NAME_RULE}`).openapi({ example: 'Alice' });
export const Bio = z.string().regex(BIO_PATTERN, `a bio: ${BIO_RULE}`);
export const TeamRoleSchema = z.enum(['owner', 'member']);
export const TeamPermissionSchema = z.enum(['spend', 'deploy']);
/** What members who are not owners may do: each permission at most once. */
export const MembersMay = z
  .array(TeamPermissionSchema)
  .max(2)
  .refine((list) => new Set(list).size === list.length, 'each permission at most once');
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
  maxFee: Price.optional().openapi({ description: 'the most this transaction may pay in fees (smallest unit of the chain’s fee currency); absent: 0' }),
};

export const TransferSchema = z.object({ from: AccountId, to: AccountId, amount: Amount, currency: CurrencyCode }).strict();
export const StateDiffSchema = z.object({ set: z.record(z.string(), JsonValueSchema), deleted: z.array(z.string()), transfers: z.array(TransferSchema) }).strict();
export const BlockContextSchema = z.object({ height: z.number().int().min(0), timestamp: z.number().int().min(0), executor: z.string() }).strict();
export const RecordedFetchSchema = z.object({ url: z.string(), status: z.number().int(), headers: z.record(z.string(), z.string()), body: z.string() }).strict();

export const CreateUserSchema = z
  .object({ ...base, kind: z.literal('user'), publicKey: hex(32, 'an ed25519 public key'), displayName: DisplayName.optional(), username: Username.optional(), bio: Bio.optional() })
  .strict()
  .openapi('CreateUserTransaction');
export const ProfileSchema = z
  .object({ ...base, kind: z.literal('profile'), username: Username.nullable(), displayName: DisplayName.nullable(), bio: Bio.nullable() })
  .strict()
  .openapi('ProfileTransaction', { description: 'Replaces the sender’s profile (null: none).' });
export const CreateTeamSchema = z
  .object({ ...base, kind: z.literal('team'), team: AccountId, name: DisplayName.optional(), membersMay: MembersMay.optional() })
  .strict()
  .openapi('CreateTeamTransaction', { description: 'Creates a team; the sender is its first owner.' });
export const TeamSettingsSchema = z
  .object({ ...base, kind: z.literal('team-settings'), team: AccountId, name: DisplayName.nullable(), membersMay: MembersMay })
  .strict()
  .openapi('TeamSettingsTransaction', { description: 'Replaces a team’s name and what its members may do (owners only).' });
export const MembershipSchema = z
  .object({ ...base, kind: z.literal('membership'), team: AccountId, member: AccountId, role: z.enum(['owner', 'member', 'none']) })
  .strict()
  .openapi('MembershipTransaction', { description: 'Adds a member, changes its role, or removes it (role none); signed by an owner, or by the member to leave.' });
export const DeploySchema = z
  .object({ ...base, kind: z.literal('deploy'), contractId: AccountId, code: z.string(), codeHash: Hash, team: AccountId.optional() })
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
  .object({ ...base, kind: z.literal('transfer'), to: AccountId, amount: Amount, currency: CurrencyCode, team: AccountId.optional() })
  .strict()
  .openapi('TransferTransaction');
export const MintSchema = z
  .object({ ...base, kind: z.literal('mint'), to: AccountId, amount: Amount, currency: CurrencyCode, decimals: z.number().int().min(0).max(18).optional() })
  .strict()
  .openapi('MintTransaction');

export const TransactionSchema = z
  .discriminatedUnion('kind', [CreateUserSchema, ProfileSchema, CreateTeamSchema, TeamSettingsSchema, MembershipSchema, DeploySchema, CallSchema, TransferTxSchema, MintSchema])
  .openapi('Transaction');

const signedOf = <T extends z.ZodType>(transaction: T, name: string) =>
  z
    .object({ transaction, signature: hex(64, 'an ed25519 signature') })
    .strict()
    .openapi(name);

export const SignedTransactionSchema = signedOf(TransactionSchema, 'SignedTransaction');
export const SignedCreateUserSchema = signedOf(CreateUserSchema, 'SignedCreateUser');
export const SignedDeploySchema = signedOf(DeploySchema, 'SignedDeploy');
export const SignedProfileSchema = signedOf(ProfileSchema, 'SignedProfile');
export const SignedTeamSchema = signedOf(z.discriminatedUnion('kind', [CreateTeamSchema, TeamSettingsSchema]), 'SignedTeamTransaction');
export const SignedMembershipSchema = signedOf(MembershipSchema, 'SignedMembership');

// Compile-time proof that the schema and @tana/engine's types agree, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesType: Same<z.infer<typeof TransactionSchema>, Transaction> = true;
const signedMatchesType: Same<z.infer<typeof SignedTransactionSchema>, SignedTransaction> = true;
void schemaMatchesType;
void signedMatchesType;
