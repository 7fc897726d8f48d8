// @tana/engine — run Tana contracts anywhere: browsers, workers, Node.
export { loadEngine, type Engine, type EngineSource } from './engine.ts';
export { compileEngine, type EngineInstance } from './instance.ts';
export { createSandbox, DEFAULT_TIMEOUT_MS, type Sandbox, type SandboxOptions } from './sandbox.ts';
export { transpile, TranspileError } from './transpile.ts';
export { buildRequest, DEFAULT_ALLOWED_HOSTS, type PartialContext, type RunOptions } from './request.ts';
export { failedOutcome } from './outcome.ts';
export { auditTransaction, type AuditInput, type AuditReport, type AuditRunner } from './audit.ts';
export * from './transaction.ts';
export * from './state-proof.ts';
export { publicKeyProblem, signatureProblem, verifyEd25519 } from './ed25519.ts';
export { fromBase64Url, fromHex, sha256Hex, toBase64Url, toHex } from './bytes.ts';
export { applyDiff } from './apply-diff.ts';
export { runRecordingFetches, type FetchReplayOptions } from './fetch-replay.ts';
export { ACCOUNT_ID_PATTERN, ACCOUNT_ID_RULE, contractIdFor, isAccountId } from './ids.ts';
export { AMOUNT_PATTERN, AMOUNT_RULE, CURRENCY_CODE_PATTERN, CURRENCY_CODE_RULE, isAmount, isCurrencyCode } from './amount.ts';
export { formatPosition, lineSuffix, parseErrorOutcome, positionInMessage, type SourcePosition } from './source-position.ts';
export type * from './protocol.ts';
export { LIMITS } from './protocol.ts';
