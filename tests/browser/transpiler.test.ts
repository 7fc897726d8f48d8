// In a page the transpiler is not part of the package's import: `transpile` before it is loaded
// is a named error, `loadTranspiler()` loads it (once) and resolves to `transpile`, and
// `loadEngine()` loads it alongside the wasm so that `engine.run` of TypeScript stays synchronous.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { ENGINE, openEnginePage } from '../support/engine-page.ts';

let page: Page;
let closePage: (() => Promise<void>) | undefined;

before(async () => {
  ({ page, close: closePage } = await openEnginePage());
});

after(() => closePage?.());

test('transpile before loading is TranspilerNotLoadedError; loadTranspiler and loadEngine load it', async () => {
  const result = await page.evaluate(async (ENGINE) => {
    const { loadEngine, loadTranspiler, transpile, TranspilerNotLoadedError } = await import(ENGINE);
    let early = '';
    try {
      transpile('let a: number = 1');
    } catch (error) {
      early = `${(error as Error).name} ${error instanceof TranspilerNotLoadedError}`;
    }
    const loaded = await loadTranspiler();
    const engine = await loadEngine();
    return {
      early,
      same: loaded === transpile || loaded('let a: number = 1') === transpile('let a: number = 1'),
      js: transpile('let a: number = 1'),
      run: engine.run('const x: number = 6 * 7; export default x').value,
    };
  }, ENGINE);
  assert.deepEqual(result, { early: 'TranspilerNotLoadedError true', same: true, js: 'let a = 1', run: 42 });
});
