// Options several commands share, and the help text's examples section.
import { InvalidArgumentError, Option } from '@commander-js/extra-typings';
import { PRICE_PATTERN } from '@tana/engine';

export const ledgerOption = () => new Option('--ledger <url>', 'the ledger to talk to (default: --chain, else $TANA_LEDGER, else the default chain, else http://127.0.0.1:8080)').conflicts('chain');
export const chainOption = () => new Option('--chain <name>', 'talk to this chain (one added with tana chain add; default: the one tana chain use chose)');
export const maxFeeOption = () =>
  new Option('--max-fee <amount>', 'refuse to sign if the fee is more than this (smallest unit of the fee currency; the fee is shown before signing)').argParser(parsePrice);
export const asOption = () => new Option('--as <user>', 'act as this local user (default: the first user you created)');
export const jsonOption = () => new Option('--json', 'print one JSON object on stdout instead of text');
export const dataOption = () => new Option('--data <dir>', 'the ledger data directory (default: $TANA_HOME/ledger)');
export const dbOption = () =>
  new Option('--db <url>', 'keep the chain in this PostgreSQL database (postgres://user@host:port/db), which several nodes may share (default: $TANA_DATABASE_URL, else SQLite in the data directory)')
    .env('TANA_DATABASE_URL')
    .argParser(parseDatabaseUrl);

/** A postgres:// or postgresql:// URL; anything else is a usage error that says what is expected. */
export function parseDatabaseUrl(value: string): string {
  if (!/^postgres(ql)?:\/\/[^/]/i.test(value)) throw new InvalidArgumentError(`'${value}' is not a PostgreSQL URL: expected postgres://user@host:port/database`);
  return value;
}

/** A whole number of a currency's smallest unit, 0 allowed. */
export function parsePrice(value: string): string {
  if (!PRICE_PATTERN.test(value)) throw new InvalidArgumentError(`'${value}' is not an amount: a whole number of the smallest unit, e.g. 30000`);
  return value;
}

/** The "Examples:" block every command's --help ends with. */
export function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`;
}
