// @tana/engine — run Tana contracts anywhere: browsers, workers, Node.
export { loadEngine, type Engine, type EngineSource } from './engine.ts';
export type { EngineInstance } from './instance.ts';
export { createSandbox, type Sandbox, type SandboxOptions } from './sandbox.ts';
export { transpile, TranspileError } from './transpile.ts';
export { buildRequest, DEFAULT_ALLOWED_HOSTS, type PartialContext, type RunOptions } from './request.ts';
export { failedOutcome } from './outcome.ts';
export { auditTransaction, type AuditInput, type AuditReport, type AuditRunner } from './audit.ts';
export * from './transaction.ts';
export * from './state-proof.ts';
export { publicKeyProblem, signatureProblem, verifyEd25519 } from './ed25519.ts';
export { fromHex, sha256Hex, toHex } from './bytes.ts';
export type * from './protocol.ts';
