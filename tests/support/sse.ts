// Reading a ledger's GET /events in tests, with the `eventsource` package (the EventSource the CLI
// uses): the `head` events, in order, and a way to wait for a height.
import { EventSource } from 'eventsource';
import type { Block } from '../../ledger/src/client/index.ts';
import { waitFor } from './wait.ts';

export interface HeadStream {
  heads: Block[];
  /** Resolves once a head at `height` (or higher) has arrived. */
  until(height: number): Promise<void>;
  close(): void;
}

/** `lastEventId`: sent as Last-Event-ID on the first request, as EventSource does on a reconnection. */
export function openHeadStream(url: string, options: { lastEventId?: number; since?: number } = {}): HeadStream {
  const target = new URL('/events', url);
  if (options.since !== undefined) target.searchParams.set('since', String(options.since));
  const source = new EventSource(target, {
    fetch: (input, init) => fetch(input, { ...init, headers: { ...init.headers, ...(options.lastEventId === undefined ? {} : { 'Last-Event-ID': String(options.lastEventId) }) } }),
  });
  const heads: Block[] = [];
  source.addEventListener('head', (event) => heads.push(JSON.parse(event.data) as Block));
  return {
    heads,
    until: (height) => waitFor(() => heads.some((head) => head.height >= height), `head ${height} on ${url}/events`).then(() => undefined),
    close: () => source.close(),
  };
}
