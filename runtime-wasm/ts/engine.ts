import type { Outcome } from './protocol.ts';
import { buildRequest, type RunOptions } from './request.ts';
import { loadInstance, type EngineInstance, type EngineSource } from './instance.ts';
import { transpileOrFail } from './transpile.ts';

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
  engine ??= loadInstance(source).then(withRun, (error) => {
    engine = undefined;
    throw error;
  });
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
