// What `tana start` accepts beyond port and data dir, parsed into @tana/ledger's options, with the
// defaults that make a local ledger convenient and a public one safe.
import { isIP } from 'node:net';
import { type FeeSchedule, FREE, isAmount, isCurrencyCode, PRICE_PATTERN } from '@tana/engine';
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

/** What a chain reachable by others charges unless told otherwise: spam is not free there. */
export const DEFAULT_PUBLIC_FEES: FeeSchedule = { ...FREE, currency: 'TANA', gasPrice: '1', depositPerByte: '100' };

/**
 * A new chain's fees: `--gas-price <price>[:<CURRENCY>]` (smallest units per gas) and `--deposit-per-byte
 * <amount>`; unset, free for a loopback-only ledger, DEFAULT_PUBLIC_FEES for any other.
 */
export function parseFees(gasPrice: string | undefined, depositPerByte: string | undefined, host: string): FeeSchedule {
  const base = isLoopback(host) ? FREE : DEFAULT_PUBLIC_FEES;
  let fees = base;
  if (gasPrice !== undefined) {
    const [price = '', currency = base.currency, ...rest] = gasPrice.split(':');
    if (!PRICE_PATTERN.test(price) || !isCurrencyCode(currency) || rest.length) {
      throw new UsageError(`--gas-price takes <price>[:<CURRENCY>] in the smallest unit per gas (e.g. 0, 1 or 2:USD) — not '${gasPrice}'`);
    }
    fees = { ...fees, gasPrice: price, currency };
  }
  if (depositPerByte !== undefined) {
    if (!PRICE_PATTERN.test(depositPerByte)) throw new UsageError(`--deposit-per-byte takes a whole number of the smallest unit (e.g. 0 or 100) — not '${depositPerByte}'`);
    fees = { ...fees, depositPerByte };
  }
  return fees;
}
