// A static file server on 127.0.0.1: serves one directory, never anything outside it (Hono's
// serveStatic refuses "..", encoded or not, and malformed escapes such as /%E0%A4%A).
// Used by `npm start`'s tests, the browser tests and the benchmarks (which let it die with the process).
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

export interface ServeOptions {
  /** 0 picks a free port. */
  port?: number;
  /** Keep the process alive while serving (a command); tests leave this off. */
  keepAlive?: boolean;
}

export function staticApp(root: string): Hono {
  const app = new Hono();
  app.use(
    '*',
    serveStatic({
      root: resolve(root),
      onFound: (path, c) => {
        c.header('Cache-Control', 'no-store');
        if (path.endsWith('.ts')) c.header('Content-Type', 'text/plain; charset=utf-8'); // TypeScript source, not an MPEG stream
      },
    }),
  );
  app.notFound((c) => c.text(`not found: ${c.req.path}`, 404));
  return app;
}

export async function serveDirectory(root: string, options: ServeOptions = {}): Promise<StaticServer> {
  const app = staticApp(root);
  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>((resolvePort, reject) => {
    const server = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolvePort({ server, port: info.port }));
    server.once('error', reject);
  });
  if (!options.keepAlive) server.unref();
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((done) => {
        server.close(() => done());
        // A browser's keep-alive or unfinished request must not keep the close waiting.
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}
