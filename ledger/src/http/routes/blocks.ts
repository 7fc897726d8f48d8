import { createRoute, z } from '@hono/zod-openapi';
import type { Ledger } from '../../ledger.ts';
import { LedgerError } from '../../errors.ts';
import { BlockSchema, errorResponses, json } from '../schemas.ts';
import { routes } from './shared.ts';

const BlockList = z.object({ blocks: z.array(BlockSchema), head: z.object({ height: z.number().int(), hash: z.string() }) });

/** Mounted at /blocks. */
export function blockRoutes(ledger: Ledger) {
  return routes()
    .openapi(
      createRoute({
        method: 'get',
        path: '/',
        summary: 'Blocks: oldest first from `since` (exclusive, for sync), or the newest',
        request: {
          query: z.object({
            since: z.coerce.number().int().min(-1).optional().openapi({ description: 'blocks with height > since, oldest first' }),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          }),
        },
        responses: { 200: json(BlockList, 'blocks and the current head'), ...errorResponses(400) },
      }),
      async (c) => {
        const { since, limit } = c.req.valid('query');
        const [blocks, head] = await Promise.all([since === undefined ? ledger.store.blocks(0, limit, true) : ledger.store.blocks(since + 1, limit), ledger.store.head()]);
        return c.json(BlockList.parse({ blocks, head: { height: head!.height, hash: head!.hash } }), 200);
      },
    )
    .openapi(createRoute({ method: 'get', path: '/head', summary: 'The newest block', responses: { 200: json(BlockSchema, 'the head block'), ...errorResponses(503) } }), async (c) =>
      c.json(BlockSchema.parse(await ledger.store.head()), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{height}',
        summary: 'One block',
        request: { params: z.object({ height: z.coerce.number().int().min(0) }) },
        responses: { 200: json(BlockSchema, 'the block'), ...errorResponses(400, 404) },
      }),
      async (c) => {
        const block = await ledger.store.block(c.req.valid('param').height);
        if (!block) throw new LedgerError('NotFound', `no block at height ${c.req.valid('param').height}`);
        return c.json(BlockSchema.parse(block), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/',
        summary: 'Produce an empty block now (admin; blocks are otherwise produced by commits)',
        responses: { 201: json(BlockSchema, 'the new block'), ...errorResponses(401, 429) },
      }),
      async (c) => c.json(BlockSchema.parse(await ledger.processor.produceEmptyBlock()), 201),
    );
}
