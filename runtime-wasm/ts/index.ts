// @tana/engine — run Tana contracts anywhere: browsers, workers, Node.
export { loadEngine, type Engine, type EngineSource } from './engine.ts';
export { createSandbox, type Sandbox, type SandboxOptions } from './sandbox.ts';
export { transpile, TranspileError } from './transpile.ts';
export { buildRequest, DEFAULT_ALLOWED_HOSTS, type RunOptions } from './request.ts';
export { failedOutcome } from './outcome.ts';
export type * from './protocol.ts';
