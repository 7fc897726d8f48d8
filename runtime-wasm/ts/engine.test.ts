import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { loadEngine } from './engine.ts';
import { buildRequest } from './request.ts';
import type { JsonValue } from './protocol.ts';

const wasmUrl = new URL('../pkg/tana_engine_bg.wasm', import.meta.url);
const committedHash = readFileSync(new URL('../pkg/engine.hash', import.meta.url), 'utf8').trim();
/** A custom section (id 0, 2 bytes: name length 1, name "x"): a valid module that hashes differently. */
const CUSTOM_SECTION = new Uint8Array([0, 2, 1, 0x78]);

test('loads the shipped engine and reports its hash', async () => {
  const engine = await loadEngine();
  assert.equal(engine.hash, committedHash);
  assert.equal(await loadEngine(), engine, 'one engine per realm');
});

test('runs TypeScript with state in and a diff out', async () => {
  const engine = await loadEngine();
  const source = `import { data } from 'tana:data'
const n: number = (await data.get<number>('n')) ?? 0
await data.set('n', n + 1)
await data.commit()
export default n + 1`;
  const outcome = engine.run(source, { state: { n: 1 } });
  assert.equal(outcome.ok, true, JSON.stringify(outcome.error));
  assert.equal(outcome.value, 2);
  assert.deepEqual(outcome.diff, { set: { n: 2 }, deleted: [], transfers: [] });
  assert.ok(outcome.gasUsed > 0);
});

test('a TypeScript syntax error is a ParseError, not an exception', async () => {
  const engine = await loadEngine();
  const outcome = engine.run('const x: = 1');
  assert.equal(outcome.ok, false);
  assert.equal(outcome.error?.code, 'ParseError');
  assert.deepEqual(outcome.diff, { set: {}, deleted: [], transfers: [] });
});

test('a trap (memory cap) is named, and the next run works on a fresh instance', async () => {
  const engine = await loadEngine();
  const bomb = engine.run("const a = []; for (;;) a.push('x'.repeat(1000) + a.length)", { gasLimit: 5e7 });
  assert.equal(bomb.error?.code, 'MemoryLimit');
  const after = engine.run('export default 6 * 7');
  assert.equal(after.value, 42);
});

test('an invalid request is named InvalidRequest', async () => {
  const engine = await loadEngine();
  const outcome = engine.execute({ code: 42, state: [] } as never);
  assert.equal(outcome.error?.code, 'InvalidRequest');
});

// loadEngine keeps one engine per realm, so each source kind loads in its own worker.
for (const kind of ['bytes', 'arraybuffer', 'module', 'file-url', 'path', 'response']) {
  test(`loads from ${kind}`, async () => {
    const result = await inWorker(kind);
    assert.deepEqual(result, { value: 42, hash: kind === 'module' ? '' : committedHash });
  });
}

test('the hash is of the bytes loaded: one byte added (a custom section) changes it', async () => {
  const result = (await inWorker('extended')) as { value: number; hash: string };
  assert.equal(result.value, 42);
  const extended = Buffer.concat([readFileSync(wasmUrl), CUSTOM_SECTION]);
  assert.equal(result.hash, createHash('sha256').update(extended).digest('hex'));
  assert.notEqual(result.hash, committedHash);
});

function inWorker(kind: string): Promise<unknown> {
  const script = `
    const { parentPort, workerData } = require('node:worker_threads');
    const { readFileSync } = require('node:fs');
    const { fileURLToPath } = require('node:url');
    (async () => {
      const { loadEngine } = await import(workerData.engine);
      const url = new URL(workerData.wasm);
      const bytes = readFileSync(url);
      const sources = {
        bytes: () => new Uint8Array(bytes),
        arraybuffer: () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
        module: () => new WebAssembly.Module(bytes),
        'file-url': () => url,
        path: () => fileURLToPath(url),
        response: () => new Response(bytes),
        extended: () => new Uint8Array(Buffer.concat([bytes, Buffer.from(workerData.custom)])),
      };
      const given = sources[workerData.kind]();
      const engine = await loadEngine(given);
      if (workerData.kind === 'bytes') given.fill(0); // the caller reuses its buffer: the hash is still of what was loaded
      parentPort.postMessage({ value: engine.run('export default 42').value, hash: engine.hash });
    })().catch((e) => parentPort.postMessage({ error: String(e) }));`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, {
      eval: true,
      workerData: { kind, engine: new URL('./engine.ts', import.meta.url).href, wasm: wasmUrl.href, custom: CUSTOM_SECTION },
    });
    worker.once('message', (m) => void worker.terminate().then(() => resolve(m)));
    worker.once('error', reject);
  });
}

test('a warm engine runs thousands of function calls without wearing out (the instance is recycled)', async () => {
  const engine = await loadEngine();
  const code = `import { data } from 'tana:data'
export async function bump(by) {
  const n = ((await data.get('n')) ?? 0) + by
  await data.set('n', n)
  await data.set('log', 'x'.repeat(2000))
  await data.commit()
  return n
}`;
  let state: Record<string, JsonValue> = {};
  // Without recycling, Boa's per-run residue filled the 256 MiB memory after ≈1,400 of these.
  for (let i = 1; i <= 2500; i++) {
    const outcome = engine.execute(buildRequest(code, { state, call: { function: 'bump', args: [1] } }));
    assert.equal(outcome.ok, true, `run ${i}: ${outcome.error?.code} ${outcome.error?.message}`);
    state = { ...state, ...outcome.diff.set };
  }
  assert.equal(state.n, 2500);
});
