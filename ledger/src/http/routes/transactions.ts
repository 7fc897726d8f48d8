import { createRoute, z } from '@hono/zod-openapi';
import type { Ledger } from '../../ledger.ts';
import { LedgerError } from '../../errors.ts';
import { AccountId, Hash, SignedTransactionSchema } from '../../tx/schemas.ts';
import { errorResponses, json, SubmittedSchema, TxRecordSchema } from '../schemas.ts';
import { routes, submitAndRespond } from './shared.ts';

const TxList = z.object({ transactions: z.array(TxRecordSchema) });

/** Mounted at /transactions. */
export function transactionRoutes(ledger: Ledger) {
  return routes()
    .openapi(
      createRoute({
        method: 'get',
        path: '/',
        summary: 'List committed transactions (newest first unless `fromHeight` is given)',
        request: {
          query: z.object({
            sender: AccountId.optional(),
            contract: AccountId.optional(),
            fromHeight: z.coerce.number().int().min(0).optional().openapi({ description: 'oldest first from this height (for sync)' }),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          }),
        },
        responses: { 200: json(TxList, 'transactions'), ...errorResponses(400) },
      }),
      async (c) => {
        const { sender, contract, fromHeight, limit } = c.req.valid('query');
        const transactions = await ledger.store.transactions({ sender, contractId: contract, fromHeight, limit, newestFirst: fromHeight === undefined });
        return c.json(TxList.parse({ transactions }), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{id}',
        summary: 'One committed transaction, as signed, with its result',
        request: { params: z.object({ id: Hash }) },
        responses: { 200: json(TxRecordSchema, 'the transaction'), ...errorResponses(400, 404) },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const row = await ledger.store.transaction(id);
        if (!row) throw new LedgerError('NotFound', `no committed transaction ${id}`);
        return c.json(TxRecordSchema.parse(row), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/',
        summary: 'Submit a signed transaction (any kind); calls are re-executed and must match their claimed outcome',
        request: { body: { content: { 'application/json': { schema: SignedTransactionSchema } }, required: true } },
        responses: {
          201: json(SubmittedSchema, 'committed in a block (durable)'),
          200: json(SubmittedSchema, 'already committed: the original answer'),
          ...errorResponses(400, 401, 403, 404, 409, 413, 422, 429, 503),
        },
      }),
      (c) => submitAndRespond(c, ledger, c.req.valid('json')),
    );
}
