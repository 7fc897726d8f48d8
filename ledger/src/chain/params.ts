// A chain's fixed parameters, chosen at genesis and stored in the database, so that `verify`
// replays a chain under the rules it was built with.
import { DEFAULT_ALLOWED_HOSTS, LIMITS } from '@tana/engine';

export interface ChainParams {
  chainId: string;
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
    producer: 'ledger',
    currencies: [
      { code: 'USD', decimals: 2 },
      { code: 'TANA', decimals: 6 },
    ],
    faucet: null,
    allowedHosts: DEFAULT_ALLOWED_HOSTS,
    maxGas: LIMITS.maxGasLimit,
    maxCodeBytes: 256 * 1024,
    clockSkewMs: 5 * 60_000,
    ...overrides,
  };
}
