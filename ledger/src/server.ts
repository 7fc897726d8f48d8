// Serves a ledger over HTTP on 127.0.0.1 (by default) and shuts down gracefully: stop accepting,
// let in-flight commits finish, then close the workers and the database.
import { serve, type ServerType } from '@hono/node-server';
import { createApp, type HttpOptions, type LedgerApp } from './http/app.ts';
import { openLedger, type Ledger, type LedgerOptions } from './ledger.ts';

export interface ServerOptions extends LedgerOptions, HttpOptions {
  port?: number;
  host?: string;
  /** Extra routes mounted after the API (the CLI mounts the playground's static files here). */
  extend?: (app: LedgerApp) => void;
}

export interface RunningLedger {
  ledger: Ledger;
  url: string;
  port: number;
  /** Graceful: in-flight transactions finish, then everything closes. */
  close(): Promise<void>;
}

export async function startLedgerServer(options: ServerOptions): Promise<RunningLedger> {
  const ledger = await openLedger(options);
  const app = createApp(ledger, { ...options, startedAt: Date.now() });
  options.extend?.(app);
  const host = options.host ?? '127.0.0.1';
  let server: ServerType;
  const port = await new Promise<number>((resolve, reject) => {
    server = serve({ fetch: (request) => app.fetch(request), port: options.port ?? 8080, hostname: host }, (info) => resolve(info.port));
    server.once('error', reject);
  }).catch(async (error) => {
    await ledger.close();
    throw error;
  });

  let closing: Promise<void> | undefined;
  return {
    ledger,
    port,
    url: `http://${host}:${port}`,
    close: () =>
      (closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        await ledger.close();
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
        await stopped;
      })()),
  };
}

/** Closes on SIGTERM/SIGINT, then exits. */
export function closeOnSignals(running: RunningLedger, log: (message: string) => void = console.log): void {
  const stop = (signal: string) => {
    log(`${signal}: finishing in-flight transactions…`);
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
