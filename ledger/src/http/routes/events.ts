// GET /events: Server-Sent Events, one `head` event per committed block (any node's, on PostgreSQL),
// with the block's height as the event id. A client resumes where it stopped: EventSource sends the
// last id it saw as Last-Event-ID when it reconnects, and the stream starts with the block after it
// (read from the store if it is no longer in memory), so no block is missed or repeated. A first
// connection starts after `?since=` if given, else with the current head.
import { createRoute, z } from '@hono/zod-openapi';
import { type SSEStreamingApi, streamSSE } from 'hono/streaming';
import type { BlockRow } from '../../db/rows.ts';
import { LedgerError } from '../../errors.ts';
import type { Ledger } from '../../ledger.ts';
import { errorResponses } from '../schemas.ts';
import { routes } from './shared.ts';

/** Open streams allowed per client address, and in all. */
export const EVENT_STREAM_LIMITS = { perClient: 8, total: 1000 };
/** A comment line this often keeps proxies from closing an idle stream. */
const KEEP_ALIVE_MS = 15_000;
const PAGE = 100;
const RECONNECT_MS = 1000;

/** Mounted at /events. */
export function eventRoutes(ledger: Ledger) {
  const open = new Map<string, number>();
  let total = 0;

  return routes().openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary: 'New heads as Server-Sent Events (`event: head`, `id`: the height, `data`: the block); resume with Last-Event-ID',
      request: {
        query: z.object({ since: z.coerce.number().int().min(-1).optional().openapi({ description: 'start with the block after this height (Last-Event-ID, when sent, wins)' }) }),
        headers: z.object({
          'last-event-id': z
            .string()
            .regex(/^\d{1,15}$/, 'a block height')
            .optional(),
        }),
      },
      responses: {
        200: { description: 'a stream of `head` events, each a Block', content: { 'text/event-stream': { schema: z.string() } } },
        ...errorResponses(400, 429, 503),
      },
    }),
    async (c) => {
      if (ledger.processor.closing) throw new LedgerError('ShuttingDown', 'the ledger is shutting down; reconnect shortly', { retryAfterSeconds: 5 });
      const client = c.get('client');
      if ((open.get(client) ?? 0) >= EVENT_STREAM_LIMITS.perClient) {
        throw new LedgerError('TooManyInFlight', `this address already has ${EVENT_STREAM_LIMITS.perClient} event streams open`, { retryAfterSeconds: 10 });
      }
      if (total >= EVENT_STREAM_LIMITS.total) throw new LedgerError('Overloaded', 'too many event streams are open on this node', { retryAfterSeconds: 10 });
      const lastEventId = c.req.valid('header')['last-event-id'];
      const since = c.req.valid('query').since;
      const after = lastEventId !== undefined ? Number(lastEventId) : since !== undefined ? since : (await ledger.store.head())!.height - 1;

      open.set(client, (open.get(client) ?? 0) + 1);
      total++;
      c.header('X-Accel-Buffering', 'no'); // proxies that buffer responses would hold the events back
      return streamSSE(c, async (stream) => {
        try {
          await follow(ledger, stream, after);
        } finally {
          total--;
          const left = (open.get(client) ?? 1) - 1;
          if (left) open.set(client, left);
          else open.delete(client);
        }
      });
    },
  );
}

async function follow(ledger: Ledger, stream: SSEStreamingApi, after: number): Promise<void> {
  const { events } = ledger;
  let sent = after;
  let aborted = false;
  await stream.write(`retry: ${RECONNECT_MS}\n\n`); // how soon EventSource reconnects after the stream breaks
  const abortedSignal = new Promise<void>((resolve) =>
    stream.onAbort(() => {
      aborted = true;
      resolve();
    }),
  );
  while (!aborted && !events.isClosed) {
    let blocks: BlockRow[];
    try {
      blocks = events.after(sent) ?? (await ledger.store.blocks(sent + 1, PAGE));
    } catch {
      blocks = []; // the database is away; the next head announced (after it is back) tries again
    }
    const before = sent;
    for (const block of blocks) {
      if (block.height !== sent + 1 || aborted) break;
      await stream.writeSSE({ event: 'head', id: String(block.height), data: JSON.stringify(block) });
      sent = block.height;
    }
    if (sent > before && sent < events.height) continue;
    let timer: NodeJS.Timeout | undefined;
    const quiet = new Promise<'quiet'>((resolve) => {
      timer = setTimeout(() => resolve('quiet'), KEEP_ALIVE_MS);
    });
    const woke = await Promise.race([events.changed(), abortedSignal, quiet]);
    clearTimeout(timer);
    if (woke === 'quiet' && !aborted) await stream.write(': keep-alive\n\n');
  }
}
