// Every way the ledger says no: a name, an HTTP status, and a message for people.
// The names are the API: the CLI and the playground switch on them.
import type { ErrorCode as EngineErrorCode } from '@tana/engine';

export const LEDGER_ERRORS = {
  // The request itself
  ValidationError: 400,
  MalformedJson: 400,
  NestingTooDeep: 400,
  PayloadTooLarge: 413,
  RateLimited: 429,
  /** This sender or client address already has as many calls waiting for re-execution as it may. */
  TooManyInFlight: 429,
  NotFound: 404,
  Unauthorized: 401,
  // The transaction's envelope
  WrongChain: 400,
  EngineMismatch: 400,
  ClockSkew: 400,
  BadSignature: 401,
  InvalidPublicKey: 400,
  UnknownSender: 404,
  StaleNonce: 409,
  NonceGap: 409,
  // What it asks for
  UserExists: 409,
  AccountIdTaken: 409,
  UsernameTaken: 409,
  UnknownTeam: 404,
  NotTeamMember: 403,
  /** The member's role does not allow this (only owners manage a team; members spend or deploy only as the team allows). */
  TeamPermissionDenied: 403,
  /** Only users can be members of a team. */
  InvalidMember: 422,
  AlreadyMember: 409,
  /** The change would leave the team without an owner. */
  LastOwner: 409,
  /** The fee (gas × gas price) is over the transaction's signed maxFee. */
  MaxFeeTooLow: 422,
  /** The sender (or the team it acts for) cannot pay the fee. */
  CannotPayFee: 422,
  /** The caller cannot pay the deposit for the state its call keeps. */
  CannotPayDeposit: 422,
  UnknownAccount: 404,
  UnknownCurrency: 404,
  InvalidAmount: 400,
  InsufficientFunds: 422,
  InvalidTransfer: 422,
  UnknownContract: 404,
  NotContractOwner: 403,
  CodeHashMismatch: 400,
  CodeTooLarge: 413,
  GasLimitTooHigh: 400,
  WrongExecutor: 400,
  NotProducer: 403,
  // Re-execution
  DiffMismatch: 422,
  ContractFailed: 422,
  Conflict: 409,
  // The service (each with Retry-After)
  ShuttingDown: 503,
  /** Every re-execution slot and queue place is taken. */
  Overloaded: 503,
  /** The disk is full: nothing was committed; retry once the operator has made room. */
  StorageFull: 503,
  /** PostgreSQL cannot be reached: nothing was committed; the node answers again by itself once it is back. */
  DatabaseUnavailable: 503,
  Internal: 500,
} as const;

export type LedgerErrorCode = keyof typeof LEDGER_ERRORS;

export interface LedgerErrorBody {
  error: {
    code: LedgerErrorCode;
    message: string;
    /** For `ContractFailed`: the engine's own error code (`OutOfGas`, `StorageLimit`, …). */
    engineError?: EngineErrorCode;
    details?: unknown;
  };
  /** With `Conflict`, `StaleNonce` and `NonceGap`: the head to re-run against. */
  head?: { height: number; hash: string };
}

export class LedgerError extends Error {
  readonly code: LedgerErrorCode;
  readonly details?: unknown;
  readonly engineError?: EngineErrorCode;
  /** Sent as `Retry-After` (seconds): when a client may usefully try again. */
  readonly retryAfterSeconds?: number;
  head?: { height: number; hash: string };

  constructor(code: LedgerErrorCode, message: string, extra: { details?: unknown; engineError?: EngineErrorCode; retryAfterSeconds?: number } = {}) {
    super(message);
    this.name = code;
    this.code = code;
    this.details = extra.details;
    this.engineError = extra.engineError;
    this.retryAfterSeconds = extra.retryAfterSeconds;
  }

  get status(): (typeof LEDGER_ERRORS)[LedgerErrorCode] {
    return LEDGER_ERRORS[this.code];
  }

  toBody(): LedgerErrorBody {
    const error: LedgerErrorBody['error'] = { code: this.code, message: this.message };
    if (this.engineError) error.engineError = this.engineError;
    if (this.details !== undefined) error.details = this.details;
    return this.head ? { error, head: this.head } : { error };
  }
}
