// One function, as source text, run in V8 (this process) and in the engine (a contract that
// exports its result), so that a test can compare what the two make of the same arguments.
import assert from 'node:assert/strict';
import { buildRequest, LIMITS, loadEngine } from '@tana/engine';

const engine = await loadEngine();

/** The function `source` (an expression such as `(a, b) => …`), callable in V8 and in the engine. */
export function inBoth<Args extends unknown[], Result>(source: string): { v8: (...args: Args) => Result; engine: (...args: Args) => Result } {
  return {
    v8: new Function(`return ${source}`)() as (...args: Args) => Result,
    engine: (...args) => {
      const code = `export default (${source})(${args.map((a) => JSON.stringify(a)).join(', ')})`;
      const outcome = engine.execute(buildRequest(code, { gasLimit: LIMITS.maxGasLimit }));
      assert.ok(outcome.ok, JSON.stringify(outcome.error));
      return outcome.value as Result;
    },
  };
}
