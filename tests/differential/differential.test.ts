// The engine is a pure function on every host: thousands of seeded contracts at its edges
// (depth limits, gas limits of built-ins, non-JSON values, lone surrogates) give byte-identical
// outcomes on Node's main thread (warm and fresh), in a Node worker sandbox, in a Chromium page
// (warm and fresh) and in a Chromium Web Worker sandbox.
//   TANA_DIFFERENTIAL_CASES=20000 TANA_DIFFERENTIAL_SEED=7 npm run test:differential
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { createSandbox, loadEngine, type ExecuteRequest } from '@tana/engine';
import { ENGINE, openEnginePage } from '../support/engine-page.ts';
import { differentialCases } from './contracts.ts';

const SEED = Number(process.env.TANA_DIFFERENTIAL_SEED ?? 20261130);
const COUNT = Number(process.env.TANA_DIFFERENTIAL_CASES ?? 2000);
/** A fresh instance per case costs an instantiation; every FRESH_EVERY-th case gets one. */
const FRESH_EVERY = 5;
/** The sandboxes' wall clock is a safety net; no case here may come near it. */
const SANDBOX_TIMEOUT_MS = 60_000;

const cases = differentialCases(SEED, COUNT);
const requests = cases.map((c) => c.request);
let page: Page;
let closePage: (() => Promise<void>) | undefined;

before(async () => {
  ({ page, close: closePage } = await openEnginePage());
});

after(() => closePage?.());

/** Node, main thread: all cases on one warm instance, and every FRESH_EVERY-th on a fresh one. */
async function nodeMain(): Promise<{ warm: string[]; fresh: Map<number, string> }> {
  const engine = await loadEngine();
  const warm = requests.map((r) => JSON.stringify(engine.execute(r)));
  const fresh = new Map<number, string>();
  for (let i = 0; i < requests.length; i += FRESH_EVERY) {
    engine.reset();
    fresh.set(i, JSON.stringify(engine.execute(requests[i])));
  }
  return { warm, fresh };
}

async function nodeWorker(): Promise<string[]> {
  const sandbox = await createSandbox({ timeoutMs: SANDBOX_TIMEOUT_MS });
  const out: string[] = [];
  for (const r of requests) out.push(JSON.stringify(await sandbox.execute(r)));
  await sandbox.close();
  return out;
}

function chromium(): Promise<{ warm: string[]; fresh: Record<number, string>; worker: string[] }> {
  return page.evaluate(
    async ({ json, ENGINE, FRESH_EVERY, SANDBOX_TIMEOUT_MS }) => {
      const requests: ExecuteRequest[] = JSON.parse(json);
      const { loadEngine, createSandbox } = await import(ENGINE);
      const engine = await loadEngine();
      const warm = requests.map((r) => JSON.stringify(engine.execute(r)));
      const fresh: Record<number, string> = {};
      for (let i = 0; i < requests.length; i += FRESH_EVERY) {
        engine.reset();
        fresh[i] = JSON.stringify(engine.execute(requests[i]));
      }
      const sandbox = await createSandbox({ timeoutMs: SANDBOX_TIMEOUT_MS });
      const worker: string[] = [];
      for (const r of requests) worker.push(JSON.stringify(await sandbox.execute(r)));
      await sandbox.close();
      return { warm, fresh, worker };
    },
    { json: JSON.stringify(requests), ENGINE, FRESH_EVERY, SANDBOX_TIMEOUT_MS },
  );
}

test(`${COUNT} edge contracts (seed ${SEED}): one outcome on every host, warm and fresh`, async () => {
  const [main, worker, page] = await Promise.all([nodeMain(), nodeWorker(), chromium()]);
  const codes = new Map<string, number>();
  requests.forEach((_, i) => {
    const expected = main.warm[i];
    const where = `case ${i} (seed ${SEED}):\n${cases[i].code}\n`;
    if (main.fresh.has(i)) assert.equal(main.fresh.get(i), expected, `${where}Node main, fresh instance`);
    assert.equal(worker[i], expected, `${where}Node worker sandbox`);
    assert.equal(page.warm[i], expected, `${where}Chromium page, warm`);
    if (i in page.fresh) assert.equal(page.fresh[i], expected, `${where}Chromium page, fresh instance`);
    assert.equal(page.worker[i], expected, `${where}Chromium Web Worker sandbox`);
    const outcome = JSON.parse(expected);
    assert.ok(!['Timeout', 'EngineFailure'].includes(outcome.error?.code), `${where}ended in ${outcome.error?.code}: ${outcome.error?.message}`);
    const key = outcome.ok ? 'ok' : outcome.error.code;
    codes.set(key, (codes.get(key) ?? 0) + 1);
  });
  // The generator must reach every edge it is meant to: each of these outcomes occurs.
  for (const code of ['ok', 'DepthLimit', 'OutOfGas', 'NotSerializable', 'ContractError']) {
    assert.ok(codes.has(code), `no case ended in ${code}: ${JSON.stringify([...codes])}`);
  }
  console.log(`outcomes: ${JSON.stringify(Object.fromEntries(codes))}`);
});
