// The transpiler itself (sucrase). Loaded on first use through transpiler.ts, never with the package.
// It shares no code with the package's entry (transpiler.ts caches and names the errors), so that
// each is bundled as one file of its own: the package's import loads a single module.
import { transform } from 'sucrase';

/** JavaScript, or why the source does not transpile (the message has the position). */
export type Transpiled = { value: string } | { error: string };

/** TypeScript → the JavaScript module the engine runs. Line numbers are kept, so errors point at
 * the TypeScript source. */
export function transpileSource(source: string): Transpiled {
  try {
    return { value: transform(source, { transforms: ['typescript'], disableESTransforms: true, keepUnusedImports: true }).code };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
