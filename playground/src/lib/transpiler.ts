// The transpiler (sucrase: most of the engine client's code) is loaded when it is first needed, not
// with the page, so that Run is enabled sooner; the app starts loading it once Run is enabled.
import type { transpile } from '@tana/engine';

let loading: Promise<typeof transpile> | undefined;

/** TypeScript → the JavaScript the engine runs (`transpile` of @tana/engine), loaded on first use. */
export function loadTranspiler(): Promise<typeof transpile> {
  loading ??= import('./transpile-chunk.ts').then(
    (chunk) => chunk.transpile,
    (error: unknown) => {
      loading = undefined; // the next run tries again, and says why if it fails again
      throw error;
    },
  );
  return loading;
}
