import { createRoute, z } from '@hono/zod-openapi';
import type { Ledger } from '../../ledger.ts';
import { LedgerError } from '../../errors.ts';
import { AccountId, CurrencyCode } from '../../tx/schemas.ts';
import { BalanceSchema, errorResponses, json, MintRequestSchema, OwnedBalanceSchema, ProofSchema, SubmittedSchema } from '../schemas.ts';
import { proveBalance } from './proofs.ts';
import { routes } from './shared.ts';

const BalanceList = z.object({ balances: z.array(OwnedBalanceSchema) });
const BalanceWithProof = BalanceSchema.extend({ proof: ProofSchema });

/** Mounted at /balances. */
export function balanceRoutes(ledger: Ledger) {
  return routes()
    .openapi(
      createRoute({
        method: 'get',
        path: '/',
        summary: 'Query balances (by account and/or currency), each with the kind of account that holds it (user, team or contract)',
        request: { query: z.object({ account: AccountId.optional(), currency: CurrencyCode.optional() }) },
        responses: { 200: json(BalanceList, 'balances'), ...errorResponses(400) },
      }),
      async (c) => c.json(BalanceList.parse({ balances: await ledger.store.balances(c.req.valid('query')) }), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{account}/{currency}',
        summary: 'One balance with a Merkle proof against the head block’s state root',
        request: { params: z.object({ account: AccountId, currency: CurrencyCode }) },
        responses: { 200: json(BalanceWithProof, 'the balance and its proof'), ...errorResponses(400, 404) },
      }),
      async (c) => {
        const { account, currency } = c.req.valid('param');
        const proven = await proveBalance(ledger, account, currency);
        if (!proven) throw new LedgerError('NotFound', `'${account}' has never held ${currency}`);
        return c.json(BalanceWithProof.parse({ ...proven.value, proof: proven.proof }), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/',
        summary: 'Issue money to an account (admin: a `mint` transaction signed by the ledger’s producer)',
        request: { body: { content: { 'application/json': { schema: MintRequestSchema } }, required: true } },
        responses: { 201: json(SubmittedSchema, 'committed'), ...errorResponses(400, 401, 404, 413, 429) },
      }),
      async (c) => {
        const { account, currency, amount, decimals } = c.req.valid('json');
        const submitted = await ledger.mint(account, amount, currency, decimals);
        return c.json(SubmittedSchema.parse(submitted), 201);
      },
    );
}
