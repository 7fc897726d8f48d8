// The transpiler (sucrase) is most of this package's code and most of its import time (about
// 17 of 28 ms in Node): it is loaded when first needed, not with the package. `loadEngine` and the
// sandbox's `run` load it themselves; under Node a first `transpile` loads it synchronously.
import { LRUCache } from 'lru-cache';
import { failedOutcome } from './outcome.ts';
import type { Outcome } from './protocol.ts';
import { isNode } from './platform.ts';
import { TranspileError, TranspilerNotLoadedError } from './transpile-error.ts';

type Transpiler = typeof import('./transpile.ts');

/** Sources transpiled lately, by source. */
const recent = new LRUCache<string, string>({ max: 128 });

let loaded: Transpiler | undefined;
let loading: Promise<Transpiler> | undefined;

/** Loads the transpiler once and gives `transpile`. Needed in browsers before a first `transpile`
 * or `engine.run` of TypeScript, unless `loadEngine` (which loads it too) has resolved. */
export function loadTranspiler(): Promise<(source: string) => string> {
  loading ??= import('./transpile.ts').then(
    (module) => (loaded = module),
    (error: unknown) => {
      loading = undefined; // the next call tries again
      throw error;
    },
  );
  return loading.then(() => transpile);
}

function transpiler(): Transpiler {
  if (loaded) return loaded;
  if (isNode) {
    // The same module `import()` gives (Node shares one module map between require and import).
    const here = import.meta.url;
    loaded = process.getBuiltinModule('node:module').createRequire(here)(here.endsWith('.ts') ? './transpile.ts' : './transpile.js') as Transpiler;
    return loaded;
  }
  throw new TranspilerNotLoadedError();
}

/** TypeScript → the JavaScript module the engine runs. Line numbers are kept, so errors point at
 * the TypeScript source. Throws `TranspileError` on bad syntax. A source run again (a contract
 * called many times) is transpiled once. */
export function transpile(source: string): string {
  const known = recent.get(source);
  if (known !== undefined) return known;
  const result = transpiler().transpileSource(source);
  if ('error' in result) throw new TranspileError(result.error);
  recent.set(source, result.value);
  return result.value;
}

/** The JavaScript, or a `ParseError` outcome (empty diff) for a source that does not transpile. */
export function transpileOrFail(source: string): string | Outcome {
  try {
    return transpile(source);
  } catch (error) {
    if (!(error instanceof TranspileError)) throw error;
    return failedOutcome('ParseError', error.message);
  }
}
