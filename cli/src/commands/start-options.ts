// What `tana start` accepts beyond port and data dir, parsed into @tana/ledger's options, with the
// defaults that make a local ledger convenient and a public one safe.
import { isIP } from 'node:net';
import { isAmount, isCurrencyCode } from '@tana/engine';
import type { Faucet } from '@tana/ledger';
import { UsageError } from '../output.ts';

export const DEFAULT_LOCAL_FAUCET: Faucet = { amount: '100000', currency: 'USD' };

/** Loopback only: 127.0.0.0/8, ::1, localhost. Anything else can be reached by others. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));
}

/**
 * `--faucet <amount>[:<CURRENCY>]` (amount in the smallest unit), `--faucet off`; unset: on for a
 * loopback-only ledger (the playground's development setup), off for any other.
 */
export function parseFaucet(value: string | undefined, host: string): Faucet | undefined {
  if (value === undefined) return isLoopback(host) ? DEFAULT_LOCAL_FAUCET : undefined;
  if (value === 'off' || value === '0') return undefined;
  const [amount = '', currency = 'USD', ...rest] = value.split(':');
  if (!isAmount(amount) || !isCurrencyCode(currency) || rest.length) {
    throw new UsageError(`--faucet takes <amount>[:<CURRENCY>] in the smallest unit (e.g. 100000 or 5000000:TANA), or off — not '${value}'`);
  }
  return { amount, currency };
}

export function parseList(value: string | undefined): string[] | undefined {
  return value
    ?.split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}
