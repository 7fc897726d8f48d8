// The transpiler itself (sucrase). Loaded on first use through transpiler.ts, never with the package.
import { LRUCache } from 'lru-cache';
import { transform } from 'sucrase';
import { failedOutcome } from './outcome.ts';
import type { Outcome } from './protocol.ts';
import { TranspileError } from './transpile-error.ts';

export { TranspileError };

/** Sources transpiled lately, by source. */
const recent = new LRUCache<string, string>({ max: 128 });

/** TypeScript → the JavaScript module the engine runs. Line numbers are kept, so
 * errors point at the TypeScript source. Throws `TranspileError` on bad syntax.
 * A source run again (a contract called many times) is transpiled once. */
export function transpile(source: string): string {
  const known = recent.get(source);
  if (known !== undefined) return known;
  let code: string;
  try {
    code = transform(source, { transforms: ['typescript'], disableESTransforms: true, keepUnusedImports: true }).code;
  } catch (error) {
    throw new TranspileError(error instanceof Error ? error.message : String(error));
  }
  recent.set(source, code);
  return code;
}

/** The JavaScript, or a `ParseError` outcome (empty diff) for a source that does not transpile. */
export function transpileOrFail(source: string): string | Outcome {
  try {
    return transpile(source);
  } catch (error) {
    return failedOutcome('ParseError', (error as Error).message);
  }
}
