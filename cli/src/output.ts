// How a command fails: one line on stderr that names the command and the subject, and an exit
// code (2 for a usage error, 1 for anything else).
import { LedgerRequestError } from '@tana/ledger/client';

/** Bad input from the person at the keyboard: a flag, an argument, a file they named. Exit 2. */
export class UsageError extends Error {}

export const EXIT_USAGE = 2;

export function reportError(command: string, error: unknown): number {
  const prefix = `tana ${command}: `;
  if (error instanceof UsageError) {
    process.stderr.write(`${prefix}${error.message}\nRun 'tana ${command} --help' for usage.\n`);
    return EXIT_USAGE;
  }
  if (error instanceof LedgerRequestError) {
    const hint = error.code === 'Unreachable' ? '; start one with: tana start (or pass --ledger <url>)' : '';
    process.stderr.write(`${prefix}${error.code}: ${error.message}${hint}\n`);
    return 1;
  }
  process.stderr.write(`${prefix}${error instanceof Error ? error.message : String(error)}\n`);
  return 1;
}

/** One JSON object on one line: what `--json` prints. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}
