// The engine in real headless Chromium gives outcomes byte-identical to Node's,
// for every example and every adversarial contract, on a warm and a fresh instance.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { loadEngine } from '@tana/engine';
import { ENGINE, openEnginePage } from '../support/engine-page.ts';
import { adversarialRequests, exampleRequests, isolationRequests, standardRequests, type NamedRequest } from '../support/requests.ts';

let page: Page;
let closePage: (() => Promise<void>) | undefined;

before(async () => {
  ({ page, close: closePage } = await openEnginePage());
});

after(() => closePage?.());

/** Runs the requests in the page: all in a row on one instance (warm), then each on a fresh one. */
function runInBrowser(requests: NamedRequest[]): Promise<{ warm: string[]; fresh: string[]; hash: string }> {
  // Sent as JSON text: Playwright's argument types are too deep for ExecuteRequest.
  return page.evaluate(
    async ({ json, ENGINE }) => {
      const requests: NamedRequest[] = JSON.parse(json);
      const { loadEngine } = await import(ENGINE);
      const engine = await loadEngine();
      const warm = requests.map((r) => JSON.stringify(engine.execute(r.request)));
      const fresh = requests.map((r) => {
        engine.reset();
        return JSON.stringify(engine.execute(r.request));
      });
      return { warm, fresh, hash: engine.hash as string };
    },
    { json: JSON.stringify(requests), ENGINE },
  );
}

async function runInNode(requests: NamedRequest[]): Promise<string[]> {
  const engine = await loadEngine();
  return requests.map((r) => {
    engine.reset();
    return JSON.stringify(engine.execute(r.request));
  });
}

for (const [suite, requests] of [
  ['examples', exampleRequests()],
  ['adversarial contracts', adversarialRequests()],
  ['standard built-ins', standardRequests()],
  // In a row on the warm instance, each observer after a polluter must see what a fresh instance sees.
  ['runs that try to leave something for the next', isolationRequests()],
] as const) {
  test(`${suite}: Chromium matches Node byte for byte, warm and fresh`, async () => {
    const node = await runInNode(requests);
    const browser = await runInBrowser(requests);
    requests.forEach((r, i) => {
      assert.equal(browser.fresh[i], node[i], `${r.name} (fresh instance)`);
      assert.equal(browser.warm[i], node[i], `${r.name} (warm instance)`);
    });
    assert.equal(browser.hash, (await loadEngine()).hash, 'same engine file');
  });
}

test('TypeScript examples transpile in the page to the same outcome', async () => {
  const examples = exampleRequests();
  const fromPage = await page.evaluate(
    async ({ json, ENGINE }) => {
      const examples: NamedRequest[] = JSON.parse(json);
      const { loadEngine } = await import(ENGINE);
      const engine = await loadEngine();
      return examples.map((e) => {
        const { state, context } = e.request;
        return JSON.stringify(engine.run(e.source!, { state, context }));
      });
    },
    { json: JSON.stringify(examples), ENGINE },
  );
  const node = await runInNode(examples);
  for (const [i, e] of examples.entries()) assert.equal(fromPage[i], node[i], e.name);
});

test('the sandbox runs in a Web Worker: a catastrophic regex runs out of gas, a run past the wall clock is Timeout, stop() is Stopped', async () => {
  const result = await page.evaluate(async (ENGINE) => {
    const { createSandbox, LIMITS } = await import(ENGINE);
    const sandbox = await createSandbox();
    const regex = await sandbox.run("export default /^(a+)+$/.test('a'.repeat(40) + 'b')");
    const stopped = sandbox.run('for (;;) {}', { gasLimit: LIMITS.maxGasLimit });
    sandbox.stop();
    const next = await sandbox.run('export default 40 + 2');
    await sandbox.close();
    // The wall clock is a safety net that gas keeps out of reach: set far below the largest gas limit here.
    const hurried = await createSandbox({ timeoutMs: 50 });
    const spin = await hurried.run('for (;;) {}', { gasLimit: LIMITS.maxGasLimit });
    await hurried.close();
    return { regex: regex.error?.code, spin: spin.error?.code, stopped: (await stopped).error?.code, value: next.value };
  }, ENGINE);
  assert.deepEqual(result, { regex: 'OutOfGas', spin: 'Timeout', stopped: 'Stopped', value: 42 });
});
