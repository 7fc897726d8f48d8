// The HTTP face of a ledger: hardening middleware, the API's routes (api.ts), the OpenAPI document and its docs page.
import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import type { Ledger } from '../ledger.ts';
import { LedgerError } from '../errors.ts';
import { adminOnly } from './admin-auth.ts';
import { clientAddressOf, clientKey, trustedProxies } from './client-address.ts';
import { renderDocsPage } from './docs-page.ts';
import type { AppEnv } from './env.ts';
import { jsonDepthLimit } from './json-depth.ts';
import { rateLimit } from './rate-limit.ts';
import { apiRoutes } from './api.ts';

export interface HttpOptions {
  /** Origins allowed to call the API from a browser. Default: the playground on 127.0.0.1/localhost:8080 and Astro's dev server. */
  corsOrigins?: string[];
  /** Largest accepted request body, bytes. Default 1 MiB (a contract is ≤ 256 KiB of code). */
  bodyLimitBytes?: number;
  /** Requests per minute per client address. Default 6000. */
  rateLimitPerMinute?: number;
  /**
   * Proxies (addresses or CIDR ranges) whose `Forwarded` / `X-Forwarded-For` name the real client.
   * Default none: the socket's address is the client, whatever the headers say.
   */
  trustProxy?: string[];
  startedAt?: number;
}

export const DEFAULT_CORS_ORIGINS = ['http://127.0.0.1:8080', 'http://localhost:8080', 'http://127.0.0.1:4321', 'http://localhost:4321'];

export type LedgerApp = OpenAPIHono<AppEnv>;

/** Refusals sent before the body was read, or while the ledger stops: the connection cannot usefully carry another request. */
const CLOSES_CONNECTION = new Set(['PayloadTooLarge', 'RateLimited', 'ShuttingDown']);

export function createApp(ledger: Ledger, options: HttpOptions = {}): LedgerApp {
  const app = new OpenAPIHono<AppEnv>();

  const proxies = options.trustProxy?.length ? trustedProxies(options.trustProxy) : undefined;
  app.use('*', async (c, next) => {
    c.set('client', clientKey(clientAddressOf(c, proxies)));
    await next();
    // While the ledger stops, every answer closes its connection, so keep-alive clients reconnect elsewhere.
    if (ledger.processor.closing) c.res.headers.set('Connection', 'close');
  });
  app.use('*', secureHeaders({ crossOriginResourcePolicy: 'cross-origin', crossOriginOpenerPolicy: false }));
  app.use('*', cors({ origin: options.corsOrigins ?? DEFAULT_CORS_ORIGINS, allowHeaders: ['Content-Type', 'Authorization'], maxAge: 600 }));
  app.use('*', rateLimit({ perMinute: options.rateLimitPerMinute ?? 6000, keyOf: (c) => c.get('client') }));
  const limit = options.bodyLimitBytes ?? 1024 * 1024;
  app.use(
    '*',
    bodyLimit({
      maxSize: limit,
      onError: () => {
        throw new LedgerError('PayloadTooLarge', `the request body is over ${limit} bytes`);
      },
    }),
  );
  app.use('*', jsonDepthLimit());
  app.on('POST', ['/balances', '/blocks'], adminOnly(ledger.adminToken));

  app.route('/', apiRoutes(ledger, options.startedAt ?? Date.now()));

  const info = {
    title: 'Tana ledger API',
    version: '0.1.0',
    description:
      'Submit signed transactions; the ledger re-executes contract calls with the same engine and commits only identical outcomes. Errors are { error: { code, message } } with a named code.',
  };
  app.doc31('/openapi.json', { openapi: '3.1.0', info });
  app.get('/docs', (c) => c.html(renderDocsPage(app.getOpenAPI31Document({ openapi: '3.1.0', info }) as Parameters<typeof renderDocsPage>[0])));

  app.notFound(() => {
    throw new LedgerError('NotFound', 'no such endpoint (see /docs)');
  });
  app.onError((error, c) => {
    const ledgerError = asLedgerError(error);
    if (ledgerError.code === 'Internal') console.error('ledger: internal error', error);
    if (ledgerError.retryAfterSeconds !== undefined) c.header('Retry-After', String(ledgerError.retryAfterSeconds));
    if (CLOSES_CONNECTION.has(ledgerError.code)) c.header('Connection', 'close');
    return c.json(ledgerError.toBody(), ledgerError.status);
  });
  return app;
}

function asLedgerError(error: unknown): LedgerError {
  if (error instanceof LedgerError) return error;
  if (error instanceof HTTPException) {
    if (error.status === 400 && /json/i.test(error.message)) return new LedgerError('MalformedJson', 'the request body is not valid JSON');
    if (error.status === 413) return new LedgerError('PayloadTooLarge', error.message);
    return new LedgerError('ValidationError', error.message);
  }
  return new LedgerError('Internal', 'the ledger failed unexpectedly; nothing was committed by this request');
}
