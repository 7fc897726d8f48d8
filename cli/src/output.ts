// Small output helpers shared by the commands: errors as one clear line, progress on stderr.
import { LedgerRequestError } from '@tana/ledger/client';

export class UsageError extends Error {}

export function progress(message: string): void {
  process.stderr.write(`… ${message}\n`);
}

/** Exit code for an error: 2 for usage, 1 otherwise, with the ledger's named code when there is one. */
export function reportError(command: string, error: unknown): number {
  if (error instanceof UsageError || String((error as { code?: unknown } | undefined)?.code).startsWith('ERR_PARSE_ARGS')) {
    process.stderr.write(`tana ${command}: ${(error as Error).message}\n`);
    return 2;
  }
  if (error instanceof LedgerRequestError) {
    process.stderr.write(`tana ${command}: ${error.code}: ${error.message}\n`);
    return 1;
  }
  process.stderr.write(`tana ${command}: ${(error as Error).message}\n`);
  return 1;
}
