import type { Outcome } from './protocol.ts';
import { buildRequest, type RunOptions } from './request.ts';
import { loadInstance, type EngineInstance, type EngineSource } from './instance.ts';
import { isNode } from './platform.ts';
import { loadTranspiler, transpileOrFail } from './transpiler.ts';

export type { EngineSource } from './instance.ts';

export interface Engine extends EngineInstance {
  /** Transpiles TypeScript (unless `typescript: false`) and runs it with friendly defaults. */
  run(source: string, options?: RunOptions & { typescript?: boolean }): Outcome;
}

/**
 * Loads the engine once per JavaScript realm (later calls return the same engine).
 * With no source it loads the `.wasm` shipped beside this package.
 */
export function loadEngine(source?: EngineSource): Promise<Engine> {
  // In browsers the transpiler loads while the wasm is read and compiled, so that `run` can stay
  // synchronous; under Node a first `run` of TypeScript loads it then (transpiler.ts).
  engine ??= Promise.all([loadInstance(source), isNode ? undefined : loadTranspiler()]).then(
    ([instance]) => withRun(instance),
    (error) => {
      engine = undefined;
      throw error;
    },
  );
  return engine;
}

let engine: Promise<Engine> | undefined;

function withRun(instance: EngineInstance): Engine {
  return {
    // Not spread: `hash` is computed when first read (instance.ts).
    get hash() {
      return instance.hash;
    },
    execute: instance.execute,
    reset: instance.reset,
    run: (code, options = {}) => {
      const js = options.typescript === false ? code : transpileOrFail(code);
      return typeof js === 'string' ? instance.execute(buildRequest(js, options)) : js;
    },
  };
}
