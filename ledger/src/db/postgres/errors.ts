// PostgreSQL failures as named errors. A database that cannot be reached (stopped, restarting,
// failing over, out of connections) is DatabaseUnavailable, 503 with Retry-After, never a 500: the
// node keeps running and answers again by itself once the database is back. A full disk is StorageFull.
import { LedgerError } from '../../errors.ts';

/** Connection-level failures: the socket's codes. */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);

/** pg's own messages for a lost or refused connection (they carry no code). */
const CONNECTION_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|not queryable|Client was closed|Cannot use a pool after calling end/i;

/** SQLSTATEs of a server that is going away or not taking connections. */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300', '58P01']);

export function postgresError(error: unknown): LedgerError {
  if (error instanceof LedgerError) return error;
  const code = String((error as { code?: unknown }).code ?? '');
  const message = String((error as { message?: unknown }).message ?? '');
  if (CONNECTION_CODES.has(code) || code.startsWith('08') || UNAVAILABLE_STATES.has(code) || CONNECTION_MESSAGES.test(message)) {
    return new LedgerError('DatabaseUnavailable', `the ledger's database is unreachable (${code || message}); nothing was committed by this request — try again shortly`, {
      retryAfterSeconds: 5,
    });
  }
  if (code === '53100') {
    return new LedgerError('StorageFull', 'the database’s disk is full; nothing was committed — try again once the operator has made room', { retryAfterSeconds: 30 });
  }
  return new LedgerError('Internal', `the database failed: ${(error as Error).message}`);
}
