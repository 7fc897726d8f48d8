// @tana/ledger — the verifying ledger as a library: open one, serve it, or verify a chain.
export { openLedger, engineHashOf, type Faucet, type Ledger, type LedgerOptions } from './ledger.ts';
export { startLedgerServer, closeOnSignals, type RunningLedger, type ServerOptions } from './server.ts';
export { createApp, DEFAULT_CORS_ORIGINS, type HttpOptions, type LedgerApp } from './http/app.ts';
export { verifyChain, type VerifyReport } from './chain/verify.ts';
export { LedgerError, LEDGER_ERRORS, type LedgerErrorCode, type LedgerErrorBody } from './errors.ts';
export type { ChainParams } from './chain/params.ts';
export { publicKeyHexProblem, rawPublicKeyOf } from './tx/signature.ts';
