// A chain's fixed parameters, chosen at genesis and stored in the database, so that `verify`
// replays a chain under the rules it was built with.
import { DEFAULT_ALLOWED_HOSTS, FREE, LIMITS, type FeeSchedule } from '@tana/engine';

/** The rules new chains are made with: 2 puts users (key and profile) in the state root. */
export const CURRENT_RULESET = 2;

export interface ChainParams {
  chainId: string;
  /**
   * The version of the state-transition rules the chain was made with, so that `verify` replays a
   * chain under its own: absent (1) on chains made before users' profiles were in the state root.
   */
  ruleset?: number;
  /** Fees and storage deposits (@tana/engine's fees.ts). Absent on chains made before fees: no fees. */
  fees?: FeeSchedule;
  /** The ledger's own account: it produces blocks, is the `executor` contracts see, and alone may mint. */
  producer: string;
  producerPublicKey: string;
  currencies: { code: string; decimals: number }[];
  /**
   * Legacy: chains made before the faucet became an operator option (explicit mint transactions, see
   * ledger.ts) credited every new user by this rule, and replaying them must do the same. Null on new chains.
   */
  faucet: { currency: string; amount: string } | null;
  allowedHosts: string[];
  maxGas: number;
  maxCodeBytes: number;
  /** How far a transaction's signed timestamp may be from the ledger's clock. */
  clockSkewMs: number;
}

export function defaultChainParams(overrides: Partial<ChainParams> & Pick<ChainParams, 'producerPublicKey'>): ChainParams {
  return {
    chainId: 'tana-local',
    ruleset: CURRENT_RULESET,
    fees: FREE,
    producer: 'ledger',
    currencies: [
      { code: 'USD', decimals: 2 },
      { code: 'TANA', decimals: 6 },
    ],
    faucet: null,
    allowedHosts: DEFAULT_ALLOWED_HOSTS,
    maxGas: LIMITS.maxGasLimit,
    maxCodeBytes: LIMITS.maxCodeBytes,
    clockSkewMs: 5 * 60_000,
    ...overrides,
  };
}

/** The chain's fee schedule (a chain made before fees has none: everything is free). */
export function feeScheduleOf(params: ChainParams): FeeSchedule {
  return params.fees ?? FREE;
}

/** Whether users (their key and profile) are leaves of the state root on this chain. */
export function usersInStateRoot(params: ChainParams): boolean {
  return (params.ruleset ?? 1) >= 2;
}
