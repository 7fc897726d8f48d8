import { createRoute } from '@hono/zod-openapi';
import { feeScheduleOf } from '../../chain/params.ts';
import type { Ledger } from '../../ledger.ts';
import { ChainSchema, errorResponses, HealthSchema, json } from '../schemas.ts';
import { headOf, routes } from './shared.ts';

/** Mounted at /: /health and /chain. */
export function systemRoutes(ledger: Ledger, startedAt: number) {
  return routes()
    .openapi(createRoute({ method: 'get', path: '/health', summary: 'Health check', responses: { 200: json(HealthSchema, 'the ledger is up'), ...errorResponses(503) } }), async (c) =>
      c.json(
        HealthSchema.parse({
          ok: true,
          chainId: ledger.params.chainId,
          head: await headOf(ledger),
          database: ledger.store.backend,
          engineHash: ledger.engineHash,
          workers: ledger.pool.size,
          reexecution: ledger.scheduler.stats(),
          uptimeMs: Date.now() - startedAt,
        }),
        200,
      ),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/chain',
        summary: 'Chain parameters: what a client needs to build transactions',
        responses: { 200: json(ChainSchema, 'the chain'), ...errorResponses(503) },
      }),
      async (c) =>
        c.json(
          ChainSchema.parse({
            ...ledger.params,
            fees: feeScheduleOf(ledger.params),
            maxGas: ledger.maxCallGas,
            faucet: ledger.faucet,
            currencies: await ledger.store.currencies(),
            engineHash: ledger.engineHash,
            head: await headOf(ledger),
          }),
          200,
        ),
    );
}
