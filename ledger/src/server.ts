// Serves a ledger over HTTP on 127.0.0.1 (by default) and shuts down gracefully: stop accepting
// connections, answer every request already on a connection (new transactions get ShuttingDown, and
// every answer says Connection: close), let idle keep-alive connections expire as the clients were
// told (Keep-Alive: timeout), then close the workers and the database.
import { Server as NetServer } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createApp, type HttpOptions, type LedgerApp } from './http/app.ts';
import { openLedger, type Ledger, type LedgerOptions } from './ledger.ts';

export interface ServerOptions extends LedgerOptions, HttpOptions {
  port?: number;
  host?: string;
  /** How long an idle keep-alive connection stays open (advertised to clients). Default 5000 ms, Node's. */
  keepAliveTimeoutMs?: number;
  /** Extra routes mounted after the API (the CLI mounts the playground's static files here). */
  extend?: (app: LedgerApp) => void;
}

export interface RunningLedger {
  ledger: Ledger;
  url: string;
  port: number;
  /** Graceful: in-flight requests are answered, then everything closes. */
  close(): Promise<void>;
}

/** Past this, connections still open after shutdown began are cut (a client that never reads). */
const SHUTDOWN_GRACE_MS = 10_000;

export async function startLedgerServer(options: ServerOptions): Promise<RunningLedger> {
  const ledger = await openLedger(options);
  const app = createApp(ledger, { ...options, startedAt: Date.now() });
  options.extend?.(app);
  const host = options.host ?? '127.0.0.1';
  let server: ServerType;
  const port = await new Promise<number>((resolve, reject) => {
    // app.fetch receives Node's request and response as its env: getConnInfo needs them for the client's address.
    server = serve({ fetch: app.fetch, port: options.port ?? 8080, hostname: host }, (info) => resolve(info.port));
    server.once('error', reject);
  }).catch(async (error) => {
    await ledger.close();
    throw error;
  });
  const http = server! as import('node:http').Server;
  http.keepAliveTimeout = options.keepAliveTimeoutMs ?? 5000;

  let closing: Promise<void> | undefined;
  return {
    ledger,
    port,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () =>
      (closing ??= (async () => {
        const drained = ledger.processor.drain(); // from now on: ShuttingDown for new transactions, Connection: close on every answer
        ledger.events.close(); // event streams end, so their connections can close too
        // net.Server's close, not http.Server's: that one also drops idle keep-alive connections at once,
        // racing a client that is sending its next request on one (it would see a reset, not an answer).
        const connectionsGone = new Promise<void>((resolve) => NetServer.prototype.close.call(http, () => resolve()));
        const cut = setTimeout(() => http.closeAllConnections(), Math.max(SHUTDOWN_GRACE_MS, http.keepAliveTimeout + 1000));
        await connectionsGone;
        clearTimeout(cut);
        http.close(() => {}); // already closed: this only stops http.Server's connection-checking timer
        await drained;
        await ledger.close();
      })()),
  };
}

/** Closes on SIGTERM/SIGINT, then exits. */
export function closeOnSignals(running: RunningLedger, log: (message: string) => void = console.log): void {
  const stop = (signal: string) => {
    log(`${signal}: answering in-flight requests, then stopping…`);
    void running.close().then(
      () => {
        log('ledger stopped cleanly');
        process.exit(0);
      },
      (error) => {
        console.error('ledger: shutdown failed', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}
