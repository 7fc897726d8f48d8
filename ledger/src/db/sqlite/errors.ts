// SQLite failures a client can do something about, as named errors: a full disk is not a bug in the
// ledger (500) but a state the operator fixes, after which the same request succeeds (503 + Retry-After).
import { LedgerError } from '../../errors.ts';

export function sqliteError(error: unknown): LedgerError {
  if (error instanceof LedgerError) return error;
  const code = (error as { code?: unknown }).code;
  if (code === 'SQLITE_FULL' || code === 'SQLITE_IOERR_WRITE' || (error as NodeJS.ErrnoException).code === 'ENOSPC') {
    return new LedgerError('StorageFull', 'the ledger’s disk is full; nothing was committed — try again once the operator has made room', { retryAfterSeconds: 30 });
  }
  return new LedgerError('Internal', `the commit failed: ${(error as Error).message}`);
}
