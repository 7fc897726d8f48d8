// Admin endpoints (mint, empty blocks) take `Authorization: Bearer <data dir>/admin-token`, checked by
// Hono's bearerAuth (constant-time comparison of hashed tokens).
import type { MiddlewareHandler } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import { LedgerError } from '../errors.ts';

export function adminOnly(token: string): MiddlewareHandler {
  // A message function that throws: the refusal goes through onError as the named Unauthorized.
  const refuse = () => {
    throw new LedgerError('Unauthorized', 'this needs the ledger’s admin token (Authorization: Bearer …, in <data dir>/admin-token)');
  };
  return bearerAuth({ token, noAuthenticationHeader: { message: refuse }, invalidAuthenticationHeader: { message: refuse }, invalidToken: { message: refuse } });
}
