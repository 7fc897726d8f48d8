import { createRoute } from '@hono/zod-openapi';
import type { Ledger } from '../../ledger.ts';
import { ChainSchema, HealthSchema, json } from '../schemas.ts';
import { headOf, routes } from './shared.ts';

/** Mounted at /: /health and /chain. */
export function systemRoutes(ledger: Ledger, startedAt: number) {
  return routes()
    .openapi(createRoute({ method: 'get', path: '/health', summary: 'Health check', responses: { 200: json(HealthSchema, 'the ledger is up') } }), (c) =>
      c.json(
        HealthSchema.parse({
          ok: true,
          chainId: ledger.params.chainId,
          head: headOf(ledger),
          engineHash: ledger.engineHash,
          workers: ledger.pool.size,
          reexecution: ledger.scheduler.stats(),
          uptimeMs: Date.now() - startedAt,
        }),
        200,
      ),
    )
    .openapi(createRoute({ method: 'get', path: '/chain', summary: 'Chain parameters: what a client needs to build transactions', responses: { 200: json(ChainSchema, 'the chain') } }), (c) =>
      c.json(
        ChainSchema.parse({
          ...ledger.params,
          maxGas: ledger.maxCallGas,
          faucet: ledger.faucet,
          currencies: ledger.store.currencies(),
          engineHash: ledger.engineHash,
          head: headOf(ledger),
        }),
        200,
      ),
    );
}
