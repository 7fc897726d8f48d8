// Following a ledger's new heads (GET /events, Server-Sent Events) with the platform's EventSource:
// the browser's, or in Node the `eventsource` package's (pass it in). EventSource reconnects by itself
// and sends the last event id it saw (Last-Event-ID), so the ledger resumes after that block; when a
// reconnection is refused (a 503 while the database is away, a node shutting down), this starts a new
// stream after the last block seen, with backoff. Each block arrives once, in height order.
import type { Block } from './http.ts';

/** The part of the EventSource API used here (the browser's and the `eventsource` package's both fit). */
export interface EventSourceLike {
  readonly readyState: number;
  addEventListener(type: string, listener: (event: MessageEvent) => void): void;
  close(): void;
}
export type EventSourceConstructor = new (url: string) => EventSourceLike;

export interface FollowOptions {
  /** Start after this height (default: with the current head). */
  since?: number;
  onHead(block: Block): void;
  /** 'open' when connected, 'reconnecting' while the stream is away. */
  onState?(state: 'open' | 'reconnecting'): void;
  /** Default: globalThis.EventSource. */
  EventSource?: EventSourceConstructor;
  /** Longest wait before starting a new stream after a refused reconnection (default 30 s). */
  maxRetryMs?: number;
}

export interface HeadFollower {
  /** The last height delivered. */
  readonly height: number | undefined;
  close(): void;
}

const CLOSED = 2;

export function followHeads(ledgerUrl: string, options: FollowOptions): HeadFollower {
  const Source = options.EventSource ?? (globalThis as { EventSource?: EventSourceConstructor }).EventSource;
  if (!Source) throw new Error('no EventSource here: pass one (in Node: import { EventSource } from "eventsource")');
  let last = options.since;
  let source: EventSourceLike | undefined;
  let retryMs = 500;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  const connect = () => {
    const url = new URL('events', ledgerUrl.endsWith('/') ? ledgerUrl : `${ledgerUrl}/`);
    if (last !== undefined) url.searchParams.set('since', String(last));
    source = new Source(url.toString());
    source.addEventListener('open', () => {
      retryMs = 500;
      options.onState?.('open');
    });
    source.addEventListener('error', () => {
      if (closed) return;
      options.onState?.('reconnecting');
      if (source?.readyState !== CLOSED) return; // EventSource retries by itself, with Last-Event-ID
      source.close();
      timer = setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, options.maxRetryMs ?? 30_000);
    });
    source.addEventListener('head', (event) => {
      const block = JSON.parse(event.data as string) as Block;
      if (last !== undefined && block.height <= last) return;
      last = block.height;
      options.onHead(block);
    });
  };
  connect();
  return {
    get height() {
      return last;
    },
    close() {
      closed = true;
      clearTimeout(timer);
      source?.close();
    },
  };
}
